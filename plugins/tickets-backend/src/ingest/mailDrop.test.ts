/*
 * E-mail channel: parsing real-shaped MIME messages, robustness on arbitrary bytes (property
 * test), and the drop-folder ingestion with duplicates and failures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import knexFactory from 'knex';
import { AuditLog, WorkingCalendar, migrateAuditLog, seedDaysFromChineseDays } from '@yinxin/ops-node';
import { DEFAULT_SLA_POLICY } from '../sla/SlaPolicy';
import { StaticAgentDirectory } from '../service/assignment';
import { migrateTickets } from '../service/migrations';
import { TicketService } from '../service/TicketService';
import { ingestMailDrop, parseEmail } from './emailIngest';

const message = (id: string) =>
  Buffer.from(
    [
      'From: =?UTF-8?B?546L56eR5ZGY?= <wang@example.invalid>',
      'To: support@example.invalid',
      `Message-ID: <${id}@example.invalid>`,
      'Subject: =?UTF-8?B?6K+B5Lmm5pu05paw5aSx6LSl?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '=E8=AF=81=E4=B9=A6=E6=9B=B4=E6=96=B0=E6=97=B6=E6=8F=90=E7=A4=BA=E9=94=99=E8=AF=AF',
      '--b1',
      'Content-Type: text/plain; name="log.txt"',
      'Content-Disposition: attachment; filename="log.txt"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('error 0x0A00001').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n'),
  );

describe('parseEmail', () => {
  it('decodes encoded-word headers, quoted-printable text and base64 attachments', async () => {
    const mail = await parseEmail(message('m1'));
    expect(mail).toMatchObject({
      fromName: '王科员',
      fromAddress: 'wang@example.invalid',
      subject: '证书更新失败',
      text: '证书更新时提示错误',
      messageId: '<m1@example.invalid>',
    });
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe('log.txt');
    expect(mail.attachments[0].content.toString()).toBe('error 0x0A00001');
  });

  it('rejects a message without a sender', async () => {
    await expect(parseEmail(Buffer.from('Subject: hi\r\n\r\nbody'))).rejects.toThrow('From');
  });

  it('never crashes on arbitrary bytes: it resolves or rejects with an Error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async bytes => {
        try {
          const mail = await parseEmail(Buffer.from(bytes));
          expect(typeof mail.subject).toBe('string');
          expect(mail.subject.length).toBeLessThanOrEqual(200);
        } catch (e) {
          expect(e).toBeInstanceOf(Error);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on header-shaped garbage', async () => {
    const line = fc.tuple(fc.constantFrom('From', 'Subject', 'Content-Type', 'Content-Transfer-Encoding', 'X'), fc.string({ maxLength: 80 }));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.string({ maxLength: 400 }), async (headers, body) => {
        const raw = `${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`;
        await parseEmail(Buffer.from(raw)).then(
          m => expect(m.fromAddress).toContain('@'),
          e => expect(e).toBeInstanceOf(Error),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('ingestMailDrop', () => {
  it('turns messages into tickets once, and sets aside what it cannot read', async () => {
    const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await migrateTickets(knex);
    await migrateAuditLog(knex);
    const service = new TicketService({
      knex,
      audit: new AuditLog({ knex, source: 'tickets' }),
      calendar: async () => new WorkingCalendar({ days: seedDaysFromChineseDays() }),
      policy: DEFAULT_SLA_POLICY,
      agents: new StaticAgentDirectory([]),
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinxin-mail-'));
    fs.writeFileSync(path.join(dir, 'a.eml'), message('m1'));
    fs.writeFileSync(path.join(dir, 'b.eml'), message('m1'));
    fs.writeFileSync(path.join(dir, 'c.eml'), 'no sender here');
    fs.writeFileSync(path.join(dir, 'ignored.txt'), 'not a message');

    const result = await ingestMailDrop(dir, service);
    expect(result.created).toHaveLength(1);
    expect(result.duplicates).toEqual(['b.eml']);
    expect(result.failed).toEqual(['c.eml']);
    expect(fs.readdirSync(path.join(dir, 'processed')).sort()).toEqual(['a.eml', 'b.eml']);
    expect(fs.readdirSync(path.join(dir, 'failed')).sort()).toEqual(['c.eml', 'c.eml.error.txt']);
    expect(fs.existsSync(path.join(dir, 'ignored.txt'))).toBe(true);

    const { items } = await service.list({});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ channel: 'email', title: '证书更新失败', requesterContact: 'wang@example.invalid' });
    expect((await service.attachments(items[0].id)).map(a => a.filename)).toEqual(['log.txt']);
    await knex.destroy();
  });
});
