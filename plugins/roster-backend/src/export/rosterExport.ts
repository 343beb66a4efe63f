import {
  DAY_KIND_LABELS,
  SHIFT_KIND_LABELS,
  TEAM_ROLE_LABELS,
  VIOLATION_TITLES,
  isoWeekday,
  type Assignment,
  type PersonSummary,
  type RosterMonth,
} from '@yinxin/plugin-roster-common';
import { toExcelCsv } from '../logic/csv';
import type { Zone } from '../logic/zone';
import type { PdfSpec } from './pdf';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const SOURCE_LABELS: Record<Assignment['source'], string> = { generated: '排班', override: '调班', swap: '换班' };

/** The header of the roster table (Chinese with English, so either reader finds the column). */
export const ROSTER_COLUMNS = ['日期 Date', '星期 Weekday', '日类型 Day', '班次 Shift', '类型 Kind', '开始 Start', '结束 End', '工程师 Engineer', '岗位 Roles', '来源 Source'];

/**
 * The rows of a month roster: one per assignment belonging to a day of the month, in time order,
 * and one with empty shift cells for a day without any (so gaps show). Times are local; an end on
 * the next day is written with its date.
 */
export function rosterRows(m: RosterMonth, zone: Zone): string[][] {
  const people = new Map<string, PersonSummary>(m.people.map(p => [p.id, p]));
  const templates = new Map(m.templates.map(t => [t.id, t.name]));
  const rows: string[][] = [];
  for (const d of m.days) {
    const dayKind = `${DAY_KIND_LABELS[d.kind].zh}${d.name ? `（${d.name}）` : ''}`;
    const weekday = `周${WEEKDAYS[isoWeekday(d.day) - 1]}`;
    const list = m.assignments.filter(a => a.day === d.day).sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.kind.localeCompare(b.kind));
    if (!list.length) {
      rows.push([d.day, weekday, dayKind, '', '', '', '', '', '', '']);
      continue;
    }
    for (const a of list) {
      const start = Date.parse(a.startsAt);
      const end = Date.parse(a.endsAt);
      const p = people.get(a.personId);
      rows.push([
        d.day,
        weekday,
        dayKind,
        a.templateId ? (templates.get(a.templateId) ?? a.templateId) : '临时调班',
        SHIFT_KIND_LABELS[a.kind].zh,
        zone.hhmm(start),
        zone.dayOf(end) === d.day ? zone.hhmm(end) : zone.format(end),
        p?.name ?? a.personId,
        (p?.roles ?? []).map(r => TEAM_ROLE_LABELS[r].zh).join('、'),
        SOURCE_LABELS[a.source],
      ]);
    }
  }
  return rows;
}

/** The month roster as Excel-compatible CSV (UTF-8 with BOM, CRLF, quoted). */
export function rosterCsv(m: RosterMonth, zone: Zone): string {
  return toExcelCsv([ROSTER_COLUMNS, ...rosterRows(m, zone)]);
}

/** The month roster as a PDF document: a summary, the table, and the coverage check. */
export function rosterPdfSpec(m: RosterMonth, zone: Zone, generatedAt: Date): PdfSpec {
  const [y, mo] = m.month.split('-');
  const working = m.days.filter(d => d.working).length;
  return {
    title: `值班表 ${y}年${Number(mo)}月`,
    subtitle: `Duty roster ${m.month} · ${m.timeZone} · 生成于 ${zone.format(generatedAt.getTime())}`,
    landscape: true,
    footer: '合同要求：工作日现场值班 5×8，远程支持 7×24；重大故障 2 小时内、一般故障 4 小时内到场',
    blocks: [
      {
        kind: 'keyValues',
        items: [
          ['月份 Month', m.month],
          ['工作日（含调休） Working days', String(working)],
          ['人员 People', String(m.people.filter(p => p.status === 'active').length)],
          ['班次 Assignments', String(m.assignments.filter(a => a.day.startsWith(m.month)).length)],
          ['覆盖检查 Coverage', m.violations.length ? `${m.violations.length} 项问题` : '全部满足 All rules met'],
        ],
      },
      { kind: 'heading', text: '排班明细 Assignments' },
      { kind: 'table', columns: ROSTER_COLUMNS.map((title, i) => ({ title, width: [1.3, 0.8, 1.3, 2.2, 1, 0.8, 1.3, 1.2, 1.5, 0.8][i] })), rows: rosterRows(m, zone) },
      { kind: 'heading', text: '覆盖检查 Coverage check' },
      m.violations.length
        ? {
            kind: 'table',
            columns: [{ title: '日期 Day', width: 1 }, { title: '规则 Rule', width: 1.2 }, { title: '说明 Message', width: 5 }],
            rows: m.violations.map(v => [v.day, VIOLATION_TITLES[v.code].zh, v.message.zh]),
          }
        : { kind: 'paragraph', text: '本月排班满足全部覆盖规则。The roster meets every coverage rule this month.' },
    ],
  };
}
