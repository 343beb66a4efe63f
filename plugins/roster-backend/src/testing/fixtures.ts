/*
 * Pure fixtures for the roster rules: the 2026 working-day calendar as the State Council's
 * notice has it (around Labour Day and National Day), and a team of seven covering the six roles.
 */
import { WorkingCalendar, type DayOverride } from '@yinxin/ops-node';
import type { PersonLite } from '../logic/types';

/**
 * 2026 holidays and make-up workdays (国务院办公厅关于2026年部分节假日安排的通知): Labour Day
 * 1–5 May with Saturday 9 May worked; National Day and Mid-Autumn 1–7 October with Sunday
 * 20 September and Saturday 10 October worked; New Year 1–3 January with Sunday 4 January worked.
 */
export const DAYS_2026: Record<string, DayOverride> = {
  '2026-01-01': { kind: 'holiday', name: '元旦' },
  '2026-01-02': { kind: 'holiday', name: '元旦' },
  '2026-01-03': { kind: 'holiday', name: '元旦' },
  '2026-01-04': { kind: 'workday', name: '元旦' },
  '2026-05-01': { kind: 'holiday', name: '劳动节' },
  '2026-05-02': { kind: 'holiday', name: '劳动节' },
  '2026-05-03': { kind: 'holiday', name: '劳动节' },
  '2026-05-04': { kind: 'holiday', name: '劳动节' },
  '2026-05-05': { kind: 'holiday', name: '劳动节' },
  '2026-05-09': { kind: 'workday', name: '劳动节' },
  '2026-09-20': { kind: 'workday', name: '国庆节' },
  '2026-09-25': { kind: 'holiday', name: '中秋节' },
  '2026-10-01': { kind: 'holiday', name: '国庆节' },
  '2026-10-02': { kind: 'holiday', name: '国庆节' },
  '2026-10-03': { kind: 'holiday', name: '国庆节' },
  '2026-10-04': { kind: 'holiday', name: '国庆节' },
  '2026-10-05': { kind: 'holiday', name: '国庆节' },
  '2026-10-06': { kind: 'holiday', name: '国庆节' },
  '2026-10-07': { kind: 'holiday', name: '国庆节' },
  '2026-10-10': { kind: 'workday', name: '国庆节' },
};

/** The 2026 calendar in Asia/Shanghai. */
export const calendar2026 = new WorkingCalendar({ days: DAYS_2026 });

/** A team of seven with all six roles: two residents, four on the on-call pool. */
export const TEAM: PersonLite[] = [
  { id: 'p-wang', name: '王经理', roles: ['project-manager'], joinedOn: '2025-01-01', leftOn: null },
  { id: 'p-li', name: '李运维', roles: ['maintenance'], joinedOn: '2025-01-01', leftOn: null },
  { id: 'p-zhang', name: '张驻场', roles: ['resident', 'technical-support'], joinedOn: '2025-01-01', leftOn: null },
  { id: 'p-zhao', name: '赵驻场', roles: ['resident'], joinedOn: '2025-01-01', leftOn: null },
  { id: 'p-chen', name: '陈录入', roles: ['enrolment'], joinedOn: '2025-01-01', leftOn: null },
  { id: 'p-zhou', name: '周客服', roles: ['customer-service'], joinedOn: '2025-01-01', leftOn: null },
  { id: 'p-sun', name: '孙技术', roles: ['technical-support', 'maintenance'], joinedOn: '2025-01-01', leftOn: null },
];

/** An instant written in Shanghai local time, e.g. `at('2026-05-09 09:00')`. */
export const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
/** Epoch ms of {@link at}. */
export const ms = (local: string) => at(local).getTime();
