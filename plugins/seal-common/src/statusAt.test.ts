import fc from 'fast-check';
import { sealStatusAt, type StatusChange } from './statusAt';
import { SEAL_ACTIONS, canTake, type SealStatus } from './model';

const seal = { validStart: '2026-01-01T00:00:00.000Z', validEnd: '2026-12-31T23:59:59.000Z' };
const T = (s: string) => new Date(`2026-${s}Z`);
const history: StatusChange[] = [
  { at: '2026-01-05T09:00:00.000Z', toStatus: 'approved' },
  { at: '2026-01-06T09:00:00.000Z', toStatus: 'made' },
  { at: '2026-01-07T09:00:00.000Z', toStatus: 'active' },
  { at: '2026-03-01T00:00:00.000Z', toStatus: 'suspended' },
  { at: '2026-03-10T00:00:00.000Z', toStatus: 'active' },
  { at: '2026-05-01T12:00:00.000Z', toStatus: 'lost' },
  { at: '2026-05-02T12:00:00.000Z', toStatus: 'active' },
  { at: '2026-06-01T00:00:00.000Z', toStatus: 'revoked' },
];

describe('status at a time', () => {
  it.each([
    ['01-05T08:00:00', 'not-issued', false, 'not-issued'],
    ['01-06T10:00:00', 'not-issued', false, 'not-issued'], // made, not issued
    ['01-07T08:59:59', 'not-issued', false, 'not-issued'],
    ['01-07T09:00:00', 'active', true, undefined], // a change takes effect at its instant
    ['02-15T00:00:00', 'active', true, undefined],
    ['03-01T00:00:00', 'suspended', false, 'suspended'],
    ['03-09T23:59:59', 'suspended', false, 'suspended'],
    ['03-10T00:00:00', 'active', true, undefined],
    ['05-01T12:00:01', 'lost', false, 'lost'],
    ['05-02T12:00:00', 'active', true, undefined],
    ['05-31T23:59:59', 'active', true, undefined],
    ['06-01T00:00:00', 'revoked', false, 'revoked'],
    ['11-01T00:00:00', 'revoked', false, 'revoked'],
  ])('at %s: %s, valid %s', (at, statusAt, validAt, reasonAt) => {
    expect(sealStatusAt(seal, history, T(at))).toEqual({ statusAt, validAt, ...(reasonAt ? { reasonAt } : {}) });
  });

  it('outside the validity period an active seal is not valid', () => {
    const early = [{ at: '2025-12-01T00:00:00.000Z', toStatus: 'active' as const }];
    expect(sealStatusAt(seal, early, new Date('2025-12-15T00:00:00Z'))).toEqual({ statusAt: 'active', validAt: false, reasonAt: 'not-yet-valid' });
    expect(sealStatusAt(seal, early, new Date('2027-01-01T00:00:00Z'))).toEqual({ statusAt: 'active', validAt: false, reasonAt: 'expired' });
  });

  it('superseded by a changed version', () => {
    const h: StatusChange[] = [...history.slice(0, 3), { at: '2026-08-01T00:00:00.000Z', toStatus: 'superseded' }];
    expect(sealStatusAt(seal, h, T('08-01T00:00:00'))).toMatchObject({ statusAt: 'superseded', validAt: false });
    expect(sealStatusAt(seal, h, T('07-31T23:59:59'))).toMatchObject({ statusAt: 'active', validAt: true });
  });

  it('property: over random legal histories, valid at T exactly when the last change at or before T left it active (after issue) inside the period', () => {
    const actions = Object.keys(SEAL_ACTIONS) as (keyof typeof SEAL_ACTIONS)[];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...actions), fc.integer({ min: 1, max: 10 * 86_400_000 })), { maxLength: 30 }), fc.integer({ min: 0, max: 400 * 86_400_000 }), (steps, probe) => {
        let status: SealStatus = 'pending';
        let t = Date.parse('2026-01-01T00:00:00Z') - 5 * 86_400_000;
        const changes: StatusChange[] = [];
        for (const [action, dt] of steps) {
          if (!canTake(action, status)) continue;
          t += dt;
          status = SEAL_ACTIONS[action].to;
          changes.push({ at: new Date(t).toISOString(), toStatus: status });
        }
        const at = new Date(Date.parse('2026-01-01T00:00:00Z') - 5 * 86_400_000 + probe);
        const r = sealStatusAt(seal, changes, at);
        const before = changes.filter(c => Date.parse(c.at) <= at.getTime());
        const last = before[before.length - 1]?.toStatus;
        const issued = before.some(c => c.toStatus === 'active');
        const inPeriod = at.getTime() >= Date.parse(seal.validStart) && at.getTime() <= Date.parse(seal.validEnd);
        expect(r.validAt).toBe(issued && last === 'active' && inPeriod);
        if (!issued) expect(r.statusAt).toBe('not-issued');
      }),
      { numRuns: 300 },
    );
  });
});
