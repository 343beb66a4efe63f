import { cstDateTime, cstDateTimeOf, cstDayEnd, cstDayStart } from '@yinxin/ops-react';
import {
  AUDIENCES,
  FEEDBACK_QUESTIONS,
  PLAN_STATUSES,
  TOPICS,
  checkTrainer,
  type Audience,
  type Course,
  type FeedbackInput,
  type FeedbackQuestion,
  type MaterialVersion,
  type NewMaterialInput,
  type Plan,
  type PlanStatus,
  type Session,
  type SessionMode,
  type SimilarProject,
  type Topic,
  type Trainer,
  type TrainerCheck,
} from '@yinxin/plugin-training-common';
import { userRefOf } from './queries';

/** Why a field cannot be sent: a message id of `messages.ts`. */
export type FieldProblem =
  | 'required'
  | 'tooLong'
  | 'chooseAudience'
  | 'chooseTopic'
  | 'languageFormat'
  | 'timeFormat'
  | 'endBeforeStart'
  | 'sessionTooLong'
  | 'urlFormat'
  | 'capacityRange'
  | 'userFormat'
  | 'yearsRange'
  | 'projectFormat'
  | 'yearRange'
  | 'durationRange'
  | 'attendeesRange'
  | 'scoreRange'
  | 'dayFormat'
  | 'preferredOrder';

/** The problems of a form's fields; an empty object when it may be sent. */
export type Problems<F> = Partial<Record<keyof F, FieldProblem>>;

const text = (v: string, max: number, required = true): FieldProblem | undefined => {
  const t = v.trim();
  if (!t) return required ? 'required' : undefined;
  return t.length > max ? 'tooLong' : undefined;
};
const clean = <T extends Record<string, unknown>>(problems: T): T =>
  Object.fromEntries(Object.entries(problems).filter(([, v]) => v !== undefined)) as T;
const intIn = (v: string, min: number, max: number) => /^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max;
const optional = (v: string) => (v.trim() ? v.trim() : undefined);

// ---- materials -----------------------------------------------------------------------------------

/** The metadata form of a material version. */
export interface MaterialForm {
  title: string;
  description: string;
  audiences: Audience[];
  topics: Topic[];
  language: string;
}

/** A new material's empty form (Chinese). */
export const EMPTY_MATERIAL_FORM: MaterialForm = { title: '', description: '', audiences: [], topics: [], language: 'zh-CN' };

/** The languages offered for materials. */
export const MATERIAL_LANGUAGES = ['zh-CN', 'en'] as const;

/** The problems of a material form. */
export function materialFormProblems(f: MaterialForm): Problems<MaterialForm> {
  return clean({
    title: text(f.title, 200),
    description: text(f.description, 5000, false),
    audiences: f.audiences.length === 0 ? ('chooseAudience' as const) : undefined,
    topics: f.topics.length === 0 ? ('chooseTopic' as const) : undefined,
    language: /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/.test(f.language) && f.language.length <= 16 ? undefined : ('languageFormat' as const),
  });
}

/** The body of `POST /materials`. */
export function materialBody(f: MaterialForm): NewMaterialInput {
  const order = <T extends string>(all: readonly T[], chosen: readonly T[]) => all.filter(x => chosen.includes(x));
  return {
    title: f.title.trim(),
    ...(f.description.trim() ? { description: f.description.trim() } : {}),
    audiences: order(AUDIENCES, f.audiences),
    topics: order(TOPICS, f.topics),
    language: f.language,
  };
}

/** The form of an existing version's metadata. */
export function materialFormOf(v: MaterialVersion): MaterialForm {
  return { title: v.title, description: v.description, audiences: [...v.audiences], topics: [...v.topics], language: v.language };
}

/** The body of `PATCH …/versions/:n`: only what changed. */
export function materialPatch(before: MaterialVersion, f: MaterialForm): Partial<NewMaterialInput> {
  const body = materialBody(f);
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every(x => b.includes(x));
  const patch: Partial<NewMaterialInput> = {};
  if (body.title !== before.title) patch.title = body.title;
  if ((body.description ?? '') !== before.description) patch.description = body.description ?? '';
  if (!same(body.audiences, before.audiences)) patch.audiences = body.audiences;
  if (!same(body.topics, before.topics)) patch.topics = body.topics;
  if (body.language !== before.language) patch.language = body.language;
  return patch;
}

// ---- sessions ------------------------------------------------------------------------------------

/** The form that schedules (or changes) a session; times are CST wall-clock (`datetime-local`). */
export interface SessionForm {
  title: string;
  topic: Topic | '';
  audience: Audience | '';
  startsAt: string;
  endsAt: string;
  mode: SessionMode;
  place: string;
  onlineUrl: string;
  /** a user name (`trainer1`) or entity ref */
  trainer: string;
  capacity: string;
  courseId: string;
  requestId: string;
}

/** A new session's form: from the next full hour for two hours, on site, 30 seats, with `trainer`. */
export function defaultSessionForm(now: Date, trainer: string): SessionForm {
  const start = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  return {
    title: '',
    topic: '',
    audience: '',
    startsAt: cstDateTimeOf(start),
    endsAt: cstDateTimeOf(new Date(start.getTime() + 2 * 3_600_000)),
    mode: 'onsite',
    place: '',
    onlineUrl: '',
    trainer,
    capacity: '30',
    courseId: '',
    requestId: '',
  };
}

/** The form of an existing session (to change it). */
export function sessionFormOf(s: Session): SessionForm {
  return {
    title: s.title,
    topic: s.topic,
    audience: s.audience ?? '',
    startsAt: cstDateTimeOf(new Date(s.startsAt)),
    endsAt: cstDateTimeOf(new Date(s.endsAt)),
    mode: s.mode,
    place: s.place ?? '',
    onlineUrl: s.onlineUrl ?? '',
    trainer: s.trainerRef,
    capacity: String(s.capacity),
    courseId: s.courseId ?? '',
    requestId: s.requestId ?? '',
  };
}

/** The longest session the API takes. */
export const MAX_SESSION_DAYS = 7;

/** The problems of a session form (a session of a course may leave title and topic to the course). */
export function sessionFormProblems(f: SessionForm): Problems<SessionForm> {
  const start = cstDateTime(f.startsAt);
  const end = cstDateTime(f.endsAt);
  let endProblem: FieldProblem | undefined;
  if (!end) endProblem = 'timeFormat';
  else if (start && Date.parse(end) <= Date.parse(start)) endProblem = 'endBeforeStart';
  else if (start && Date.parse(end) - Date.parse(start) > MAX_SESSION_DAYS * 86_400_000) endProblem = 'sessionTooLong';
  return clean({
    title: text(f.title, 200, !f.courseId),
    topic: !f.topic && !f.courseId ? ('required' as const) : undefined,
    startsAt: start ? undefined : ('timeFormat' as const),
    endsAt: endProblem,
    place: f.mode === 'onsite' ? text(f.place, 200) : undefined,
    onlineUrl: f.mode === 'online' ? (!f.onlineUrl.trim() ? ('required' as const) : /^https?:\/\/\S+$/.test(f.onlineUrl.trim()) && f.onlineUrl.trim().length <= 500 ? undefined : ('urlFormat' as const)) : undefined,
    trainer: !f.trainer.trim() ? ('required' as const) : userRefOf(f.trainer) ? undefined : ('userFormat' as const),
    capacity: intIn(f.capacity, 1, 10_000) ? undefined : ('capacityRange' as const),
  });
}

/** The body of `POST /sessions` (valid forms only). */
export function sessionBody(f: SessionForm): Record<string, unknown> {
  return {
    ...(f.courseId ? { courseId: f.courseId } : {}),
    ...(f.requestId ? { requestId: f.requestId } : {}),
    ...(f.title.trim() ? { title: f.title.trim() } : {}),
    ...(f.topic ? { topic: f.topic } : {}),
    ...(f.audience ? { audience: f.audience } : {}),
    startsAt: cstDateTime(f.startsAt),
    endsAt: cstDateTime(f.endsAt),
    mode: f.mode,
    ...(f.mode === 'onsite' ? { place: f.place.trim() } : { onlineUrl: f.onlineUrl.trim() }),
    trainerRef: userRefOf(f.trainer),
    capacity: Number(f.capacity),
  };
}

/** The body of `PATCH /sessions/:id`: the same fields, without the course and the request. */
export function sessionPatchBody(f: SessionForm): Record<string, unknown> {
  const { courseId: _c, requestId: _r, ...rest } = sessionBody(f);
  return rest;
}

// ---- trainers ------------------------------------------------------------------------------------

/** The form of a trainer's qualification; similar projects one per line: `名称｜客户｜年份｜角色`. */
export interface TrainerForm {
  user: string;
  displayName: string;
  years: string;
  projects: string;
  evidence: string;
}

/** An empty trainer form. */
export const EMPTY_TRAINER_FORM: TrainerForm = { user: '', displayName: '', years: '', projects: '', evidence: '' };

/**
 * Similar projects from text, one per line: name, then optionally client, year and role separated
 * by `|` or `｜`. Undefined when a line cannot be read (no name, a year outside 1980–2100, too long).
 */
export function parseProjects(value: string): SimilarProject[] | undefined {
  const lines = value.split(/\r?\n/).map(l => l.trim()).filter(Boolean);
  if (lines.length > 50) return undefined;
  const out: SimilarProject[] = [];
  for (const line of lines) {
    const [name = '', client = '', year = '', role = '', ...more] = line.split(/[|｜]/).map(s => s.trim());
    if (!name || name.length > 200 || client.length > 200 || role.length > 100 || more.some(Boolean)) return undefined;
    if (year && !intIn(year, 1980, 2100)) return undefined;
    out.push({ name, ...(client ? { client } : {}), ...(year ? { year: Number(year) } : {}), ...(role ? { role } : {}) });
  }
  return out;
}

/** Similar projects as the form's text. */
export function projectsText(projects: readonly SimilarProject[]): string {
  return projects
    .map(p => [p.name, p.client ?? '', p.year ? String(p.year) : '', p.role ?? ''].join('｜').replace(/｜+$/, ''))
    .join('\n');
}

/** The form of a recorded trainer. */
export function trainerFormOf(t: Trainer): TrainerForm {
  return { user: t.userRef, displayName: t.displayName, years: String(t.yearsOfExperience), projects: projectsText(t.similarProjects), evidence: t.evidence };
}

const yearsOk = (v: string) => /^\d{1,2}(\.\d)?$/.test(v.trim()) && Number(v) <= 60;

/** The problems of a trainer form. */
export function trainerFormProblems(f: TrainerForm): Problems<TrainerForm> {
  return clean({
    user: !f.user.trim() ? ('required' as const) : userRefOf(f.user) ? undefined : ('userFormat' as const),
    displayName: text(f.displayName, 100),
    years: !f.years.trim() ? ('required' as const) : yearsOk(f.years) ? undefined : ('yearsRange' as const),
    projects: parseProjects(f.projects) ? undefined : ('projectFormat' as const),
    evidence: text(f.evidence, 5000),
  });
}

/** The body of `PUT /trainers` (valid forms only). */
export function trainerBody(f: TrainerForm) {
  return {
    userRef: userRefOf(f.user)!,
    displayName: f.displayName.trim(),
    yearsOfExperience: Number(f.years),
    similarProjects: parseProjects(f.projects) ?? [],
    evidence: f.evidence.trim(),
  };
}

/** What the contract check will say of the form as filled in (≥3 years and a similar project), once it can be read. */
export function trainerFormCheck(f: TrainerForm): TrainerCheck | undefined {
  const projects = parseProjects(f.projects);
  if (!yearsOk(f.years) || !projects) return undefined;
  return checkTrainer({ yearsOfExperience: Number(f.years), similarProjects: projects });
}

// ---- plans and courses ---------------------------------------------------------------------------

/** The form of a plan. */
export interface PlanForm {
  audience: Audience;
  title: string;
  year: string;
  description: string;
  status: PlanStatus;
}

/** A new plan's form for this year. */
export function defaultPlanForm(now: Date): PlanForm {
  return { audience: AUDIENCES[0], title: '', year: String(now.getFullYear()), description: '', status: 'draft' };
}

/** The form of an existing plan. */
export function planFormOf(p: Plan): PlanForm {
  return { audience: p.audience, title: p.title, year: p.year ? String(p.year) : '', description: p.description, status: p.status };
}

/** The problems of a plan form. */
export function planFormProblems(f: PlanForm): Problems<PlanForm> {
  return clean({
    audience: AUDIENCES.includes(f.audience) ? undefined : ('required' as const),
    title: text(f.title, 200),
    year: f.year.trim() && !intIn(f.year, 2000, 2100) ? ('yearRange' as const) : undefined,
    description: text(f.description, 5000, false),
    status: PLAN_STATUSES.includes(f.status) ? undefined : ('required' as const),
  });
}

/** The body of `POST /plans`; `patch` leaves out the audience (`PATCH /plans/:id`). */
export function planBody(f: PlanForm, patch = false) {
  return {
    ...(patch ? {} : { audience: f.audience }),
    title: f.title.trim(),
    ...(f.year.trim() ? { year: Number(f.year) } : {}),
    description: f.description.trim(),
    status: f.status,
  };
}

/** The form of a course. */
export interface CourseForm {
  title: string;
  topic: Topic;
  duration: string;
  description: string;
  /** user name or ref; empty: no trainer yet */
  trainer: string;
  materialIds: string[];
}

/** A new course's form. */
export const EMPTY_COURSE_FORM: CourseForm = { title: '', topic: TOPICS[0], duration: '90', description: '', trainer: '', materialIds: [] };

/** The form of an existing course. */
export function courseFormOf(c: Course): CourseForm {
  return { title: c.title, topic: c.topic, duration: String(c.durationMinutes), description: c.description, trainer: c.trainerRef ?? '', materialIds: c.materials.map(m => m.id) };
}

/** The problems of a course form. */
export function courseFormProblems(f: CourseForm): Problems<CourseForm> {
  return clean({
    title: text(f.title, 200),
    duration: intIn(f.duration, 5, 7200) ? undefined : ('durationRange' as const),
    description: text(f.description, 5000, false),
    trainer: f.trainer.trim() && !userRefOf(f.trainer) ? ('userFormat' as const) : undefined,
    materialIds: f.materialIds.length > 50 ? ('tooLong' as const) : undefined,
  });
}

/** The body of `POST /plans/:id/courses`, or of `PATCH /courses/:id` (where no trainer is `null`). */
export function courseBody(f: CourseForm, patch = false) {
  const trainerRef = userRefOf(f.trainer);
  return {
    title: f.title.trim(),
    topic: f.topic,
    durationMinutes: Number(f.duration),
    description: f.description.trim(),
    ...(trainerRef ? { trainerRef } : patch ? { trainerRef: null } : {}),
    materialIds: [...new Set(f.materialIds)],
  };
}

// ---- requests, enrolment, feedback ----------------------------------------------------------------

/** The form asking for a session (随时响应); preferred days are CST dates. */
export interface RequestForm {
  department: string;
  topic: Topic | '';
  audience: Audience | '';
  description: string;
  preferredFrom: string;
  preferredTo: string;
  expectedAttendees: string;
}

/** An empty request form. */
export const EMPTY_REQUEST_FORM: RequestForm = { department: '', topic: '', audience: '', description: '', preferredFrom: '', preferredTo: '', expectedAttendees: '' };

/** The problems of a request form. */
export function requestFormProblems(f: RequestForm): Problems<RequestForm> {
  const from = f.preferredFrom ? cstDayStart(f.preferredFrom) : undefined;
  const to = f.preferredTo ? cstDayEnd(f.preferredTo) : undefined;
  return clean({
    department: text(f.department, 100),
    topic: f.topic ? undefined : ('required' as const),
    description: text(f.description, 2000),
    preferredFrom: f.preferredFrom && !from ? ('dayFormat' as const) : undefined,
    preferredTo: f.preferredTo && !to ? ('dayFormat' as const) : from && to && Date.parse(to) < Date.parse(from) ? ('preferredOrder' as const) : undefined,
    expectedAttendees: f.expectedAttendees.trim() && !intIn(f.expectedAttendees, 1, 10_000) ? ('attendeesRange' as const) : undefined,
  });
}

/** The body of `POST /session-requests` (valid forms only). */
export function requestBody(f: RequestForm) {
  return {
    department: f.department.trim(),
    topic: f.topic,
    ...(f.audience ? { audience: f.audience } : {}),
    description: f.description.trim(),
    ...(f.preferredFrom ? { preferredFrom: cstDayStart(f.preferredFrom) } : {}),
    ...(f.preferredTo ? { preferredTo: cstDayEnd(f.preferredTo) } : {}),
    ...(optional(f.expectedAttendees) ? { expectedAttendees: Number(f.expectedAttendees) } : {}),
  };
}

/** The department a learner enrols with: required, at most 100 characters. */
export function departmentProblem(value: string): FieldProblem | undefined {
  return text(value, 100);
}

/** The feedback form: a score 1–5 per question (as chosen in selects) and a comment. */
export interface FeedbackForm {
  scores: Record<FeedbackQuestion, string>;
  comment: string;
}

/** The feedback form before the learner has chosen (every score 5). */
export const DEFAULT_FEEDBACK_FORM: FeedbackForm = { scores: Object.fromEntries(FEEDBACK_QUESTIONS.map(q => [q, '5'])) as Record<FeedbackQuestion, string>, comment: '' };

/** The problems of the feedback form. */
export function feedbackProblems(f: FeedbackForm): Partial<Record<FeedbackQuestion | 'comment', FieldProblem>> {
  const out: Partial<Record<FeedbackQuestion | 'comment', FieldProblem>> = {};
  for (const q of FEEDBACK_QUESTIONS) if (!intIn(f.scores[q] ?? '', 1, 5)) out[q] = 'scoreRange';
  if (f.comment.trim().length > 2000) out.comment = 'tooLong';
  return out;
}

/** The body of `POST /sessions/:id/feedback`. */
export function feedbackBody(f: FeedbackForm): FeedbackInput {
  return {
    scores: Object.fromEntries(FEEDBACK_QUESTIONS.map(q => [q, Number(f.scores[q])])) as Record<FeedbackQuestion, number>,
    ...(f.comment.trim() ? { comment: f.comment.trim() } : {}),
  };
}
