import type { MaterialVersion, Session } from '@yinxin/plugin-training-common';
import {
  DEFAULT_FEEDBACK_FORM,
  EMPTY_COURSE_FORM,
  EMPTY_MATERIAL_FORM,
  EMPTY_REQUEST_FORM,
  EMPTY_TRAINER_FORM,
  courseBody,
  courseFormProblems,
  defaultPlanForm,
  defaultSessionForm,
  departmentProblem,
  feedbackBody,
  feedbackProblems,
  materialBody,
  materialFormProblems,
  materialPatch,
  parseProjects,
  planBody,
  planFormProblems,
  projectsText,
  requestBody,
  requestFormProblems,
  sessionBody,
  sessionFormOf,
  sessionFormProblems,
  sessionPatchBody,
  trainerBody,
  trainerFormCheck,
  trainerFormProblems,
} from './forms';

describe('material form', () => {
  it('needs a title, an audience and a topic', () => {
    expect(materialFormProblems(EMPTY_MATERIAL_FORM)).toEqual({ title: 'required', audiences: 'chooseAudience', topics: 'chooseTopic' });
    expect(materialFormProblems({ ...EMPTY_MATERIAL_FORM, title: 'x'.repeat(201), audiences: ['agency'], topics: ['e-seal'], language: 'Chinese' })).toEqual({ title: 'tooLong', language: 'languageFormat' });
  });

  it('sends trimmed values, choices in the model’s order', () => {
    expect(materialBody({ title: ' 电子印章使用指南 ', description: ' ', audiences: ['support', 'agency'], topics: ['e-seal'], language: 'zh-CN' })).toEqual({
      title: '电子印章使用指南',
      audiences: ['agency', 'support'],
      topics: ['e-seal'],
      language: 'zh-CN',
    });
  });

  it('patches only what changed', () => {
    const v = { title: 'A', description: '', audiences: ['agency', 'support'], topics: ['e-seal'], language: 'zh-CN' } as MaterialVersion;
    expect(materialPatch(v, { title: 'A', description: '', audiences: ['support', 'agency'], topics: ['e-seal'], language: 'zh-CN' })).toEqual({});
    expect(materialPatch(v, { title: 'B', description: 'd', audiences: ['agency'], topics: ['e-seal', 'usb-key'], language: 'en' })).toEqual({
      title: 'B',
      description: 'd',
      audiences: ['agency'],
      topics: ['usb-key', 'e-seal'],
      language: 'en',
    });
  });
});

describe('session form', () => {
  const now = new Date('2026-03-02T01:20:00Z');
  const base = { ...defaultSessionForm(now, 'trainer1'), title: 'USB-key 使用培训', topic: 'usb-key' as const, place: '三楼培训室' };

  it('starts at the next full hour (CST) for two hours', () => {
    expect(defaultSessionForm(now, 'trainer1')).toMatchObject({ startsAt: '2026-03-02T10:00', endsAt: '2026-03-02T12:00', mode: 'onsite', capacity: '30', trainer: 'trainer1' });
  });

  it('accepts a complete form and sends instants and a user ref', () => {
    expect(sessionFormProblems(base)).toEqual({});
    expect(sessionBody({ ...base, startsAt: '2026-03-02T10:00:30' })).toEqual({
      title: 'USB-key 使用培训',
      topic: 'usb-key',
      startsAt: '2026-03-02T02:00:30.000Z',
      endsAt: '2026-03-02T04:00:00.000Z',
      mode: 'onsite',
      place: '三楼培训室',
      trainerRef: 'user:default/trainer1',
      capacity: 30,
    });
  });

  it('checks times, place or link, trainer and capacity', () => {
    expect(sessionFormProblems({ ...base, endsAt: base.startsAt })).toEqual({ endsAt: 'endBeforeStart' });
    expect(sessionFormProblems({ ...base, endsAt: '2026-03-10T10:00' })).toEqual({ endsAt: 'sessionTooLong' });
    expect(sessionFormProblems({ ...base, startsAt: 'soon' })).toEqual({ startsAt: 'timeFormat' });
    expect(sessionFormProblems({ ...base, place: '' })).toEqual({ place: 'required' });
    expect(sessionFormProblems({ ...base, mode: 'online', onlineUrl: 'meeting' })).toEqual({ onlineUrl: 'urlFormat' });
    expect(sessionFormProblems({ ...base, trainer: 'a b', capacity: '0' })).toEqual({ trainer: 'userFormat', capacity: 'capacityRange' });
    expect(sessionFormProblems({ ...base, title: '', topic: '' })).toEqual({ title: 'required', topic: 'required' });
    expect(sessionFormProblems({ ...base, title: '', topic: '', courseId: 'c1' })).toEqual({});
  });

  it('sends an online link instead of a place, the request it answers, and patches without them', () => {
    const online = { ...base, mode: 'online' as const, onlineUrl: 'https://meeting.example.cn/123', requestId: 'r1' };
    expect(sessionBody(online)).toMatchObject({ mode: 'online', onlineUrl: 'https://meeting.example.cn/123', requestId: 'r1' });
    expect(sessionBody(online)).not.toHaveProperty('place');
    expect(sessionPatchBody(online)).not.toHaveProperty('requestId');
  });

  it('reads an existing session back in CST', () => {
    const s = { title: 'T', topic: 'e-seal', startsAt: '2026-03-02T02:00:00.000Z', endsAt: '2026-03-02T04:00:00.000Z', mode: 'online', onlineUrl: 'https://x.cn', trainerRef: 'user:default/trainer1', capacity: 5 } as Session;
    expect(sessionFormOf(s)).toMatchObject({ startsAt: '2026-03-02T10:00', endsAt: '2026-03-02T12:00', trainer: 'user:default/trainer1', capacity: '5', place: '' });
  });
});

describe('trainer form', () => {
  const good = { user: 'trainer1', displayName: '周讲师', years: '5', projects: '某省电子印章平台推广培训｜某省人社厅｜2023｜主讲\n某市 CA 证书应用培训', evidence: '项目验收报告' };

  it('reads similar projects one per line', () => {
    expect(parseProjects(good.projects)).toEqual([{ name: '某省电子印章平台推广培训', client: '某省人社厅', year: 2023, role: '主讲' }, { name: '某市 CA 证书应用培训' }]);
    expect(parseProjects('')).toEqual([]);
    expect(parseProjects('｜客户')).toBeUndefined();
    expect(parseProjects('项目|客户|1900')).toBeUndefined();
    expect(parseProjects('a|b|2020|c|d')).toBeUndefined();
    expect(projectsText(parseProjects(good.projects)!)).toBe('某省电子印章平台推广培训｜某省人社厅｜2023｜主讲\n某市 CA 证书应用培训');
  });

  it('checks the fields and sends a user ref', () => {
    expect(trainerFormProblems(EMPTY_TRAINER_FORM)).toEqual({ user: 'required', displayName: 'required', years: 'required', evidence: 'required' });
    expect(trainerFormProblems({ ...good, years: '61' })).toEqual({ years: 'yearsRange' });
    expect(trainerBody(good)).toMatchObject({ userRef: 'user:default/trainer1', yearsOfExperience: 5, similarProjects: [expect.anything(), expect.anything()] });
  });

  it('shows the contract check as filled in: at least 3 years and a similar project', () => {
    expect(trainerFormCheck(good)).toMatchObject({ qualified: true, failures: [] });
    expect(trainerFormCheck({ ...good, years: '2', projects: '' })).toMatchObject({ qualified: false, failures: ['experience', 'similar-project'] });
    expect(trainerFormCheck({ ...good, years: 'x' })).toBeUndefined();
  });
});

describe('plan and course forms', () => {
  it('needs a title and a plausible year', () => {
    const f = defaultPlanForm(new Date('2026-05-01T00:00:00Z'));
    expect(f.year).toBe('2026');
    expect(planFormProblems(f)).toEqual({ title: 'required' });
    expect(planFormProblems({ ...f, title: '计划', year: '1999' })).toEqual({ year: 'yearRange' });
    expect(planBody({ ...f, title: ' 计划 ' }, true)).toEqual({ title: '计划', year: 2026, description: '', status: 'draft' });
    expect(planBody({ ...f, title: '计划', year: '' })).toEqual({ audience: 'approval-department', title: '计划', description: '', status: 'draft' });
  });

  it('checks courses and unassigns a trainer with null when patching', () => {
    expect(courseFormProblems({ ...EMPTY_COURSE_FORM, duration: '3' })).toEqual({ title: 'required', duration: 'durationRange' });
    expect(courseFormProblems({ ...EMPTY_COURSE_FORM, title: 'c', trainer: 'a b' })).toEqual({ trainer: 'userFormat' });
    expect(courseBody({ ...EMPTY_COURSE_FORM, title: 'c', materialIds: ['m', 'm'] })).toEqual({ title: 'c', topic: 'certificate-application', durationMinutes: 90, description: '', materialIds: ['m'] });
    expect(courseBody({ ...EMPTY_COURSE_FORM, title: 'c' }, true)).toMatchObject({ trainerRef: null });
    expect(courseBody({ ...EMPTY_COURSE_FORM, title: 'c', trainer: 'trainer1' }, true)).toMatchObject({ trainerRef: 'user:default/trainer1' });
  });
});

describe('requests, enrolment, feedback', () => {
  it('checks a request and sends CST days as instants', () => {
    expect(requestFormProblems(EMPTY_REQUEST_FORM)).toEqual({ department: 'required', topic: 'required', description: 'required' });
    const f = { ...EMPTY_REQUEST_FORM, department: '某区社保经办中心', topic: 'usb-key' as const, description: '新入职人员', preferredFrom: '2026-04-02', preferredTo: '2026-04-01' };
    expect(requestFormProblems(f)).toEqual({ preferredTo: 'preferredOrder' });
    expect(requestFormProblems({ ...f, preferredTo: '', expectedAttendees: '0' })).toEqual({ expectedAttendees: 'attendeesRange' });
    expect(requestBody({ ...f, preferredTo: '2026-04-03', expectedAttendees: '12' })).toEqual({
      department: '某区社保经办中心',
      topic: 'usb-key',
      description: '新入职人员',
      preferredFrom: '2026-04-01T16:00:00.000Z',
      preferredTo: '2026-04-03T15:59:59.000Z',
      expectedAttendees: 12,
    });
  });

  it('needs a department to enrol', () => {
    expect(departmentProblem(' ')).toBe('required');
    expect(departmentProblem('审批科')).toBeUndefined();
    expect(departmentProblem('x'.repeat(101))).toBe('tooLong');
  });

  it('scores 1–5', () => {
    expect(feedbackProblems(DEFAULT_FEEDBACK_FORM)).toEqual({});
    expect(feedbackProblems({ ...DEFAULT_FEEDBACK_FORM, scores: { ...DEFAULT_FEEDBACK_FORM.scores, trainer: '6' } })).toEqual({ trainer: 'scoreRange' });
    expect(feedbackBody({ scores: { content: '5', trainer: '4', materials: '3', organisation: '2' }, comment: ' 很实用 ' })).toEqual({
      scores: { content: 5, trainer: 4, materials: 3, organisation: 2 },
      comment: '很实用',
    });
  });
});
