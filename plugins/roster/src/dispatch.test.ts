import { arrivalDeadline, dispatchActions, hoursAndMinutes, minutesLeft, parseTicketInput, sourceText } from './dispatch';

describe('dispatch helpers', () => {
  it('reads ticket ids and numbers', () => {
    expect(parseTicketInput(' yx202605040001 ')).toEqual({ kind: 'number', number: 'YX202605040001' });
    expect(parseTicketInput('#42')).toEqual({ kind: 'id', id: 42 });
    expect(parseTicketInput('42')).toEqual({ kind: 'id', id: 42 });
    expect(parseTicketInput('0')).toBeUndefined();
    expect(parseTicketInput('YX2026')).toBeUndefined();
    expect(parseTicketInput('abc')).toBeUndefined();
  });

  it('sets the arrival deadline 2 h after a major incident and 4 h after an ordinary fault, night or day', () => {
    const at = new Date('2026-05-02T15:30:00Z');
    expect(arrivalDeadline(at, 'major').toISOString()).toBe('2026-05-02T17:30:00.000Z');
    expect(arrivalDeadline(at, 'ordinary').toISOString()).toBe('2026-05-02T19:30:00.000Z');
    expect(arrivalDeadline(at, 'major', { major: 1.5, ordinary: 4 }).toISOString()).toBe('2026-05-02T17:00:00.000Z');
  });

  it('counts minutes left and splits them', () => {
    const now = Date.parse('2026-05-02T15:30:00Z');
    expect(minutesLeft('2026-05-02T17:30:00Z', now)).toBe(120);
    expect(minutesLeft('2026-05-02T15:00:30Z', now)).toBe(-30);
    expect(hoursAndMinutes(125)).toEqual({ h: 2, m: 5 });
    expect(hoursAndMinutes(-30)).toEqual({ h: 0, m: 30 });
  });

  it('offers the engineer each step in order, and cancelling to dispatchers', () => {
    const engineer = { dispatchSelf: true, dispatch: true, manageSchedule: false };
    const lead = { dispatchSelf: false, dispatch: true, manageSchedule: false };
    expect(dispatchActions({ state: 'dispatched' }, true, engineer)).toEqual(['accept', 'arrive', 'log', 'cancel']);
    expect(dispatchActions({ state: 'accepted' }, true, engineer)).toEqual(['arrive', 'log', 'cancel']);
    expect(dispatchActions({ state: 'arrived' }, true, engineer)).toEqual(['log', 'complete']);
    expect(dispatchActions({ state: 'completed' }, true, engineer)).toEqual([]);
    expect(dispatchActions({ state: 'arrived' }, false, lead)).toEqual([]);
    expect(dispatchActions({ state: 'accepted' }, false, lead)).toEqual(['cancel']);
    // someone else's dispatch: nothing but cancelling
    expect(dispatchActions({ state: 'dispatched' }, false, engineer)).toEqual(['cancel']);
    expect(dispatchActions({ state: 'dispatched' }, false, { dispatchSelf: false, dispatch: false, manageSchedule: false })).toEqual([]);
  });

  it('names the source', () => {
    expect(sourceText({ source: { kind: 'ticket', ticketId: 7, ticketNumber: 'YX202605040001' } })).toBe('YX202605040001');
    expect(sourceText({ source: { kind: 'ticket', ticketId: 7 } })).toBe('#7');
    expect(sourceText({ source: { kind: 'alert', ruleId: 'down', targetId: 'ca-api' } })).toBe('down · ca-api');
  });
});
