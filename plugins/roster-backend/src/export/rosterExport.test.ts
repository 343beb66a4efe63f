import type { RosterMonth } from '@yinxin/plugin-roster-common';
import { parseExcelCsv } from '../logic/csv';
import { Zone } from '../logic/zone';
import { pdfDocRenderer } from './pdf';
import { ROSTER_COLUMNS, rosterCsv, rosterPdfSpec, rosterRows } from './rosterExport';

const zone = new Zone('Asia/Shanghai');
const at = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`).toISOString();

const month: RosterMonth = {
  month: '2026-05',
  timeZone: 'Asia/Shanghai',
  days: [
    { day: '2026-05-08', kind: 'workday', working: true },
    { day: '2026-05-09', kind: 'makeup-workday', working: true, name: '劳动节' },
    { day: '2026-05-10', kind: 'weekend', working: false },
  ],
  templates: [
    { id: 'onsite-day', name: '现场值班 09:00–17:00', kind: 'onsite', days: 'working', start: '09:00', end: '17:00', roles: ['resident'], headcount: 1, active: true, sort: 10, updatedAt: '', updatedBy: '' },
    { id: 'oncall-night', name: '远程值守 17:00–次日 09:00', kind: 'oncall', days: 'working', start: '17:00', end: '09:00', roles: ['maintenance'], headcount: 1, active: true, sort: 20, updatedAt: '', updatedBy: '' },
  ],
  people: [
    { id: 'p1', name: '张驻场', roles: ['resident', 'technical-support'], status: 'active' },
    { id: 'p2', name: '=李"运维"', roles: ['maintenance'], status: 'active' },
  ],
  assignments: [
    { id: 'a2', personId: 'p2', templateId: 'oncall-night', kind: 'oncall', day: '2026-05-09', startsAt: at('2026-05-09 17:00'), endsAt: at('2026-05-10 09:00'), source: 'swap', overrideId: null, createdAt: '', createdBy: '' },
    { id: 'a1', personId: 'p1', templateId: 'onsite-day', kind: 'onsite', day: '2026-05-09', startsAt: at('2026-05-09 09:00'), endsAt: at('2026-05-09 17:00'), source: 'generated', overrideId: null, createdAt: '', createdBy: '' },
  ],
  leaves: [],
  violations: [{ code: 'ONSITE_UNCOVERED', day: '2026-05-08', message: { zh: '2026-05-08 09:00–17:00 无驻场工程师在岗', en: 'x' } }],
  generatedAt: null,
  generatedBy: null,
};

describe('roster exports', () => {
  it('lists every assignment in time order, and a blank row for a day without any', () => {
    expect(rosterRows(month, zone)).toEqual([
      ['2026-05-08', '周五', '工作日', '', '', '', '', '', '', ''],
      ['2026-05-09', '周六', '调休上班（劳动节）', '现场值班 09:00–17:00', '现场值班', '09:00', '17:00', '张驻场', '驻场、技术支持', '排班'],
      ['2026-05-09', '周六', '调休上班（劳动节）', '远程值守 17:00–次日 09:00', '远程值守', '17:00', '2026-05-10 09:00', '=李"运维"', '运维', '换班'],
      ['2026-05-10', '周日', '周末', '', '', '', '', '', '', ''],
    ]);
  });

  it('writes CSV Excel opens: BOM, CRLF, quoted, formulas defused', () => {
    const csv = rosterCsv(month, zone);
    expect(csv.startsWith('\uFEFF"日期 Date",')).toBe(true);
    expect(csv).toContain(`"'=李""运维"""`);
    const rows = parseExcelCsv(csv);
    expect(rows[0]).toEqual(ROSTER_COLUMNS);
    expect(rows).toHaveLength(5);
  });

  it('describes the PDF: title, landscape table and the coverage check', async () => {
    const spec = rosterPdfSpec(month, zone, new Date(at('2026-05-01 08:00')));
    expect(spec).toMatchObject({ title: '值班表 2026年5月', landscape: true });
    expect(spec.subtitle).toContain('2026-05-01 08:00');
    const tables = spec.blocks.filter(b => b.kind === 'table') as { columns: { title: string }[]; rows: string[][] }[];
    expect(tables[0].columns.map(c => c.title)).toEqual(ROSTER_COLUMNS);
    expect(tables[0].rows).toHaveLength(4);
    expect(tables[1].rows).toEqual([['2026-05-08', '现场无人', '2026-05-08 09:00–17:00 无驻场工程师在岗']]);
    expect((await pdfDocRenderer()(spec)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
