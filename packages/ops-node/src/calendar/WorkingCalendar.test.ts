import fc from 'fast-check';
import { seedDaysFromChineseDays } from './CalendarStore';
import { DayKind, WorkingCalendar } from './WorkingCalendar';

const HOUR = 3_600_000;

/** Shanghai wall-clock time → instant (written with an explicit +08:00 offset). */
const cst = (local: string) => new Date(`${local}+08:00`);

/** The production-like calendar: Asia/Shanghai, 08:30–17:30, real chinese-days data. */
const calendar = new WorkingCalendar({ days: seedDaysFromChineseDays() });

describe('WorkingCalendar with chinese-days data (Asia/Shanghai, 08:30–17:30)', () => {
  it('uses the defaults', () => {
    expect(calendar.timeZone).toBe('Asia/Shanghai');
    expect(calendar.businessHours).toEqual({ start: '08:30', end: '17:30' });
  });

  it.each<[string, string, DayKind, string | undefined]>([
    ['National Day', '2026-10-01T10:00:00', 'holiday', '国庆节'],
    ['National Day on a Saturday', '2026-10-03T10:00:00', 'holiday', '国庆节'],
    ['last day of National Day', '2026-10-07T23:59:59', 'holiday', '国庆节'],
    [
      'Thursday after National Day (not a holiday in 2026)',
      '2026-10-08T00:00:00',
      'workday',
      undefined,
    ],
    [
      'make-up Saturday after National Day',
      '2026-10-10T10:00:00',
      'makeup-workday',
      '国庆节',
    ],
    [
      'make-up Sunday before National Day',
      '2026-09-20T10:00:00',
      'makeup-workday',
      '国庆节',
    ],
    ['plain Sunday', '2026-10-11T10:00:00', 'weekend', undefined],
    ['Mid-autumn Festival', '2026-09-25T10:00:00', 'holiday', '中秋'],
    ['Spring Festival first day', '2026-02-15T10:00:00', 'holiday', '春节'],
    [
      'Spring Festival last day (Monday)',
      '2026-02-23T10:00:00',
      'holiday',
      '春节',
    ],
    [
      'make-up Saturday before Spring Festival',
      '2026-02-14T10:00:00',
      'makeup-workday',
      '春节',
    ],
    [
      'make-up Saturday after Spring Festival',
      '2026-02-28T10:00:00',
      'makeup-workday',
      '春节',
    ],
    [
      'New Year make-up Sunday',
      '2026-01-04T10:00:00',
      'makeup-workday',
      '元旦',
    ],
    ['plain Wednesday', '2026-11-11T10:00:00', 'workday', undefined],
  ])('dayKind: %s (%s)', (_label, local, kind, name) => {
    const info = calendar.dayKind(cst(local));
    expect(info.day).toBe(local.slice(0, 10));
    expect(info.kind).toBe(kind);
    expect(info.name).toBe(name);
    expect(info.working).toBe(kind === 'workday' || kind === 'makeup-workday');
    expect(calendar.isWorkingDay(cst(local))).toBe(info.working);
  });

  it('evaluates the day in the calendar time zone, not in UTC', () => {
    // 2026-09-30T16:30Z is 2026-10-01 00:30 in Shanghai.
    const instant = new Date('2026-09-30T16:30:00Z');
    expect(calendar.localDay(instant)).toBe('2026-10-01');
    expect(calendar.dayKind(instant).kind).toBe('holiday');
    expect(calendar.isWorkingDay(new Date('2026-09-30T15:59:59.999Z'))).toBe(
      true,
    );
  });

  it.each([
    ['Friday evening', '2026-11-06T19:00:00', 2, '2026-11-10T17:30:00'],
    ['Friday evening', '2026-11-06T19:00:00', 5, '2026-11-13T17:30:00'],
    [
      'Friday one second before end of business',
      '2026-11-06T17:29:59',
      2,
      '2026-11-09T17:30:00',
    ],
    [
      'Friday exactly at end of business',
      '2026-11-06T17:30:00',
      2,
      '2026-11-10T17:30:00',
    ],
    ['workday at 23:00', '2026-11-10T23:00:00', 2, '2026-11-12T17:30:00'],
    [
      'workday before business starts',
      '2026-11-10T07:00:00',
      2,
      '2026-11-11T17:30:00',
    ],
    ['workday, n = 1', '2026-11-10T10:00:00', 1, '2026-11-10T17:30:00'],
    [
      'day before National Day',
      '2026-09-30T10:00:00',
      2,
      '2026-10-08T17:30:00',
    ],
    [
      'day before National Day',
      '2026-09-30T10:00:00',
      5,
      '2026-10-12T17:30:00',
    ],
    ['during National Day', '2026-10-03T10:00:00', 2, '2026-10-09T17:30:00'],
    ['during National Day', '2026-10-03T10:00:00', 5, '2026-10-13T17:30:00'],
    [
      'Friday evening before a make-up Saturday',
      '2026-10-09T19:00:00',
      2,
      '2026-10-12T17:30:00',
    ],
    ['on a make-up Sunday', '2026-09-20T10:00:00', 2, '2026-09-21T17:30:00'],
    [
      'plain Saturday before a make-up Sunday',
      '2026-09-19T10:00:00',
      2,
      '2026-09-21T17:30:00',
    ],
    [
      'plain Saturday before a make-up Sunday',
      '2026-09-19T10:00:00',
      5,
      '2026-09-24T17:30:00',
    ],
    [
      'Thursday evening before Mid-autumn',
      '2026-09-24T18:00:00',
      2,
      '2026-09-29T17:30:00',
    ],
    [
      'Friday before Spring Festival',
      '2026-02-13T10:00:00',
      2,
      '2026-02-14T17:30:00',
    ],
    [
      'Friday before Spring Festival',
      '2026-02-13T10:00:00',
      5,
      '2026-02-26T17:30:00',
    ],
    ['during Spring Festival', '2026-02-16T10:00:00', 2, '2026-02-25T17:30:00'],
    [
      'make-up Saturday evening before Spring Festival',
      '2026-02-14T18:00:00',
      2,
      '2026-02-25T17:30:00',
    ],
    ['New Year’s Eve evening', '2025-12-31T18:00:00', 2, '2026-01-05T17:30:00'],
  ])(
    'deadlineByWorkingDays: %s %s, n = %d → %s',
    (_label, submitted, n, deadline) => {
      expect(
        calendar.deadlineByWorkingDays(cst(submitted), n).toISOString(),
      ).toBe(cst(deadline).toISOString());
    },
  );

  it('counts the submission day by the local date, not the UTC date', () => {
    // 2026-11-09T23:30Z is Tuesday 2026-11-10 07:30 in Shanghai: that Tuesday is day 1.
    expect(
      calendar
        .deadlineByWorkingDays(new Date('2026-11-09T23:30:00Z'), 2)
        .toISOString(),
    ).toBe('2026-11-11T09:30:00.000Z');
  });

  it.each([
    ['across a weekend', '2026-11-06T15:30:00', 4, '2026-11-09T10:30:00'],
    [
      'ending exactly at end of business',
      '2026-11-06T13:30:00',
      4,
      '2026-11-06T17:30:00',
    ],
    ['starting on a Saturday', '2026-11-07T12:00:00', 4, '2026-11-09T12:30:00'],
    ['starting at night', '2026-11-10T20:00:00', 1, '2026-11-11T09:30:00'],
    [
      'starting before business',
      '2026-11-10T06:00:00',
      0.5,
      '2026-11-10T09:00:00',
    ],
    ['across National Day', '2026-09-30T16:00:00', 4, '2026-10-08T11:00:00'],
    [
      'into a make-up Saturday',
      '2026-10-09T17:00:00',
      2,
      '2026-10-10T10:00:00',
    ],
    ['a whole working week', '2026-11-09T08:30:00', 45, '2026-11-13T17:30:00'],
    ['across Spring Festival', '2026-02-14T16:30:00', 2, '2026-02-24T09:30:00'],
  ])(
    'deadlineByBusinessHours: %s, %s + %d h → %s',
    (_label, start, hours, deadline) => {
      expect(
        calendar.deadlineByBusinessHours(cst(start), hours).toISOString(),
      ).toBe(cst(deadline).toISOString());
    },
  );

  it.each([
    [
      'across National Day',
      '2026-09-30T16:00:00',
      '2026-10-08T11:00:00',
      4 * HOUR,
    ],
    [
      'two whole working days around National Day',
      '2026-09-30T00:00:00',
      '2026-10-09T00:00:00',
      18 * HOUR,
    ],
    ['over a weekend', '2026-11-06T17:00:00', '2026-11-09T09:00:00', 1 * HOUR],
    ['inside a weekend', '2026-11-07T09:00:00', '2026-11-08T17:00:00', 0],
    ['inside one night', '2026-11-10T18:00:00', '2026-11-11T08:00:00', 0],
    [
      'across Spring Festival with make-up Saturday',
      '2026-02-13T08:30:00',
      '2026-02-24T17:30:00',
      27 * HOUR,
    ],
    ['same instant', '2026-11-10T10:00:00', '2026-11-10T10:00:00', 0],
  ])('businessMillisBetween: %s', (_label, a, b, expected) => {
    expect(calendar.businessMillisBetween(cst(a), cst(b))).toBe(expected);
    expect(calendar.businessMillisBetween(cst(b), cst(a))).toBe(
      expected === 0 ? 0 : -expected,
    );
  });

  it.each([
    [
      'end of Friday + 1 h',
      '2026-11-06T17:30:00',
      1 * HOUR,
      '2026-11-09T09:30:00',
    ],
    [
      'before National Day + 1 h',
      '2026-09-30T17:00:00',
      1 * HOUR,
      '2026-10-08T09:00:00',
    ],
    [
      'inside business time + 30 min',
      '2026-11-10T10:00:00',
      HOUR / 2,
      '2026-11-10T10:30:00',
    ],
    [
      '+ 0 keeps a deadline outside business time',
      '2026-11-07T12:00:00',
      0,
      '2026-11-07T12:00:00',
    ],
  ])('extendByBusinessMillis: %s', (_label, deadline, ms, expected) => {
    expect(
      calendar.extendByBusinessMillis(cst(deadline), ms).toISOString(),
    ).toBe(cst(expected).toISOString());
  });

  it.each([
    ['2026-11-10T08:30:00', true],
    ['2026-11-10T08:29:59.999', false],
    ['2026-11-10T17:29:59.999', true],
    ['2026-11-10T17:30:00', false],
    ['2026-10-10T10:00:00', true], // make-up Saturday
    ['2026-10-11T10:00:00', false], // Sunday
    ['2026-10-01T10:00:00', false], // National Day
  ])('isBusinessTime(%s) = %s', (local, expected) => {
    expect(calendar.isBusinessTime(cst(local))).toBe(expected);
  });

  it('adds working days keeping the wall-clock time', () => {
    expect(calendar.addWorkingDays(cst('2026-09-30T10:00:00'), 1)).toEqual(
      cst('2026-10-08T10:00:00'),
    );
    expect(calendar.addWorkingDays(cst('2026-09-30T10:00:00'), 3)).toEqual(
      cst('2026-10-10T10:00:00'),
    );
    expect(calendar.nextWorkingDay(cst('2026-10-03T14:00:00'))).toEqual(
      cst('2026-10-08T14:00:00'),
    );
    expect(calendar.nextWorkingDay(cst('2026-10-09T19:00:00'))).toEqual(
      cst('2026-10-10T19:00:00'),
    );
    expect(calendar.nextWorkingDay(cst('2026-02-13T00:00:00'))).toEqual(
      cst('2026-02-14T00:00:00'),
    );
  });
});

describe('WorkingCalendar in other time zones', () => {
  it('follows daylight saving time in America/New_York', () => {
    const ny = new WorkingCalendar({
      timeZone: 'America/New_York',
      businessHours: { start: '09:00', end: '17:00' },
    });
    // DST ends on Sunday 2026-11-01: Friday is UTC-4, Monday UTC-5.
    const friday = new Date('2026-10-30T16:00:00-04:00');
    const monday = new Date('2026-11-02T10:00:00-05:00');
    expect(ny.deadlineByBusinessHours(friday, 2)).toEqual(monday);
    expect(ny.businessMillisBetween(friday, monday)).toBe(2 * HOUR);
    expect(
      ny.deadlineByWorkingDays(new Date('2026-10-30T10:00:00-04:00'), 2),
    ).toEqual(new Date('2026-11-02T17:00:00-05:00'));
    expect(ny.localDay(new Date('2026-11-02T03:00:00Z'))).toBe('2026-11-01');
  });

  it('handles wall times that do not exist or repeat (Europe/Berlin)', () => {
    const berlin = new WorkingCalendar({
      timeZone: 'Europe/Berlin',
      businessHours: { start: '02:30', end: '04:00' },
      days: {
        '2026-03-29': { kind: 'workday' }, // clocks jump 02:00 → 03:00
        '2026-10-25': { kind: 'workday' }, // clocks fall back 03:00 → 02:00
      },
    });
    // 02:30 does not exist on 03-29: it is shifted by the 1 h gap, so the day opens at
    // 03:30 CEST (01:30Z) and closes at 04:00 CEST (02:00Z).
    expect(
      berlin.businessMillisBetween(
        new Date('2026-03-29T00:00:00Z'),
        new Date('2026-03-30T00:00:00Z'),
      ),
    ).toBe(HOUR / 2);
    expect(berlin.isBusinessTime(new Date('2026-03-29T01:10:00Z'))).toBe(false);
    expect(berlin.isBusinessTime(new Date('2026-03-29T01:40:00Z'))).toBe(true);
    // 02:30 occurs twice on 10-25: the day opens at the first one (02:30 CEST = 00:30Z) and
    // closes at 04:00 CET (03:00Z).
    expect(
      berlin.businessMillisBetween(
        new Date('2026-10-25T00:00:00Z'),
        new Date('2026-10-26T00:00:00Z'),
      ),
    ).toBe(2.5 * HOUR);
    expect(berlin.isBusinessTime(new Date('2026-10-25T00:30:00Z'))).toBe(true);
    expect(berlin.isBusinessTime(new Date('2026-10-25T00:29:59Z'))).toBe(false);
  });

  it('works in UTC', () => {
    const utc = new WorkingCalendar({ timeZone: 'UTC' });
    expect(
      utc
        .deadlineByWorkingDays(new Date('2026-11-06T19:00:00Z'), 2)
        .toISOString(),
    ).toBe('2026-11-10T17:30:00.000Z');
  });

  it('canonicalizes the time zone name', () => {
    expect(new WorkingCalendar({ timeZone: 'asia/shanghai' }).timeZone).toBe(
      'Asia/Shanghai',
    );
  });

  it('accepts overrides as a Map or a record and lists them sorted', () => {
    const fromMap = new WorkingCalendar({
      days: new Map([
        ['2026-11-11', { kind: 'holiday' as const, name: 'Company day' }],
        ['2026-11-07', { kind: 'workday' as const }],
      ]),
    });
    const fromRecord = new WorkingCalendar({
      days: {
        '2026-11-11': { kind: 'holiday', name: 'Company day' },
        '2026-11-07': { kind: 'workday' },
      },
    });
    for (const c of [fromMap, fromRecord]) {
      expect([...c.overrides().keys()]).toEqual(['2026-11-07', '2026-11-11']);
      expect(c.dayKind(cst('2026-11-11T12:00:00'))).toEqual({
        day: '2026-11-11',
        kind: 'holiday',
        working: false,
        name: 'Company day',
      });
      expect(c.dayKind(cst('2026-11-07T12:00:00')).kind).toBe('makeup-workday');
    }
  });

  it('supports business hours ending at 24:00', () => {
    const c = new WorkingCalendar({
      businessHours: { start: '00:00', end: '24:00' },
    });
    expect(c.deadlineByWorkingDays(cst('2026-11-10T23:00:00'), 1)).toEqual(
      cst('2026-11-11T00:00:00'),
    );
    expect(
      c.businessMillisBetween(
        cst('2026-11-06T00:00:00'),
        cst('2026-11-09T00:00:00'),
      ),
    ).toBe(24 * HOUR);
  });
});

describe('WorkingCalendar input validation', () => {
  it.each([
    [
      { businessHours: { start: '8:30', end: '17:30' } },
      /business hours start "8:30".*HH:MM/,
    ],
    [
      { businessHours: { start: '08:30', end: '17:60' } },
      /business hours end "17:60"/,
    ],
    [
      { businessHours: { start: '24:00', end: '24:00' } },
      /business hours start "24:00"/,
    ],
    [{ businessHours: { start: '08:30', end: '24:01' } }, /business hours end/],
    [
      { businessHours: { start: '08:30', end: '08:30' } },
      /end must be after the start/,
    ],
    [
      { businessHours: { start: '17:30', end: '08:30' } },
      /end must be after the start/,
    ],
    [
      { timeZone: 'Mars/Olympus_Mons' },
      /Invalid time zone "Mars\/Olympus_Mons"/,
    ],
    [
      { days: { '2026-02-30': { kind: 'holiday' as const } } },
      /Invalid day "2026-02-30"/,
    ],
    [
      { days: { '2026-2-3': { kind: 'holiday' as const } } },
      /Invalid day "2026-2-3"/,
    ],
    [
      { days: { '2026-02-03': { kind: 'vacation' } } },
      /Invalid kind "vacation"/,
    ],
  ])('rejects options %j', (options, message) => {
    expect(() => new WorkingCalendar(options as never)).toThrow(RangeError);
    expect(() => new WorkingCalendar(options as never)).toThrow(message);
  });

  it.each([0, -1, 1.5, NaN, Infinity])('rejects n = %p', n => {
    const at = cst('2026-11-10T10:00:00');
    expect(() => calendar.deadlineByWorkingDays(at, n)).toThrow(RangeError);
    expect(() => calendar.deadlineByWorkingDays(at, n)).toThrow(
      /expected an integer ≥ 1/,
    );
    expect(() => calendar.addWorkingDays(at, n)).toThrow(RangeError);
  });

  it.each([0, -1, NaN, Infinity])('rejects business hours %p', hours => {
    expect(() =>
      calendar.deadlineByBusinessHours(cst('2026-11-10T10:00:00'), hours),
    ).toThrow(RangeError);
  });

  it('rejects invalid dates and negative extensions', () => {
    const bad = new Date('not a date');
    expect(() => calendar.isWorkingDay(bad)).toThrow(RangeError);
    expect(() => calendar.dayKind(bad)).toThrow(/expected a valid Date/);
    expect(() => calendar.deadlineByWorkingDays(bad, 2)).toThrow(RangeError);
    expect(() => calendar.businessMillisBetween(bad, new Date())).toThrow(
      RangeError,
    );
    expect(() => calendar.extendByBusinessMillis(new Date(), -1)).toThrow(
      RangeError,
    );
  });
});

describe('WorkingCalendar properties', () => {
  // Within and beyond the years chinese-days covers (2004–2026).
  const instant = fc.date({
    min: new Date('2004-01-01T00:00:00Z'),
    max: new Date('2028-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  /** An instant inside business hours: a working day's opening plus up to 9 h − 1 ms. */
  const businessInstant = fc
    .tuple(instant, fc.integer({ min: 0, max: 9 * HOUR - 1 }))
    .map(([d, offset]) => {
      const opening = calendar.deadlineByWorkingDays(d, 1).getTime() - 9 * HOUR;
      return new Date(opening + offset);
    });

  it('addWorkingDays always lands on a working day, strictly later', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const r = calendar.addWorkingDays(d, n);
        return (
          calendar.isWorkingDay(r) &&
          calendar.localDay(r) > calendar.localDay(d)
        );
      }),
    );
  });

  it('working-day deadlines are at end of business on a working day and strictly increase with n', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (d, n) => {
        const a = calendar.deadlineByWorkingDays(d, n);
        const b = calendar.deadlineByWorkingDays(d, n + 1);
        return (
          a < b &&
          a > d &&
          calendar.isWorkingDay(a) &&
          calendar.businessMillisBetween(d, a) <= n * 9 * HOUR &&
          calendar.isBusinessTime(new Date(a.getTime() - 1)) &&
          !calendar.isBusinessTime(a)
        );
      }),
    );
  });

  it('business-hour deadlines are monotonic in the hours', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        (d, h1, h2) => {
          const [lo, hi] = h1 <= h2 ? [h1, h2] : [h2, h1];
          return (
            calendar.deadlineByBusinessHours(d, lo) <=
            calendar.deadlineByBusinessHours(d, hi)
          );
        },
      ),
    );
  });

  it('businessMillisBetween(a, deadlineByBusinessHours(a, h)) === h hours inside business time', () => {
    fc.assert(
      fc.property(businessInstant, fc.integer({ min: 1, max: 200 }), (a, h) => {
        expect(calendar.isBusinessTime(a)).toBe(true);
        return (
          calendar.businessMillisBetween(
            a,
            calendar.deadlineByBusinessHours(a, h),
          ) ===
          h * HOUR
        );
      }),
    );
  });

  it('the same holds from any instant, and for extendByBusinessMillis', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 100 * HOUR }), (a, ms) => {
        const e = calendar.extendByBusinessMillis(a, ms);
        return calendar.businessMillisBetween(a, e) === ms;
      }),
    );
  });

  it('businessMillisBetween is additive', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime());
        return (
          calendar.businessMillisBetween(a, b) +
            calendar.businessMillisBetween(b, c) ===
          calendar.businessMillisBetween(a, c)
        );
      }),
    );
  });
});
