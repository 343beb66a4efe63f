/**
 * The monthly reports as Excel-compatible CSV for the client: arrivals against the contract's
 * deadlines (one row per dispatch, then the totals) and attendance against the roster (one row per
 * engineer). Times are local (the roster's time zone, named in the headers).
 */
import { DISPATCH_SEVERITY_LABELS, DISPATCH_STATE_LABELS, type ArrivalReport, type AttendanceReport, type Dispatch } from '@yinxin/plugin-roster-common';
import { toExcelCsv } from '../logic/csv';
import type { Zone } from '../logic/zone';

/** Header of the arrivals CSV (times in the roster's zone). */
export function arrivalColumns(zone: Zone): string[] {
  const tz = zone.timeZone === 'Asia/Shanghai' ? '北京时间' : zone.timeZone;
  return ['派工单', '来源', '级别', '工程师', `派工时间（${tz}）`, '到场时限', '到场时间', '用时（分钟）', '状态', '结果'];
}

/** Rows of the arrivals CSV: every dispatch of the month, then the totals per severity and overall. */
export function arrivalRows(report: ArrivalReport, dispatches: readonly Dispatch[], zone: Zone): string[][] {
  const when = (iso: string | null) => (iso ? zone.format(Date.parse(iso)) : '');
  const rows: string[][] = [arrivalColumns(zone)];
  for (const d of [...dispatches].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const source = d.source.kind === 'ticket' ? `工单 ${d.source.ticketNumber ?? d.source.ticketId}` : `告警 ${d.source.ruleId}/${d.source.targetId}`;
    const outcome = d.state === 'cancelled' && !d.arrivedAt ? (d.breached ? '超时（时限后取消）' : '已取消') : d.breached ? '超时' : d.arrivedAt ? '按时' : '未到场';
    rows.push([
      d.id,
      source,
      DISPATCH_SEVERITY_LABELS[d.severity].zh,
      d.personName,
      when(d.createdAt),
      when(d.deadlineAt),
      when(d.arrivedAt),
      d.arrivalMinutes === null ? '' : String(d.arrivalMinutes),
      DISPATCH_STATE_LABELS[d.state].zh,
      outcome,
    ]);
  }
  rows.push(Array<string>(10).fill(''));
  rows.push(['合计', '派工数', '已到场', '按时', '超时', '未到场（未过时限）', '中位用时（分钟）', '90% 用时（分钟）', '已取消', '']);
  const total = (label: string, s: ArrivalReport | ArrivalReport['bySeverity'][keyof ArrivalReport['bySeverity']], cancelled = '') => [
    label,
    String(s.count),
    String(s.arrived),
    String(s.onTime),
    String(s.breaches),
    String(s.pending),
    s.medianMinutes === null ? '' : String(s.medianMinutes),
    s.p90Minutes === null ? '' : String(s.p90Minutes),
    cancelled,
    '',
  ];
  for (const [severity, stats] of Object.entries(report.bySeverity)) rows.push(total(DISPATCH_SEVERITY_LABELS[severity as keyof typeof DISPATCH_SEVERITY_LABELS].zh, stats));
  rows.push(total('全部', report, String(report.cancelled)));
  return rows;
}

/** The arrivals CSV. */
export function arrivalCsv(report: ArrivalReport, dispatches: readonly Dispatch[], zone: Zone): string {
  return toExcelCsv(arrivalRows(report, dispatches, zone));
}

/** Header of the attendance CSV. */
export const ATTENDANCE_COLUMNS = ['工程师', '排班现场班次', '已出勤', '迟到', '缺勤', '未到时间', '排班时长（小时）', '在岗时长（小时）', '未签退'];

/** Rows of the attendance CSV: one per engineer. */
export function attendanceRows(report: AttendanceReport): string[][] {
  return [
    ATTENDANCE_COLUMNS,
    ...report.items.map(i => [i.personName, String(i.scheduled), String(i.attended), String(i.late), String(i.absent), String(i.upcoming), String(i.scheduledHours), String(i.hours), String(i.missingCheckOut)]),
  ];
}

/** The attendance CSV. */
export function attendanceCsv(report: AttendanceReport): string {
  return toExcelCsv(attendanceRows(report));
}
