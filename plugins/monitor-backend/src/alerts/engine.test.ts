import fc from 'fast-check';
import { evaluateAlerts, type AlertEvent, type AlertRule, type AlertState, type Observation, type ProbeStatus, type Silence } from './engine';

const T0 = Date.parse('2026-11-29T00:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000);

/** Runs the engine over a timeline of observations (seconds → status) for one target. */
function run(rule: AlertRule, timeline: [number, ProbeStatus | 'none', Record<string, number>?][], opts: { silences?: Silence[]; maintenance?: { from: Date; until: Date }[] } = {}) {
  let states: AlertState[] = [];
  const log: (AlertEvent & { s: number })[] = [];
  let last: Observation | undefined;
  for (const [s, status, detail] of timeline) {
    if (status !== 'none') last = { targetId: 'ldap', at: at(s), status, detail };
    const r = evaluateAlerts({
      rules: [rule],
      states,
      observations: new Map(last ? [['ldap', last]] : []),
      targets: ['ldap'],
      silences: opts.silences,
      maintenance: new Map([['ldap', opts.maintenance ?? []]]),
      now: at(s),
    });
    states = r.states;
    log.push(...r.events.map(e => ({ ...e, s })));
  }
  return { states, events: log.map(e => [e.s, e.type, e.silenced] as const) };
}

const down: AlertRule = { id: 'ldap-down', name: 'LDAP 目录不可用', targets: ['ldap'], condition: { kind: 'status', atLeast: 'down' }, forSeconds: 120, severity: 'critical' };

describe('alert engine', () => {
  it('fires after the for-duration, once, and resolves when the target returns', () => {
    const r = run(down, [
      [0, 'up'],
      [60, 'down'],
      [120, 'down'],
      [179, 'down'],
      [180, 'down'],
      [240, 'down'],
      [300, 'up'],
      [360, 'up'],
    ]);
    expect(r.events).toEqual([
      [60, 'pending', false],
      [180, 'firing', false],
      [300, 'resolved', false],
    ]);
    expect(r.states[0]).toMatchObject({ state: 'ok', since: at(300).toISOString() });
  });

  it('a flap shorter than the for-duration is cancelled, never fires', () => {
    expect(run(down, [[0, 'down'], [60, 'down'], [90, 'up'], [200, 'up']]).events).toEqual([
      [0, 'pending', false],
      [90, 'cancelled', false],
    ]);
  });

  it('warning and worse; thresholds on details (a certificate inside its warning window); absence', () => {
    const warn: AlertRule = { ...down, id: 'w', condition: { kind: 'status', atLeast: 'warning' }, forSeconds: 0 };
    expect(run(warn, [[0, 'warning'], [10, 'down'], [20, 'up']]).events).toEqual([
      [0, 'firing', false],
      [20, 'resolved', false],
    ]);
    const onlyWarning: AlertRule = { ...warn, id: 'ow', condition: { kind: 'status', atLeast: 'warning', atMost: 'warning' } };
    expect(run(onlyWarning, [[0, 'down'], [10, 'warning'], [20, 'down']]).events).toEqual([
      [10, 'firing', false],
      [20, 'resolved', false],
    ]);
    const expiry: AlertRule = { ...down, id: 'cert', condition: { kind: 'threshold', field: 'daysLeft', op: '<', value: 30 }, forSeconds: 0, severity: 'major' };
    expect(run(expiry, [[0, 'up', { daysLeft: 45 }], [10, 'warning', { daysLeft: 29 }], [20, 'up', { daysLeft: 400 }]]).events).toEqual([
      [10, 'firing', false],
      [20, 'resolved', false],
    ]);
    const absent: AlertRule = { ...down, id: 'absent', condition: { kind: 'absence', absenceSeconds: 300 }, forSeconds: 0 };
    expect(run(absent, [[0, 'up'], [200, 'none'], [301, 'none'], [400, 'none'], [410, 'up']]).events).toEqual([
      [301, 'firing', false],
      [410, 'resolved', false],
    ]);
  });

  it('silences and maintenance windows: no ticket while they last; announced when they end if still firing', () => {
    const silence = { from: at(100), until: at(400) };
    expect(run(down, [[0, 'up'], [60, 'down'], [180, 'down'], [300, 'down'], [400, 'down'], [500, 'up']], { silences: [{ ruleId: 'ldap-down', ...silence }] }).events).toEqual([
      [60, 'pending', false],
      [180, 'firing', true],
      [400, 'firing', false],
      [500, 'resolved', false],
    ]);
    expect(run(down, [[0, 'down'], [120, 'down'], [200, 'up']], { maintenance: [{ from: at(0), until: at(1000) }] }).events).toEqual([
      [0, 'pending', true],
      [120, 'firing', true],
      [200, 'resolved', true],
    ]);
    // a silence for another rule changes nothing
    expect(run(down, [[0, 'down'], [120, 'down']], { silences: [{ ruleId: 'other', ...silence }] }).events).toEqual([
      [0, 'pending', false],
      [120, 'firing', false],
    ]);
  });

  it('property: per alert, announced firings and resolutions alternate, and states cover every rule × target', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.constantFrom<ProbeStatus | 'none'>('up', 'warning', 'down', 'none')), { maxLength: 60 }),
        fc.integer({ min: 0, max: 300 }),
        (steps, forSeconds) => {
          let s = 0;
          const timeline = steps.map(([dt, st]) => [(s += dt), st] as [number, ProbeStatus | 'none']);
          const r = run({ ...down, forSeconds }, timeline);
          let firing = false;
          for (const [, type, silenced] of r.events) {
            if (type === 'firing' && !silenced) {
              expect(firing).toBe(false);
              firing = true;
            }
            if (type === 'resolved') firing = false;
          }
          if (timeline.length) expect(r.states).toHaveLength(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
