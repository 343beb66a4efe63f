import type { Session } from '@yinxin/plugin-training-common';
import { canEndNow, canMarkAttendance, cstSpan, endNowPatch, isFull, learnerActions, mondayOf, sessionsByDay, shiftWeek, weekDays } from './sessions';

const session = (over: Partial<Session> = {}): Session => ({
  id: 's1',
  title: 'USB-key 使用培训',
  topic: 'usb-key',
  startsAt: '2026-03-02T02:00:00.000Z',
  endsAt: '2026-03-02T04:00:00.000Z',
  mode: 'onsite',
  place: '三楼',
  trainerRef: 'user:default/trainer1',
  capacity: 2,
  enrolled: 0,
  status: 'scheduled',
  phase: 'upcoming',
  createdBy: 'user:default/trainer1',
  createdAt: '2026-03-01T00:00:00.000Z',
  me: { enrolled: false, attended: false, feedbackGiven: false },
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('learner actions', () => {
  it('enrols before the start while seats are free', () => {
    expect(learnerActions(session(), at('2026-03-01T00:00:00Z'))).toEqual({ enrol: true, unenrol: false, checkIn: false, feedback: false, certificate: false, full: false });
  });

  it('shows a full session as full', () => {
    const a = learnerActions(session({ enrolled: 2 }), at('2026-03-01T00:00:00Z'));
    expect(a).toMatchObject({ enrol: false, full: true });
    expect(isFull(session({ enrolled: 2 }))).toBe(true);
  });

  it('checks in from 30 minutes before the start, and leaves only before the start', () => {
    const enrolled = session({ enrolled: 1, me: { enrolled: true, attended: false, feedbackGiven: false } });
    expect(learnerActions(enrolled, at('2026-03-02T01:20:00Z'))).toMatchObject({ checkIn: false, unenrol: true });
    expect(learnerActions(enrolled, at('2026-03-02T01:40:00Z'))).toMatchObject({ checkIn: true, unenrol: true });
    expect(learnerActions(enrolled, at('2026-03-02T03:00:00Z'))).toMatchObject({ checkIn: true, unenrol: false, enrol: false });
    expect(learnerActions(enrolled, at('2026-03-02T05:00:00Z'))).toMatchObject({ checkIn: false, certificate: false });
  });

  it('gives feedback once after attending, and the certificate after the end', () => {
    const attended = session({ enrolled: 1, me: { enrolled: true, attended: true, feedbackGiven: false } });
    expect(learnerActions(attended, at('2026-03-02T03:00:00Z'))).toMatchObject({ feedback: true, certificate: false, checkIn: false });
    expect(learnerActions(attended, at('2026-03-02T05:00:00Z'))).toMatchObject({ feedback: true, certificate: true });
    expect(learnerActions({ ...attended, me: { ...attended.me!, feedbackGiven: true } }, at('2026-03-02T05:00:00Z'))).toMatchObject({ feedback: false });
  });

  it('offers nothing in a cancelled session', () => {
    const a = learnerActions(session({ status: 'cancelled', me: { enrolled: true, attended: false, feedbackGiven: false } }), at('2026-03-01T00:00:00Z'));
    expect(Object.values(a).some(Boolean)).toBe(false);
  });
});

describe('trainer actions', () => {
  it('ends a running session now, and marks attendance from check-in on', () => {
    const s = session();
    expect(canEndNow(s, at('2026-03-02T01:59:00Z'))).toBe(false);
    expect(canEndNow(s, at('2026-03-02T02:01:00Z'))).toBe(true);
    expect(canEndNow(s, at('2026-03-02T04:01:00Z'))).toBe(false);
    expect(endNowPatch(at('2026-03-02T02:01:00Z'))).toEqual({ endsAt: '2026-03-02T02:01:00.000Z' });
    expect(canMarkAttendance(s, at('2026-03-02T01:00:00Z'))).toBe(false);
    expect(canMarkAttendance(s, at('2026-03-02T01:45:00Z'))).toBe(true);
    expect(canMarkAttendance(s, at('2026-03-03T00:00:00Z'))).toBe(true);
  });
});

describe('calendar', () => {
  it('finds the CST Monday', () => {
    // Sunday 2026-03-01 20:00 UTC is Monday 2026-03-02 04:00 in Beijing
    expect(mondayOf(at('2026-03-01T20:00:00Z'))).toBe('2026-03-02');
    expect(mondayOf(at('2026-03-08T15:59:00Z'))).toBe('2026-03-02');
    expect(mondayOf(at('2026-03-08T16:00:00Z'))).toBe('2026-03-09');
    expect(shiftWeek('2026-03-02', -1)).toBe('2026-02-23');
  });

  it('puts sessions on the CST day they start', () => {
    const days = weekDays('2026-03-02');
    expect(days).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    const early = session({ id: 'a', startsAt: '2026-03-02T17:00:00.000Z', endsAt: '2026-03-02T18:00:00.000Z' });
    const late = session({ id: 'b', startsAt: '2026-03-02T23:00:00.000Z', endsAt: '2026-03-03T01:00:00.000Z' });
    const outside = session({ id: 'c', startsAt: '2026-03-20T02:00:00.000Z' });
    const byDay = sessionsByDay([late, outside, early], days);
    expect(byDay['2026-03-03'].map(s => s.id)).toEqual(['a', 'b']);
    expect(Object.values(byDay).flat()).toHaveLength(2);
  });

  it('writes spans in CST', () => {
    expect(cstSpan('2026-03-02T02:00:00.000Z', '2026-03-02T04:00:00.000Z')).toBe('2026-03-02 10:00–12:00');
    expect(cstSpan('2026-03-02T14:00:00.000Z', '2026-03-03T01:00:00.000Z')).toBe('2026-03-02 22:00 – 2026-03-03 09:00');
  });
});
