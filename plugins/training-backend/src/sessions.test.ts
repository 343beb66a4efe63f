/*
 * Acceptance: trainers, plans and courses, sessions, requests, enrolment, attendance, feedback,
 * certificates and reports over HTTP on each database engine, with the plugin's clock under the
 * test's control: an unqualified trainer is refused with a clear message; a full session refuses
 * another enrolment, also when learners race for the last seat.
 */
import request from 'supertest';
import { Knex } from 'knex';
import { TestDatabaseId, startTestBackend } from '@backstage/backend-test-utils';
import { engineDatabaseFactory, engineDatabases } from '@yinxin/backend-testing';
import { RealtimeHub } from '@yinxin/ops-node';
import type { CertificateInput, PdfDocumentInput } from './export/pdfDoc';
import { as, removeTempStorage, snapshot, tempStorage, trainingTestFeatures } from './testing/trainingBackend';
import { tinyPdf } from './testing/tinyPdf';

jest.setTimeout(600_000);

const databases = engineDatabases();
const HOUR = 3_600_000;

describe.each(databases.eachSupportedId())('training plans and sessions on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let stop: () => Promise<void>;
  let knex: Knex;
  let now = new Date('2026-12-01T01:00:00.000Z');
  const certificates: CertificateInput[] = [];
  const pdfs: PdfDocumentInput[] = [];
  const published = jest.spyOn(RealtimeHub.prototype, 'publish');
  const rooms = jest.spyOn(RealtimeHub.prototype, 'registerRooms');

  const post = (who: string, path: string, body: object = {}) => request(server).post(`/api/training${path}`).set('Authorization', as(who)).send(body);
  const put = (who: string, path: string, body: object) => request(server).put(`/api/training${path}`).set('Authorization', as(who)).send(body);
  const patch = (who: string, path: string, body: object) => request(server).patch(`/api/training${path}`).set('Authorization', as(who)).send(body);
  const get = (who: string, path: string) => request(server).get(`/api/training${path}`).set('Authorization', as(who));
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
  const reason = (r: request.Response) => [r.status, r.body.error?.code, r.body.error?.details?.reason];

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: trainingTestFeatures({ storageDir: tempStorage(), certificateIssuer: '省电子签名服务项目组' }, [engineDatabaseFactory(databases, databaseId, (pluginId, k) => pluginId === 'training' && (knex = k))], {
        clock: () => now,
        renderers: {
          renderCertificate: async input => {
            certificates.push(input);
            return tinyPdf([input.title, input.serial]);
          },
          renderPdf: async input => {
            pdfs.push(input);
            return tinyPdf(['report']);
          },
        },
      }),
    });
    server = backend.server;
    stop = () => backend.stop();

    const record = (userRef: string, yearsOfExperience: number, projects: string[]) =>
      put('training-manager', '/trainers', {
        userRef,
        displayName: userRef.split('/')[1],
        yearsOfExperience,
        similarProjects: projects.map(name => ({ name, client: '某省人社厅', year: 2024 })),
        evidence: '项目合同与验收报告编号见附件',
      });
    expect((await record('user:default/trainer', 6, ['某省社保电子签章平台培训', '某市政务 CA 用户培训'])).body.check).toEqual({ qualified: true, failures: [], yearsOfExperience: 6, similarProjects: 2 });
    expect((await record('user:default/trainer-2', 2, ['某区培训'])).body.check.failures).toEqual(['experience']);
    expect((await record('user:default/trainer-3', 8, [])).body.check.failures).toEqual(['similar-project']);
  });
  afterAll(async () => {
    await stop?.();
    removeTempStorage();
  });

  it('records trainers only by the training manager, and says why one is not qualified', async () => {
    // learners may join the news room
    expect(rooms).toHaveBeenCalledWith('training:', expect.any(Function));
    expect((await put('trainer', '/trainers', { userRef: 'user:default/trainer', displayName: 'x', yearsOfExperience: 30, similarProjects: [], evidence: '自荐' })).status).toBe(403);
    const list = await get('trainer', '/trainers');
    expect(list.body.items.map((t: any) => [t.userRef, t.check.qualified])).toEqual([
      ['user:default/trainer', true],
      ['user:default/trainer-2', false],
      ['user:default/trainer-3', false],
    ]);
    const check = await get('trainer', '/trainers/check?userRef=user:default/trainer-2');
    expect(check.body).toMatchObject({ qualified: false, failures: ['experience'], zh: expect.stringContaining('现为 2 年'), en: expect.stringContaining('has 2') });
    expect((await get('trainer', '/trainers/check?userRef=user:default/nobody')).body.failures).toEqual(['recorded']);
  });

  it('refuses to assign an unqualified trainer to a course or a session, naming the requirement not met', async () => {
    const plan = await post('training-manager', '/plans', { audience: 'agency', title: '经办机构 2027 年度培训计划', year: 2027, status: 'active' });
    expect(plan.status).toBe(201);
    const course = { title: 'USB-key 使用与 PIN 解锁', topic: 'usb-key', durationMinutes: 120 };

    const young = await post('training-manager', `/plans/${plan.body.id}/courses`, { ...course, trainerRef: 'user:default/trainer-2' });
    expect(reason(young)).toEqual([422, 'TRAINER_NOT_QUALIFIED', 'TRAINER_NOT_QUALIFIED']);
    expect(young.body.error.message).toContain('从业经验不少于 3 年（现为 2 年）');
    expect(young.body.error.message).toContain('not met: at least 3 years of experience (has 2)');
    expect(young.body.error.details).toMatchObject({ trainerRef: 'user:default/trainer-2', failures: ['experience'], yearsOfExperience: 2 });
    const noProject = await post('training-manager', `/plans/${plan.body.id}/courses`, { ...course, trainerRef: 'user:default/trainer-3' });
    expect(noProject.body.error.details.failures).toEqual(['similar-project']);
    expect(noProject.body.error.details.en).toContain('has led a similar project');
    const unknown = await post('training-manager', `/plans/${plan.body.id}/courses`, { ...course, trainerRef: 'user:default/stranger' });
    expect(unknown.body.error.details.failures).toEqual(['recorded']);
    expect(unknown.body.error.details.zh).toContain('尚未登记讲师资格');

    const ok = await post('training-manager', `/plans/${plan.body.id}/courses`, { ...course, trainerRef: 'user:default/trainer' });
    expect([ok.status, ok.body.trainerRef]).toEqual([201, 'user:default/trainer']);
    expect(reason(await patch('training-manager', `/courses/${ok.body.id}`, { trainerRef: 'user:default/trainer-3' }))).toEqual([422, 'TRAINER_NOT_QUALIFIED', 'TRAINER_NOT_QUALIFIED']);
    expect((await get('requester', `/courses/${ok.body.id}`)).body.trainerRef).toBe('user:default/trainer');

    const session = { courseId: ok.body.id, startsAt: at(24 * HOUR), endsAt: at(26 * HOUR), mode: 'onsite', place: '市民中心 3 楼培训室', capacity: 20 };
    const refused = await post('trainer', '/sessions', { ...session, trainerRef: 'user:default/trainer-2' });
    expect(reason(refused)).toEqual([422, 'TRAINER_NOT_QUALIFIED', 'TRAINER_NOT_QUALIFIED']);
    expect(Number((await knex('training_sessions').count({ n: '*' }).first())!.n)).toBe(0);
    const scheduled = await post('trainer', '/sessions', { ...session, trainerRef: 'user:default/trainer' });
    expect([scheduled.status, scheduled.body.title, scheduled.body.topic, scheduled.body.phase]).toEqual([201, course.title, 'usb-key', 'upcoming']);
    expect(reason(await patch('trainer', `/sessions/${scheduled.body.id}`, { trainerRef: 'user:default/trainer-3' }))).toEqual([422, 'TRAINER_NOT_QUALIFIED', 'TRAINER_NOT_QUALIFIED']);
    expect(published).toHaveBeenCalledWith('training:news', 'training', expect.objectContaining({ kind: 'session-scheduled', sessionId: scheduled.body.id }));
  });

  it('shows learners active plans with published materials, and who lacks a plan', async () => {
    const draft = await post('training-manager', '/plans', { audience: 'operator', title: '运维人员培训计划（草拟）' });
    expect(draft.body.status).toBe('draft');
    expect((await get('requester', `/plans/${draft.body.id}`)).status).toBe(404);
    expect((await get('trainer', `/plans/${draft.body.id}`)).status).toBe(200);
    expect((await get('requester', '/plans')).body.items.every((p: any) => p.status === 'active')).toBe(true);

    // a course lists published materials only
    const m = await post('trainer', '/materials', { title: '运维手册', audiences: ['operator'], topics: ['operations'] });
    const course = { title: '日常运维', topic: 'operations', durationMinutes: 60, materialIds: [m.body.id] };
    expect(reason(await post('training-manager', `/plans/${draft.body.id}/courses`, course))).toEqual([409, 'CONFLICT', 'MATERIAL_NOT_PUBLISHED']);
    await request(server).put(`/api/training/materials/${m.body.id}/versions/1/file`).set('Authorization', as('trainer')).set('X-Filename', 'ops.pdf').set('Content-Type', 'application/pdf').send(tinyPdf(['运维手册']));
    await post('trainer', `/materials/${m.body.id}/versions/1/submit`);
    await post('training-review', `/materials/${m.body.id}/versions/1/approve`);
    const added = await post('training-manager', `/plans/${draft.body.id}/courses`, course);
    expect(added.body.materials).toEqual([{ id: m.body.id, title: '运维手册', kind: 'document', publishedVersion: 1 }]);
    await patch('training-manager', `/plans/${draft.body.id}`, { status: 'active' });
    const seen = await get('requester', `/plans/${draft.body.id}`);
    expect([seen.status, seen.body.courses.length, seen.body.courses[0].materials[0].id]).toEqual([200, 1, m.body.id]);

    const coverage = await get('training-manager', '/plan-coverage');
    const by = Object.fromEntries(coverage.body.items.map((c: any) => [c.audience, c.activePlans]));
    expect(by).toMatchObject({ agency: 1, operator: 1, 'approval-department': 0, 'institution-staff': 0 });
    expect((await get('requester', '/plan-coverage')).status).toBe(403);
  });

  it('refuses an enrolment in a full session, also when learners race for the last seat', async () => {
    const session = await post('trainer', '/sessions', {
      title: '电子印章申领说明会',
      topic: 'e-seal',
      startsAt: at(48 * HOUR),
      endsAt: at(50 * HOUR),
      mode: 'online',
      onlineUrl: 'https://meeting.example.gov.cn/j/123456',
      trainerRef: 'user:default/trainer',
      capacity: 2,
    });
    expect(session.status).toBe(201);
    const id = session.body.id;
    expect((await post('requester', `/sessions/${id}/enrol`, { department: '审批一科', name: '张三' })).body.me).toMatchObject({ enrolled: true });
    expect(reason(await post('requester', `/sessions/${id}/enrol`, { department: '审批一科' }))).toEqual([409, 'CONFLICT', 'ALREADY_ENROLLED']);
    expect((await post('support-agent', `/sessions/${id}/enrol`, { department: '客服中心' })).body.enrolled).toBe(2);
    const full = await post('ops-engineer', `/sessions/${id}/enrol`, { department: '运维部' });
    expect(reason(full)).toEqual([409, 'SESSION_FULL', 'SESSION_FULL']);
    expect(full.body.error.message).toContain('本场培训已满员（2/2）');
    expect(reason(await patch('trainer', `/sessions/${id}`, { capacity: 1 }))).toEqual([409, 'CONFLICT', 'CAPACITY_BELOW_ENROLMENT']);
    expect((await post('support-agent', `/sessions/${id}/unenrol`)).body.enrolled).toBe(1);
    expect((await post('ops-engineer', `/sessions/${id}/enrol`, { department: '运维部' })).status).toBe(200);

    // the last seat: one of many simultaneous enrolments gets it
    const race = await post('trainer', '/sessions', { title: '最后一个座位', topic: 'e-seal', startsAt: at(72 * HOUR), endsAt: at(73 * HOUR), mode: 'onsite', place: '会议室', trainerRef: 'user:default/trainer', capacity: 1 });
    const learners = ['requester', 'requester-2', 'requester-3', 'seal-user', 'ra-entry', 'support-lead', 'auditor', 'ca-admin'];
    const answers = await Promise.all(learners.map(l => post(l, `/sessions/${race.body.id}/enrol`, { department: `部门-${l}` })));
    expect(answers.filter(a => a.status === 200)).toHaveLength(1);
    expect(answers.filter(a => a.status !== 200).map(a => a.body.error.details.reason)).toEqual(Array(learners.length - 1).fill('SESSION_FULL'));
    expect(Number((await knex('training_enrolments').where({ session_id: race.body.id }).count({ n: '*' }).first())!.n)).toBe(1);
    expect((await get('requester', `/sessions/${race.body.id}`)).body.enrolled).toBe(1);

    // a cancelled session takes no one
    await post('trainer', `/sessions/${race.body.id}/cancel`, { reason: '场地冲突' });
    expect(reason(await post('requester-4', `/sessions/${race.body.id}/enrol`, { department: 'x' }))).toEqual([409, 'CONFLICT', 'SESSION_CANCELLED']);
  });

  it('checks learners in during the session window, takes feedback once, issues certificates and reports the records', async () => {
    const s = await post('trainer', '/sessions', {
      title: '证书申请实操',
      topic: 'certificate-application',
      audience: 'approval-department',
      startsAt: at(2 * HOUR),
      endsAt: at(4 * HOUR),
      mode: 'onsite',
      place: '行政服务中心',
      trainerRef: 'user:default/trainer',
      capacity: 10,
    });
    const id = s.body.id;
    await post('requester', `/sessions/${id}/enrol`, { department: '审批一科', name: '张三' });
    await post('seal-user', `/sessions/${id}/enrol`, { department: '审批二科', name: '李四' });
    await post('ra-entry', `/sessions/${id}/enrol`, { department: '审批二科', name: '王五' });

    expect(reason(await post('requester', `/sessions/${id}/check-in`))).toEqual([409, 'CONFLICT', 'CHECK_IN_CLOSED']);
    expect(reason(await put('trainer', `/sessions/${id}/attendance`, { learnerRef: 'user:default/seal-user', present: true }))).toEqual([409, 'CONFLICT', 'CHECK_IN_CLOSED']);
    now = new Date(Date.parse(s.body.startsAt) - 10 * 60_000);
    const checked = await post('requester', `/sessions/${id}/check-in`);
    expect([checked.status, checked.body.phase, checked.body.me.attended]).toEqual([200, 'check-in-open', true]);
    expect(reason(await post('ops-engineer', `/sessions/${id}/check-in`))).toEqual([409, 'CONFLICT', 'NOT_ENROLLED']);
    const marked = await put('trainer', `/sessions/${id}/attendance`, { learnerRef: 'user:default/seal-user', present: true });
    expect(marked.body).toMatchObject({ learnerRef: 'user:default/seal-user', attendanceSource: 'trainer', markedBy: 'user:default/trainer' });
    expect((await put('requester', `/sessions/${id}/attendance`, { learnerRef: 'user:default/requester', present: true })).status).toBe(403);

    const scores = { content: 5, trainer: 4, materials: 4, organisation: 3 };
    expect((await post('requester', `/sessions/${id}/feedback`, { scores, comment: '实操环节很有帮助' })).status).toBe(201);
    expect(reason(await post('requester', `/sessions/${id}/feedback`, { scores }))).toEqual([409, 'CONFLICT', 'FEEDBACK_GIVEN']);
    expect(reason(await post('ra-entry', `/sessions/${id}/feedback`, { scores }))).toEqual([409, 'CONFLICT', 'NOT_ATTENDED']);
    expect((await post('seal-user', `/sessions/${id}/feedback`, { scores: { ...scores, content: 6 } })).status).toBe(400);
    expect((await post('seal-user', `/sessions/${id}/feedback`, { scores: { content: 3, trainer: 4, materials: 2, organisation: 5 } })).status).toBe(201);

    // certificates once the session has ended
    expect(reason(await get('requester', `/sessions/${id}/certificate`))).toEqual([409, 'CONFLICT', 'SESSION_NOT_ENDED']);
    now = new Date(Date.parse(s.body.endsAt) + 60_000);
    const cert = await get('requester', `/sessions/${id}/certificate`);
    expect([cert.status, cert.headers['content-type']]).toEqual([200, 'application/pdf']);
    const serial = cert.headers['x-certificate-serial'];
    expect(serial).toMatch(/^PX2026-[0-9A-F]{16}$/);
    expect(certificates.at(-1)).toMatchObject({ title: '培训结业证书', recipient: '张三', issuer: '省电子签名服务项目组', date: '2026年12月1日', serial });
    expect(certificates.at(-1)!.body).toContain('证书申请实操');
    expect((await get('requester', `/sessions/${id}/certificate`)).headers['x-certificate-serial']).toBe(serial);
    expect(reason(await get('ra-entry', `/sessions/${id}/certificate`))).toEqual([409, 'CONFLICT', 'NOT_ATTENDED']);
    expect((await get('ra-entry', `/sessions/${id}/certificate?learner=user:default/requester`)).status).toBe(403);
    expect((await get('training-manager', `/sessions/${id}/certificate?learner=user:default/requester`)).headers['x-certificate-serial']).toBe(serial);
    const revoked = await put('trainer', `/sessions/${id}/attendance`, { learnerRef: 'user:default/requester', present: false });
    expect(reason(revoked)).toEqual([409, 'CONFLICT', 'CERTIFICATE_ISSUED']);
    expect(revoked.body.error.details.zh).toContain('已为此出勤记录颁发结业证书');
    expect(reason(await post('trainer', `/sessions/${id}/cancel`, { reason: '太晚了' }))).toEqual([409, 'ILLEGAL_TRANSITION', 'SESSION_ENDED']);
    expect(reason(await post('support-agent', `/sessions/${id}/enrol`, { department: '客服' }))).toEqual([409, 'CONFLICT', 'SESSION_STARTED']);

    // the learner's own records
    const mine = await get('requester', '/me/records');
    expect(mine.body.items.find((r: any) => r.sessionId === id)).toMatchObject({ completed: true, certificateSerial: serial, department: '审批一科' });

    // reports: completions, coverage per department, feedback
    expect((await get('requester', '/reports/completions')).status).toBe(403);
    const completions = await get('auditor', `/reports/completions?from=${encodeURIComponent(s.body.startsAt)}&to=${encodeURIComponent(at(HOUR))}`);
    expect(completions.body.items.map((r: any) => [r.learnerName, r.department, r.completed]).sort()).toEqual([
      ['张三', '审批一科', true],
      ['李四', '审批二科', true],
      ['王五', '审批二科', false],
    ]);
    const range = `from=${encodeURIComponent(s.body.startsAt)}&to=${encodeURIComponent(at(HOUR))}`;
    const coverage = await get('trainer', `/reports/coverage?${range}`);
    expect(coverage.body.items).toEqual([
      { department: '审批一科', learners: 1, trained: 1, sessions: 1, enrolments: 1, attendances: 1 },
      { department: '审批二科', learners: 2, trained: 1, sessions: 1, enrolments: 2, attendances: 1 },
    ]);
    const feedback = await get('training-manager', `/reports/feedback?group=session&${range}`);
    expect(feedback.body.groups).toEqual([{ key: id, title: '证书申请实操', responses: 2, averages: { content: 4, trainer: 4, materials: 3, organisation: 4 }, overall: 3.75 }]);
    expect(feedback.body.comments.map((c: any) => c.comment)).toEqual(['实操环节很有帮助']);

    // exports: CSV with a BOM for Excel, PDF through @yinxin/pdf-doc; both audited
    const csv = await get('training-manager', `/reports/completions?format=csv&${range}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="training-completions.csv"');
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF姓名,账号,部门,课程,培训场次,主题,开始时间（北京时间）,报名时间（北京时间）,签到时间（北京时间）,完成,证书编号\r\n')).toBe(true);
    // times in Beijing time (UTC+8): the session starts at 03:00Z, enrolment at 01:00Z, check-in at 02:50Z
    expect(text).toContain(`张三,user:default/requester,审批一科,,证书申请实操,证书申请,2026-12-01 11:00,2026-12-01 09:00,2026-12-01 10:50,是,${serial}`);
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
    expect(text).toContain(serial);
    const pdf = await get('training-manager', `/reports/coverage?format=pdf&${range}`);
    expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(pdfs.at(-1)).toEqual({
      title: '各部门培训覆盖 Coverage per department',
      blocks: [{ kind: 'table', columns: ['部门', '报名人数', '已培训人数', '场次', '报名人次', '出勤人次'].map(title => ({ title })), rows: [['审批一科', '1', '1', '1', '1', '1'], ['审批二科', '2', '1', '1', '2', '1']] }],
    });
    const exports = await get('auditor', '/audit?action=report.export');
    expect(exports.body.items.map((r: any) => [r.targetId, r.details.format])).toEqual([
      ['coverage', 'pdf'],
      ['completions', 'csv'],
    ]);
    expect((await get('auditor', '/audit/verify')).body.ok).toBe(true);
    now = new Date('2026-12-01T01:00:00.000Z');
  });

  it('lets only the session’s trainer, its creator and the training manager change, cancel it or mark attendance', async () => {
    const session = { title: '讲师一的场次', topic: 'e-seal', startsAt: at(120 * HOUR), endsAt: at(122 * HOUR), mode: 'onsite', place: '会议室', trainerRef: 'user:default/trainer', capacity: 5 };
    const mine = await post('trainer', '/sessions', session);
    expect(mine.status).toBe(201);
    const id = mine.body.id;
    await post('requester', `/sessions/${id}/enrol`, { department: '审批一科' });
    const before = await snapshot(knex);
    for (const r of [
      await patch('trainer-2', `/sessions/${id}`, { capacity: 50 }),
      await patch('trainer-2', `/sessions/${id}`, { endsAt: at(121 * HOUR) }),
      await post('trainer-2', `/sessions/${id}/cancel`, { reason: '别人的场次' }),
      await put('trainer-2', `/sessions/${id}/attendance`, { learnerRef: 'user:default/requester', present: true }),
    ]) {
      expect(reason(r)).toEqual([403, 'FORBIDDEN', 'NOT_YOUR_SESSION']);
      expect(r.body.error.details.zh).toContain('只有本场培训的讲师、创建者和培训管理员');
    }
    expect(await snapshot(knex)).toBe(before);
    // the training manager may
    expect((await patch('training-manager', `/sessions/${id}`, { capacity: 6 })).body.capacity).toBe(6);

    // a session trainer-2 scheduled for trainer: both may change it, a third trainer may not
    const theirs = await post('trainer-2', '/sessions', { ...session, title: '讲师二安排的场次' });
    expect([theirs.status, theirs.body.createdBy]).toEqual([201, 'user:default/trainer-2']);
    expect((await patch('trainer', `/sessions/${theirs.body.id}`, { capacity: 8 })).status).toBe(200);
    expect((await patch('trainer-2', `/sessions/${theirs.body.id}`, { capacity: 9 })).status).toBe(200);
    expect(reason(await post('trainer-3', `/sessions/${theirs.body.id}/cancel`, { reason: 'x' }))).toEqual([403, 'FORBIDDEN', 'NOT_YOUR_SESSION']);
    expect((await post('training-manager', `/sessions/${theirs.body.id}/cancel`, { reason: '合并场次' })).body.status).toBe('cancelled');

    // refusals that were English only now come in both languages
    const noPlace = await post('trainer', '/sessions', { ...session, place: undefined });
    expect(reason(noPlace)).toEqual([400, 'VALIDATION_FAILED', 'SESSION_PLACE_REQUIRED']);
    expect(noPlace.body.error.details).toMatchObject({ zh: '现场培训须填写地点', en: 'An on-site session needs a place' });
    expect(reason(await post('trainer', '/sessions', { ...session, endsAt: session.startsAt }))).toEqual([400, 'VALIDATION_FAILED', 'SESSION_TIMES_INVALID']);
  });

  it('answers requests for sessions (随时响应) and schedules them', async () => {
    const asked = await post('requester', '/session-requests', { department: '某区社保经办中心', topic: 'usb-key', description: '新入职 12 人需要 USB-key 使用培训', expectedAttendees: 12 });
    expect([asked.status, asked.body.status, asked.body.requesterRef]).toEqual([201, 'open', 'user:default/requester']);
    expect((await get('support-agent', '/session-requests')).body.items.map((r: any) => r.id)).not.toContain(asked.body.id);
    expect((await get('requester', '/session-requests')).body.items.map((r: any) => r.id)).toContain(asked.body.id);
    expect((await get('trainer', '/session-requests?status=open')).body.items.map((r: any) => r.id)).toContain(asked.body.id);
    expect((await post('requester', `/session-requests/${asked.body.id}/answer`, { decision: 'accepted', reply: '自己批准' })).status).toBe(403);
    const accepted = await post('trainer', `/session-requests/${asked.body.id}/answer`, { decision: 'accepted', reply: '下周安排' });
    expect([accepted.body.status, accepted.body.answeredBy]).toEqual(['accepted', 'user:default/trainer']);
    const s = await post('trainer', '/sessions', {
      requestId: asked.body.id,
      title: 'USB-key 使用（应某区社保经办中心申请）',
      topic: 'usb-key',
      startsAt: at(96 * HOUR),
      endsAt: at(98 * HOUR),
      mode: 'onsite',
      place: '某区社保经办中心',
      trainerRef: 'user:default/trainer',
      capacity: 15,
    });
    expect(s.body.requestId).toBe(asked.body.id);
    const mine = (await get('requester', '/session-requests')).body.items.find((r: any) => r.id === asked.body.id);
    expect([mine.status, mine.sessionId]).toEqual(['scheduled', s.body.id]);
    const late = await post('trainer', `/session-requests/${asked.body.id}/answer`, { decision: 'declined', reply: '晚了' });
    expect(reason(late)).toEqual([409, 'ILLEGAL_TRANSITION', 'REQUEST_CLOSED']);
    expect(late.body.error.details.zh).toContain('已安排培训');
  });
});
