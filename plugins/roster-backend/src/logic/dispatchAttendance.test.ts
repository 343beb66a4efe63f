import fc from 'fast-check';
import { arrivalDeadline, arrivalMinutes, arrivalStats, isBreached, isLateArrival, median, percentile, type DispatchFacts } from './dispatch';
import { attendanceSummary, isLateCheckIn, shiftToCheckIn } from './attendance';
import { parseExcelCsv, toExcelCsv } from './csv';
import { DEFAULT_ATTENDANCE } from './defaults';
import { at, calendar2026, ms } from '../testing/fixtures';

describe('arrival deadlines (wall-clock, 7×24)', () => {
  it('gives 2 hours for a major incident and 4 for an ordinary fault on a working day', () => {
    expect(arrivalDeadline(at('2026-05-12 10:00'), 'major')).toEqual(at('2026-05-12 12:00'));
    expect(arrivalDeadline(at('2026-05-12 10:00'), 'ordinary')).toEqual(at('2026-05-12 14:00'));
  });

  it('does not stop the clock at night: 23:30 → 01:30 / 03:30 the next day', () => {
    expect(arrivalDeadline(at('2026-05-12 23:30'), 'major')).toEqual(at('2026-05-13 01:30'));
    expect(arrivalDeadline(at('2026-05-12 23:30'), 'ordinary')).toEqual(at('2026-05-13 03:30'));
  });

  it('does not stop the clock on holidays: 02:00 on National Day → 04:00 / 06:00 that night', () => {
    expect(calendar2026.dayKind(at('2026-10-03 02:00')).kind).toBe('holiday');
    expect(arrivalDeadline(at('2026-10-03 02:00'), 'major')).toEqual(at('2026-10-03 04:00'));
    expect(arrivalDeadline(at('2026-10-03 02:00'), 'ordinary')).toEqual(at('2026-10-03 06:00'));
    // Business-hours arithmetic would have allowed until the first working day after the holiday.
    expect(calendar2026.deadlineByBusinessHours(at('2026-10-03 02:00'), 2).getTime()).toBeGreaterThan(at('2026-10-08 00:00').getTime());
  });

  it('is always exactly 2 or 4 hours later, whatever the instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2028-12-31') }), t => {
        expect(arrivalDeadline(new Date(t), 'major').getTime() - t).toBe(7_200_000);
        expect(arrivalDeadline(new Date(t), 'ordinary').getTime() - t).toBe(14_400_000);
      }),
    );
  });

  it('takes configured targets and refuses an invalid time', () => {
    expect(arrivalDeadline(at('2026-05-12 10:00'), 'major', { major: 1.5, ordinary: 3 })).toEqual(at('2026-05-12 11:30'));
    expect(() => arrivalDeadline(new Date(NaN), 'major')).toThrow(RangeError);
  });

  it('counts an arrival after the deadline as a breach, one exactly at it as on time', () => {
    expect(isLateArrival(at('2026-05-12 12:00'), at('2026-05-12 12:00'))).toBe(false);
    expect(isLateArrival(at('2026-05-12 12:00'), at('2026-05-12 12:01'))).toBe(true);
    const d: DispatchFacts = { severity: 'major', state: 'dispatched', createdAt: at('2026-05-12 10:00').toISOString(), deadlineAt: at('2026-05-12 12:00').toISOString(), arrivedAt: null };
    expect(isBreached(d, at('2026-05-12 11:59'))).toBe(false);
    expect(isBreached(d, at('2026-05-12 12:01'))).toBe(true);
    expect(isBreached({ ...d, state: 'cancelled', cancelledAt: at('2026-05-12 11:00').toISOString() }, at('2026-05-12 13:00'))).toBe(false);
    // cancelling after the deadline does not hide the breach
    expect(isBreached({ ...d, state: 'cancelled', cancelledAt: at('2026-05-12 12:30').toISOString() }, at('2026-05-12 13:00'))).toBe(true);
    expect(arrivalStats([{ ...d, state: 'cancelled', cancelledAt: at('2026-05-12 12:30').toISOString() }], at('2026-05-12 13:00'))).toMatchObject({ count: 1, breaches: 1 });
  });
});

describe('arrival statistics', () => {
  const d = (created: string, minutes: number | null, severity: 'major' | 'ordinary' = 'major', state: DispatchFacts['state'] = 'arrived'): DispatchFacts => {
    const c = at(created);
    return {
      severity,
      state,
      createdAt: c.toISOString(),
      deadlineAt: arrivalDeadline(c, severity).toISOString(),
      arrivedAt: minutes === null ? null : new Date(c.getTime() + minutes * 60_000).toISOString(),
    };
  };

  it('counts on time, breaches and pending, with median and p90 minutes', () => {
    const list = [d('2026-05-12 10:00', 30), d('2026-05-12 11:00', 90), d('2026-05-12 12:00', 150), d('2026-05-12 13:00', 60, 'ordinary'), d('2026-05-12 20:00', null, 'major', 'accepted'), d('2026-05-12 08:00', null, 'ordinary', 'cancelled')];
    const stats = arrivalStats(list, at('2026-05-12 21:00'));
    expect(stats).toEqual({ count: 5, arrived: 4, onTime: 3, breaches: 1, pending: 1, medianMinutes: 75, p90Minutes: 150 });
    expect(arrivalStats(list, at('2026-05-12 23:00')).breaches).toBe(2);
    expect(arrivalStats([], at('2026-05-12 23:00'))).toEqual({ count: 0, arrived: 0, onTime: 0, breaches: 0, pending: 0, medianMinutes: null, p90Minutes: null });
    expect(arrivalMinutes(list[0])).toBe(30);
  });

  it('computes median and nearest-rank percentiles', () => {
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 90)).toBe(5);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1 }), xs => {
        const s = [...xs].sort((a, b) => a - b);
        expect(percentile(s, 90)!).toBeGreaterThanOrEqual(median(s)!);
        expect(s).toContain(percentile(s, 90));
        expect(s.filter(x => x <= percentile(s, 90)!).length / s.length).toBeGreaterThanOrEqual(0.9);
      }),
    );
  });
});

describe('attendance', () => {
  const shift = (id: string, day: string) => ({ id, personId: 'p', templateId: 'onsite-day', kind: 'onsite' as const, day, start: ms(`${day} 09:00`), end: ms(`${day} 17:00`) });
  const shifts = [shift('a1', '2026-05-11'), shift('a2', '2026-05-12'), shift('a3', '2026-05-13'), shift('a4', '2026-05-14')];

  it('finds the shift to check in to: from two hours before its start until its end', () => {
    expect(shiftToCheckIn(shifts, new Set(), ms('2026-05-12 06:59'), DEFAULT_ATTENDANCE)).toBeUndefined();
    expect(shiftToCheckIn(shifts, new Set(), ms('2026-05-12 07:00'), DEFAULT_ATTENDANCE)?.id).toBe('a2');
    expect(shiftToCheckIn(shifts, new Set(), ms('2026-05-12 16:59'), DEFAULT_ATTENDANCE)?.id).toBe('a2');
    expect(shiftToCheckIn(shifts, new Set(['a2']), ms('2026-05-12 10:00'), DEFAULT_ATTENDANCE)).toBeUndefined();
    expect(isLateCheckIn(ms('2026-05-12 09:00'), ms('2026-05-12 09:05'), DEFAULT_ATTENDANCE)).toBe(false);
    expect(isLateCheckIn(ms('2026-05-12 09:00'), ms('2026-05-12 09:06'), DEFAULT_ATTENDANCE)).toBe(true);
  });

  it('sums a month: attended, late, absent, upcoming, hours', () => {
    const s = attendanceSummary(
      { id: 'p', name: '张驻场' },
      shifts,
      [
        { assignmentId: 'a1', checkInAt: ms('2026-05-11 08:50'), checkOutAt: ms('2026-05-11 17:10') },
        { assignmentId: 'a2', checkInAt: ms('2026-05-12 09:30'), checkOutAt: null },
      ],
      ms('2026-05-13 18:00'),
      DEFAULT_ATTENDANCE,
    );
    expect(s).toEqual({
      personId: 'p',
      personName: '张驻场',
      scheduled: 4,
      attended: 2,
      late: 1,
      absent: 1,
      upcoming: 1,
      scheduledHours: 32,
      hours: 8.33 + 7.5,
      missingCheckOut: 1,
    });
  });
});

describe('Excel CSV', () => {
  it('writes a BOM, CRLF line ends and quoted fields, and defuses formulas', () => {
    const csv = toExcelCsv([
      ['日期', '工程师'],
      ['2026-05-09', '张"三"'],
      ['=HYPERLINK("x")', '多行\n文本'],
    ]);
    expect(csv.startsWith('\uFEFF"日期","工程师"\r\n')).toBe(true);
    expect(csv).toContain('"张""三"""');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('round-trips any text that is not a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string().filter(s => !/^[=+\-@\t\r]/.test(s)), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), rows => {
        expect(parseExcelCsv(toExcelCsv(rows))).toEqual(rows);
      }),
    );
  });
});
