import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { TicketService } from '../service/TicketService';

/** Largest message accepted from the drop folder. */
export const MAX_EMAIL_BYTES = 5 * 1024 * 1024;

/** A message reduced to what a ticket needs. */
export interface ParsedEmail {
  messageId: string;
  fromName: string;
  fromAddress: string;
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/**
 * Parses an RFC 5322 message (MIME, encoded words, quoted-printable and base64 bodies). Throws on
 * input that is not a message with a sender.
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  if (raw.length > MAX_EMAIL_BYTES) throw new Error(`message larger than ${MAX_EMAIL_BYTES} bytes`);
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipImageLinks: true });
  const from = mail.from?.value?.[0];
  // mailparser accepts anything as an address ("From: =<A" gives "A"); a ticket needs a real one.
  if (!from?.address || !/^[^\s@<>]+@[^\s@<>]+$/.test(from.address)) throw new Error('message has no valid From address');
  const text = (mail.text ?? '').trim();
  return {
    messageId: (mail.messageId ?? '').slice(0, 255),
    fromName: (from.name || from.address).slice(0, 100),
    fromAddress: from.address.slice(0, 200),
    subject: (mail.subject ?? '').trim().slice(0, 200) || '(无主题)',
    text: text.slice(0, 20_000),
    attachments: (mail.attachments ?? []).map(a => ({
      filename: (a.filename ?? 'attachment').replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 255),
      contentType: (a.contentType ?? 'application/octet-stream').slice(0, 100),
      content: a.content,
    })),
  };
}

/**
 * Ingests every `*.eml` file in `dir`: each becomes a ticket (channel e-mail), its attachments
 * within the size limit are attached, and the file moves to `processed/` — or to `failed/` with a
 * `.error.txt` beside it. A message whose Message-ID was already ingested is not duplicated.
 */
export async function ingestMailDrop(
  dir: string,
  tickets: TicketService,
): Promise<{ created: string[]; failed: string[]; duplicates: string[] }> {
  const result = { created: [] as string[], failed: [] as string[], duplicates: [] as string[] };
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  await fs.mkdir(path.join(dir, 'processed'), { recursive: true });
  await fs.mkdir(path.join(dir, 'failed'), { recursive: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.eml')) continue;
    const file = path.join(dir, entry.name);
    try {
      const stat = await fs.stat(file);
      if (stat.size > MAX_EMAIL_BYTES) throw new Error(`message larger than ${MAX_EMAIL_BYTES} bytes`);
      const mail = await parseEmail(await fs.readFile(file));
      if (mail.messageId && (await tickets.hasEmail(mail.messageId))) {
        result.duplicates.push(entry.name);
      } else {
        const actor = `email:${mail.fromAddress}`;
        const { ticket } = await tickets.create(
          {
            title: mail.subject,
            description: mail.text,
            channel: 'email',
            category: 'other',
            priority: 'normal',
            kind: 'request',
            requesterName: mail.fromName,
            requesterContact: mail.fromAddress,
            organisation: '',
            emailMessageId: mail.messageId || null,
          },
          actor,
        );
        for (const a of mail.attachments) {
          if (a.content.length > 0 && a.content.length <= tickets.maxAttachmentBytes) await tickets.attach(ticket.id, a, actor);
        }
        result.created.push(ticket.number);
      }
      await fs.rename(file, path.join(dir, 'processed', entry.name));
    } catch (e) {
      result.failed.push(entry.name);
      await fs.rename(file, path.join(dir, 'failed', entry.name)).catch(() => {});
      await fs.writeFile(path.join(dir, 'failed', `${entry.name}.error.txt`), String(e)).catch(() => {});
    }
  }
  return result;
}
