/*
 * The e-mail channel: MIME decoding of what Chinese mail clients send (RFC 2047 encoded words,
 * quoted-printable text split inside multi-byte characters, base64 attachments with RFC 2231
 * names), robustness on arbitrary bytes, and the drop folder: processed/, failed/ with the
 * reason, no duplicate ticket for a Message-ID seen before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { TestDatabases } from '@backstage/backend-test-utils';
import { AuditLog, WorkingCalendar, migrateAuditLog, seedDaysFromChineseDays } from '@yinxin/ops-node';
import { DEFAULT_SLA_POLICY } from '../sla/SlaPolicy';
import { StaticAgentDirectory } from '../service/assignment';
import { migrateTickets } from '../service/migrations';
import { TicketService } from '../service/TicketService';
import { ingestMailDrop, parseEmail } from './emailIngest';

jest.setTimeout(120_000);

const BODY_QP = [
  // 您好，我单位的签名证书 / 将于下月到期，请问如何续期？ — soft breaks fall inside characters.
  '=E6=82=A8=E5=A5=BD=EF=BC=8C=E6=88=91=E5=8D=95=E4=BD=8D=E7=9A=84=E7=AD=BE=',
  '=E5=90=8D=E8=AF=81=E4=B9=A6=E5=B0=86=E4=BA=8E=E4=B8=8B=E6=9C=88=E5=88=B0=E6=',
  '=9C=9F=EF=BC=8C=E8=AF=B7=E9=97=AE=E5=A6=82=E4=BD=95=E7=BB=AD=E6=9C=9F=EF=BC=9F',
];

/** A multipart message as a Chinese mail client would send it. */
function renewalMail(messageId: string, attachment = 'UElOIGxvY2tlZDogMHg2OTgzCg=='): string {
  return [
    'Return-Path: <li.mishu@example.invalid>',
    'From: =?UTF-8?B?5p2O56eY5Lmm?= <li.mishu@example.invalid>',
    'To: =?UTF-8?B?5a6i5pyN?= <support@example.invalid>',
    `Message-ID: <${messageId}@mail.example.invalid>`,
    'Date: Wed, 11 Mar 2026 10:15:00 +0800',
    // Two adjacent encoded words (B then Q): the space between them is not part of the text.
    'Subject: =?UTF-8?B?5YWz5LqO6K+B5Lmm?= =?utf-8?Q?=E7=BB=AD=E6=9C=9F=E7=9A=84=E5=92=A8=E8=AF=A2?=',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="==part=="',
    '',
    'This is a multi-part message in MIME format.',
    '--==part==',
    'Content-Type: text/plain; charset="utf-8"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    ...BODY_QP,
    '--==part==',
    'Content-Type: text/plain; charset=utf-8',
    "Content-Disposition: attachment; filename*=UTF-8''%E6%97%A5%E5%BF%97.txt",
    'Content-Transfer-Encoding: base64',
    '',
    attachment,
    '--==part==--',
    '',
  ].join('\r\n');
}

describe('parseEmail', () => {
  it('decodes encoded-word headers, a quoted-printable body and a base64 attachment', async () => {
    const mail = await parseEmail(Buffer.from(renewalMail('r1')));
    expect(mail).toEqual({
      messageId: '<r1@mail.example.invalid>',
      fromName: '李秘书',
      fromAddress: 'li.mishu@example.invalid',
      subject: '关于证书续期的咨询',
      text: '您好，我单位的签名证书将于下月到期，请问如何续期？',
      attachments: [{ filename: '日志.txt', contentType: 'text/plain', content: Buffer.from('PIN locked: 0x6983\n') }],
    });
  });

  it('takes the text of an HTML-only message and names a message without subject', async () => {
    const raw = ['From: ops@example.invalid', 'Content-Type: text/html; charset=utf-8', '', '<p>证书<b>吊销</b>失败</p>'].join('\r\n');
    const mail = await parseEmail(Buffer.from(raw));
    expect(mail.text).toBe('证书吊销失败');
    expect(mail.subject).toBe('(无主题)');
    expect(mail.fromName).toBe('ops@example.invalid');
    expect(mail.messageId).toBe('');
  });

  it.each([
    ['filename="../../etc/passwd"', '.._.._etc_passwd'],
    ['filename="..\\\\..\\\\evil.bat"', '.._.._evil.bat'],
    ['filename="a\tb.txt"', 'a_b.txt'],
  ])('replaces path separators and control characters in the attachment name %s', async (disposition, expected) => {
    const raw = renewalMail('r2').replace("filename*=UTF-8''%E6%97%A5%E5%BF%97.txt", disposition);
    expect((await parseEmail(Buffer.from(raw))).attachments.map(a => a.filename)).toEqual([expected]);
  });

  it.each([
    ['no From header', 'To: support@example.invalid\r\nSubject: hi\r\n\r\nbody'],
    ['a From with a name only', 'From: =?UTF-8?B?5p2O56eY5Lmm?=\r\nSubject: hi\r\n\r\nbody'],
    ['a From that is not an address', 'From: <li mishu>\r\nSubject: hi\r\n\r\nbody'],
    ['an empty message', ''],
  ])('rejects %s', async (_name, raw) => {
    await expect(parseEmail(Buffer.from(raw))).rejects.toThrow(/From/);
  });

  it('rejects a message larger than the limit before parsing it', async () => {
    await expect(parseEmail(Buffer.alloc(5 * 1024 * 1024 + 1, 0x41))).rejects.toThrow(/larger than/);
  });

  it('never crashes on arbitrary bytes: resolves with a bounded result or rejects with an Error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async bytes => {
        let outcome: unknown;
        try {
          outcome = await parseEmail(Buffer.from(bytes));
        } catch (e) {
          expect(e).toBeInstanceOf(Error);
          return;
        }
        const mail = outcome as Awaited<ReturnType<typeof parseEmail>>;
        expect(mail.fromAddress).toMatch(/^[^\s@<>]+@[^\s@<>]+$/);
        expect(mail.subject.length).toBeGreaterThan(0);
        expect(mail.subject.length).toBeLessThanOrEqual(200);
        expect(mail.messageId.length).toBeLessThanOrEqual(255);
        for (const a of mail.attachments) expect(a.filename).not.toMatch(/[\\/\u0000-\u001f]/);
      }),
      { numRuns: 400 },
    );
  });

  it('never crashes on byte soup behind a valid From line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async bytes => {
        const raw = Buffer.concat([Buffer.from('From: a@example.invalid\r\n'), Buffer.from(bytes)]);
        await parseEmail(raw).then(
          m => expect(typeof m.text).toBe('string'),
          e => expect(e).toBeInstanceOf(Error),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('ingestMailDrop', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    await migrateTickets(knex);
    await migrateAuditLog(knex);
    const audit = new AuditLog({ knex, source: 'tickets' });
    const tickets = new TicketService({
      knex,
      audit,
      calendar: async () => new WorkingCalendar({ days: seedDaysFromChineseDays() }),
      policy: DEFAULT_SLA_POLICY,
      agents: new StaticAgentDirectory([{ ref: 'user:default/agent', skills: [] }]),
      clock: () => new Date('2026-03-11T02:15:00Z'),
      maxAttachmentBytes: 64,
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinxin-drop-'));
    dirs.push(dir);
    const write = (name: string, content: string | Buffer) => fs.writeFileSync(path.join(dir, name), content);
    const ls = (sub: string) => fs.readdirSync(path.join(dir, sub)).sort();
    return { knex, audit, tickets, dir, write, ls };
  }

  it('turns good messages into tickets, sets bad ones aside with the reason, and never duplicates', async () => {
    const { audit, tickets, dir, write, ls } = await setup();
    write('001-renewal.eml', renewalMail('m-100'));
    write('002-garbage.eml', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0d, 0x0a]));
    write('003-resent.eml', renewalMail('m-100'));
    write('notes.txt', 'not a message');
    fs.mkdirSync(path.join(dir, 'subdir.eml'));

    const first = await ingestMailDrop(dir, tickets);
    expect(first.created).toHaveLength(1);
    expect(first.created[0]).toMatch(/^YX20260311\d{4}$/);
    expect(first.duplicates).toEqual(['003-resent.eml']);
    expect(first.failed).toEqual(['002-garbage.eml']);
    expect(ls('processed')).toEqual(['001-renewal.eml', '003-resent.eml']);
    expect(ls('failed')).toEqual(['002-garbage.eml', '002-garbage.eml.error.txt']);
    expect(fs.readFileSync(path.join(dir, 'failed', '002-garbage.eml.error.txt'), 'utf8')).toMatch(/From/);
    expect(fs.readdirSync(dir).sort()).toEqual(['failed', 'notes.txt', 'processed', 'subdir.eml']);

    const { items, total } = await tickets.list({});
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      number: first.created[0],
      title: '关于证书续期的咨询',
      description: '您好，我单位的签名证书将于下月到期，请问如何续期？',
      channel: 'email',
      category: 'other',
      requesterName: '李秘书',
      requesterContact: 'li.mishu@example.invalid',
      createdBy: 'email:li.mishu@example.invalid',
      assignee: 'user:default/agent',
    });
    const files = await tickets.attachments(items[0].id);
    expect(files.map(f => [f.filename, f.size])).toEqual([['日志.txt', 19]]);

    // A later run: nothing left to do; then the same Message-ID arriving again is a duplicate.
    expect(await ingestMailDrop(dir, tickets)).toEqual({ created: [], failed: [], duplicates: [] });
    write('004-again.eml', renewalMail('m-100'));
    expect(await ingestMailDrop(dir, tickets)).toEqual({ created: [], failed: [], duplicates: ['004-again.eml'] });
    expect((await tickets.list({})).total).toBe(1);
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('creates the ticket but skips an attachment over the size limit', async () => {
    const { tickets, dir, write, ls } = await setup();
    write('big.eml', renewalMail('m-200', Buffer.alloc(65, 0x61).toString('base64')));
    const result = await ingestMailDrop(dir, tickets);
    expect(result.created).toHaveLength(1);
    expect(ls('processed')).toEqual(['big.eml']);
    const [ticket] = (await tickets.list({})).items;
    expect(await tickets.attachments(ticket.id)).toEqual([]);
  });

  it('treats a missing drop directory as empty', async () => {
    const { tickets, dir } = await setup();
    const missing = path.join(dir, 'not-yet');
    expect(await ingestMailDrop(missing, tickets)).toEqual({ created: [], failed: [], duplicates: [] });
  });
});
