/**
 * Probes that need no network: they judge facts the CA's health report brought (a certificate's
 * life, the KMC pool). Same result shape and message language (English; the UI translates the
 * status) as `@yinxin/probes`.
 */
import type { ProbeResult } from '@yinxin/probes';

const DAY = 86_400_000;

/**
 * A certificate's life at `now`: `down` when expired or not yet valid, `warning` within
 * `warnDays` of its end, else `up`. `detail.daysLeft` is whole days left (negative once expired).
 */
export function probeCertLife(o: { notAfter?: unknown; notBefore?: unknown; warnDays?: unknown; purpose?: unknown }, now: Date): ProbeResult {
  const notAfter = typeof o.notAfter === 'string' ? Date.parse(o.notAfter) : NaN;
  const notBefore = typeof o.notBefore === 'string' && o.notBefore ? Date.parse(o.notBefore) : NaN;
  if (!Number.isFinite(notAfter)) return { status: 'down', latencyMs: 0, message: 'certificate end date unknown', detail: {} };
  const warnDays = typeof o.warnDays === 'number' && o.warnDays >= 0 ? o.warnDays : 30;
  const left = notAfter - now.getTime();
  const daysLeft = Math.floor(left / DAY);
  const detail = { daysLeft, notAfter: new Date(notAfter).toISOString() };
  if (left <= 0) return { status: 'down', latencyMs: 0, message: `certificate expired on ${detail.notAfter.slice(0, 10)}`, detail };
  if (Number.isFinite(notBefore) && now.getTime() < notBefore) return { status: 'down', latencyMs: 0, message: `certificate not valid before ${new Date(notBefore).toISOString()}`, detail };
  if (left <= warnDays * DAY) return { status: 'warning', latencyMs: 0, message: `certificate expires in ${daysLeft} days (${detail.notAfter.slice(0, 10)}; warning window ${warnDays} days)`, detail };
  return { status: 'up', latencyMs: 0, message: `certificate valid for ${daysLeft} more days`, detail };
}

/** The KMC's standby key pool: `down` when empty, `warning` below its low-water mark. */
export function probeKmcPool(o: { standby?: unknown; lowWater?: unknown; target?: unknown }): ProbeResult {
  const standby = typeof o.standby === 'number' ? o.standby : NaN;
  const lowWater = typeof o.lowWater === 'number' ? o.lowWater : 0;
  if (!Number.isFinite(standby)) return { status: 'down', latencyMs: 0, message: 'KMC pool size unknown', detail: {} };
  const detail = { standby, lowWater };
  if (standby <= 0) return { status: 'down', latencyMs: 0, message: 'KMC standby pool is empty: encryption certificates cannot be issued', detail };
  if (standby < lowWater) return { status: 'warning', latencyMs: 0, message: `KMC standby pool holds ${standby} keys, below its low-water mark ${lowWater}`, detail };
  return { status: 'up', latencyMs: 0, message: `KMC standby pool holds ${standby} keys`, detail };
}
