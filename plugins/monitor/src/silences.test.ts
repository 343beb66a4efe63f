import { cancellable, newSilenceForm, silenceInputOf, silenceProblems, silenceState, type SilenceForm } from './silences';

const now = Date.parse('2026-11-28T02:07:30Z'); // 10:07:30 in China

describe('silenceState', () => {
  const s = { startsAt: '2026-11-28T10:00:00+08:00', endsAt: '2026-11-28T12:00:00+08:00' };
  it('tells scheduled, active, ended and cancelled apart', () => {
    expect(silenceState(s, Date.parse('2026-11-28T01:00:00Z'))).toBe('scheduled');
    expect(silenceState(s, now)).toBe('active');
    expect(silenceState(s, Date.parse('2026-11-28T04:00:00Z'))).toBe('ended');
    expect(silenceState({ ...s, cancelledAt: '2026-11-28T02:05:00Z' }, now)).toBe('cancelled');
  });

  it('lets only scheduled and active ones be ended', () => {
    expect(cancellable(s, now)).toBe(true);
    expect(cancellable(s, Date.parse('2026-11-28T04:00:00Z'))).toBe(false);
    expect(cancellable({ ...s, cancelledAt: '2026-11-28T02:05:00Z' }, now)).toBe(false);
  });
});

describe('the silence form', () => {
  const form = (over: Partial<SilenceForm> = {}): SilenceForm => ({ ...newSilenceForm(now, { targetId: 'web' }), reason: '机房断电演练', ...over });

  it('starts now, in China time, for two hours, with what the page knows', () => {
    expect(newSilenceForm(now, { kind: 'maintenance', targetId: 'ca-ocsp' })).toEqual({ kind: 'maintenance', ruleId: '', targetId: 'ca-ocsp', startsAt: '2026-11-28T10:07', endsAt: '2026-11-28T12:07', reason: '' });
    expect(newSilenceForm(now).kind).toBe('silence');
  });

  it('accepts a good silence and sends ISO times with +08:00', () => {
    expect(silenceProblems(form(), now)).toEqual({});
    expect(silenceInputOf(form({ ruleId: 'down' }))).toEqual({ kind: 'silence', ruleId: 'down', targetId: 'web', startsAt: '2026-11-28T10:07:00+08:00', endsAt: '2026-11-28T12:07:00+08:00', reason: '机房断电演练' });
  });

  it('sends no rule with a maintenance window', () => {
    expect(silenceInputOf(form({ kind: 'maintenance', ruleId: 'down' }))).not.toHaveProperty('ruleId');
  });

  it('asks a maintenance window for its target and a silence for a rule or a target', () => {
    expect(silenceProblems(form({ kind: 'maintenance', targetId: '' }), now)).toEqual({ targetId: 'maintenanceNeedsTarget' });
    expect(silenceProblems(form({ targetId: '' }), now)).toEqual({ ruleId: 'silenceNeedsScope' });
    expect(silenceProblems(form({ targetId: '', ruleId: 'down' }), now)).toEqual({});
  });

  it('refuses times the backend would refuse', () => {
    expect(silenceProblems(form({ startsAt: '' }), now)).toEqual({ startsAt: 'required' });
    expect(silenceProblems(form({ endsAt: '2026-02-30T10:00' }), now)).toEqual({ endsAt: 'badTime' });
    expect(silenceProblems(form({ endsAt: '2026-11-28T10:07' }), now)).toEqual({ endsAt: 'endBeforeStart' });
    expect(silenceProblems(form({ startsAt: '2026-11-28T08:00', endsAt: '2026-11-28T10:00' }), now)).toEqual({ endsAt: 'endInPast' });
    expect(silenceProblems(form({ endsAt: '2026-12-29T10:08' }), now)).toEqual({ endsAt: 'tooLong' });
    expect(silenceProblems(form({ endsAt: '2026-12-29T10:07' }), now)).toEqual({});
  });

  it('wants a reason of 2 to 500 characters', () => {
    expect(silenceProblems(form({ reason: ' ' }), now)).toEqual({ reason: 'required' });
    expect(silenceProblems(form({ reason: '修' }), now)).toEqual({ reason: 'reasonLength' });
    expect(silenceProblems(form({ reason: 'x'.repeat(501) }), now)).toEqual({ reason: 'reasonLength' });
  });
});
