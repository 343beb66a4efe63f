import type { Knex } from 'knex';
import {
  FEEDBACK_QUESTIONS,
  LABELS,
  type CompletionRecord,
  type DepartmentCoverage,
  type FeedbackComment,
  type FeedbackQuestion,
  type FeedbackSummary,
} from '@yinxin/plugin-training-common';
import type { CsvValue } from '../export/csv';
import { ServiceContext } from './context';

/** Report filters: sessions starting in [from, to), of a course, a department. */
export interface ReportQuery {
  from?: string;
  to?: string;
  courseId?: string;
  department?: string;
  trainerRef?: string;
  learnerRef?: string;
}

/** A report as a table, for CSV and PDF export. */
export interface ReportTable {
  title: string;
  columns: string[];
  rows: CsvValue[][];
}

/** How feedback is grouped. */
export type FeedbackGrouping = 'session' | 'course' | 'trainer' | 'all';

const iso = (s: string) => new Date(s).toISOString();

const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as exports write it: Beijing time (Asia/Shanghai), `YYYY-MM-DD HH:mm`; '' for none. */
export function beijingTime(at: string | undefined | null): string {
  if (!at) return '';
  const t = Date.parse(at);
  if (Number.isNaN(t)) return '';
  const parts = BEIJING.formatToParts(new Date(t));
  const get = (type: string) => parts.find(p => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Column title of a time in exports, naming the time zone. */
const timeColumn = (name: string) => `${name}（北京时间）`;
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Training records for managers and the client's acceptance: who completed which course,
 * coverage per department (departments as learners gave them at enrolment), feedback scores.
 */
export class ReportService {
  constructor(private readonly ctx: ServiceContext) {}

  private base(q: ReportQuery): Knex.QueryBuilder {
    let query = this.ctx.knex('training_enrolments as e')
      .join('training_sessions as s', 's.id', 'e.session_id')
      .leftJoin('training_courses as c', 'c.id', 's.course_id')
      .leftJoin('training_certificates as cert', function join() {
        this.on('cert.session_id', '=', 'e.session_id').andOn('cert.learner_ref', '=', 'e.learner_ref');
      })
      .whereNot('s.status', 'cancelled');
    if (q.from) query = query.where('s.starts_at', '>=', iso(q.from));
    if (q.to) query = query.where('s.starts_at', '<', iso(q.to));
    if (q.courseId) query = query.where('s.course_id', q.courseId);
    if (q.department) query = query.where('e.department', q.department);
    if (q.trainerRef) query = query.where('s.trainer_ref', q.trainerRef);
    if (q.learnerRef) query = query.where('e.learner_ref', q.learnerRef);
    return query;
  }

  /** One row per learner and session: enrolled, attended, completed (attended and ended), certificate. */
  async completions(q: ReportQuery): Promise<CompletionRecord[]> {
    const now = this.ctx.clock().toISOString();
    const rows = await this.base(q)
      .orderBy('s.starts_at', 'desc')
      .orderBy('e.department')
      .orderBy('e.learner_ref')
      .limit(20_000)
      .select(
        'e.learner_ref',
        'e.learner_name',
        'e.department',
        'e.enrolled_at',
        'e.attended_at',
        's.id as session_id',
        's.title as session_title',
        's.topic',
        's.starts_at',
        's.ends_at',
        's.course_id',
        'c.title as course_title',
        'cert.serial',
      );
    return rows.map((r: any) => ({
      learnerRef: r.learner_ref,
      learnerName: r.learner_name,
      department: r.department,
      sessionId: r.session_id,
      sessionTitle: r.session_title,
      courseId: r.course_id ?? undefined,
      courseTitle: r.course_title ?? undefined,
      topic: r.topic,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      enrolledAt: r.enrolled_at,
      attendedAt: r.attended_at ?? undefined,
      completed: !!r.attended_at && r.ends_at < now,
      certificateSerial: r.serial ?? undefined,
    }));
  }

  /** Per department: learners enrolled and trained, sessions, enrolments and attendances. */
  async coverage(q: ReportQuery): Promise<DepartmentCoverage[]> {
    const rows = await this.base(q).select('e.department', 'e.learner_ref', 'e.session_id', 'e.attended_at');
    const by = new Map<string, { learners: Set<string>; trained: Set<string>; sessions: Set<string>; enrolments: number; attendances: number }>();
    for (const r of rows as any[]) {
      const d = by.get(r.department) ?? { learners: new Set(), trained: new Set(), sessions: new Set(), enrolments: 0, attendances: 0 };
      d.learners.add(r.learner_ref);
      d.sessions.add(r.session_id);
      d.enrolments++;
      if (r.attended_at) {
        d.trained.add(r.learner_ref);
        d.attendances++;
      }
      by.set(r.department, d);
    }
    return [...by.entries()]
      .map(([department, d]) => ({ department, learners: d.learners.size, trained: d.trained.size, sessions: d.sessions.size, enrolments: d.enrolments, attendances: d.attendances }))
      .sort((a, b) => b.trained - a.trained || a.department.localeCompare(b.department));
  }

  /** Average scores per question, grouped by session, course, trainer or overall; and the comments. */
  async feedback(q: ReportQuery, group: FeedbackGrouping): Promise<{ groups: FeedbackSummary[]; comments: FeedbackComment[] }> {
    let query = this.ctx.knex('training_feedback as f')
      .join('training_sessions as s', 's.id', 'f.session_id')
      .leftJoin('training_courses as c', 'c.id', 's.course_id');
    if (q.from) query = query.where('s.starts_at', '>=', iso(q.from));
    if (q.to) query = query.where('s.starts_at', '<', iso(q.to));
    if (q.courseId) query = query.where('s.course_id', q.courseId);
    if (q.trainerRef) query = query.where('s.trainer_ref', q.trainerRef);
    const rows = await query
      .orderBy('f.at', 'desc')
      .limit(50_000)
      .select('f.*', 's.title as session_title', 's.trainer_ref', 's.course_id', 'c.title as course_title');
    const groups = new Map<string, { title: string; rows: any[] }>();
    for (const r of rows as any[]) {
      const [key, title]: [string, string] =
        group === 'session'
          ? [r.session_id, r.session_title]
          : group === 'course'
            ? [r.course_id ?? '-', r.course_title ?? '（无课程）']
            : group === 'trainer'
              ? [r.trainer_ref, r.trainer_ref]
              : ['all', '全部 / All'];
      const g = groups.get(key) ?? { title, rows: [] as any[] };
      g.rows.push(r);
      groups.set(key, g);
    }
    const summaries = [...groups.entries()].map(([key, g]): FeedbackSummary => {
      const averages = Object.fromEntries(
        FEEDBACK_QUESTIONS.map(qn => [qn, g.rows.length ? round2(g.rows.reduce((s, r) => s + Number(r[`score_${qn}`]), 0) / g.rows.length) : null]),
      ) as Record<FeedbackQuestion, number | null>;
      const values = Object.values(averages).filter((v): v is number => v !== null);
      return { key, title: g.title, responses: g.rows.length, averages, overall: values.length ? round2(values.reduce((a, b) => a + b, 0) / values.length) : null };
    });
    const comments = (rows as any[])
      .filter(r => r.comment)
      .slice(0, 500)
      .map(r => ({ sessionId: r.session_id, sessionTitle: r.session_title, at: r.at, comment: r.comment }));
    return { groups: summaries.sort((a, b) => b.responses - a.responses || a.title.localeCompare(b.title)), comments };
  }

  // ---- tables for export ---------------------------------------------------------------------------

  /** The completion records as a table (Chinese column titles, for the client; times in Beijing time). */
  completionsTable(records: CompletionRecord[]): ReportTable {
    return {
      title: '培训记录 Training records',
      columns: ['姓名', '账号', '部门', '课程', '培训场次', '主题', timeColumn('开始时间'), timeColumn('报名时间'), timeColumn('签到时间'), '完成', '证书编号'],
      rows: records.map(r => [
        r.learnerName,
        r.learnerRef,
        r.department,
        r.courseTitle ?? '',
        r.sessionTitle,
        LABELS.topic[r.topic]?.zh ?? r.topic,
        beijingTime(r.startsAt),
        beijingTime(r.enrolledAt),
        beijingTime(r.attendedAt),
        r.completed ? '是' : '否',
        r.certificateSerial ?? '',
      ]),
    };
  }

  /** The coverage as a table. */
  coverageTable(rows: DepartmentCoverage[]): ReportTable {
    return {
      title: '各部门培训覆盖 Coverage per department',
      columns: ['部门', '报名人数', '已培训人数', '场次', '报名人次', '出勤人次'],
      rows: rows.map(r => [r.department, r.learners, r.trained, r.sessions, r.enrolments, r.attendances]),
    };
  }

  /** The feedback summaries as a table. */
  feedbackTable(groups: FeedbackSummary[]): ReportTable {
    return {
      title: '培训评价 Feedback scores',
      columns: ['分组', '份数', ...FEEDBACK_QUESTIONS.map(qn => LABELS.feedbackQuestion[qn].zh), '综合'],
      rows: groups.map(g => [g.title, g.responses, ...FEEDBACK_QUESTIONS.map(qn => g.averages[qn]), g.overall]),
    };
  }
}
