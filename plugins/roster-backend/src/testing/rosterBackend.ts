/*
 * The roster test backend: the roster plugin with the platform plugin (the working-day calendar,
 * seeded with China's 2026 holidays) and the tickets plugin (dispatches from tickets), behind the
 * real permission backend and yinxin's role policy, with a clock the test moves.
 */
import type { JsonObject } from '@backstage/types';
import platformPlugin from '@yinxin/plugin-platform-backend';
import ticketsPlugin from '@yinxin/plugin-tickets-backend';
import { policyTestFeatures } from '@yinxin/backend-testing';
import { createRosterPlugin, type RosterPluginOptions } from '../plugin';

export { as, snapshot } from '@yinxin/backend-testing';

/** A clock a test sets. */
export class TestClock {
  #t: number;
  constructor(start: string | Date) {
    this.#t = new Date(start).getTime();
  }
  /** The current instant. */
  now = (): Date => new Date(this.#t);
  /** Sets the time (ISO, or local Shanghai time `YYYY-MM-DD HH:MM`). */
  set(at: string | Date): void {
    this.#t = typeof at === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(at) ? Date.parse(`${at.replace(' ', 'T')}:00+08:00`) : new Date(at).getTime();
  }
}

/** Features of a test backend running the roster, platform and tickets plugins behind the role policy. */
export function rosterTestFeatures(options: RosterPluginOptions, yinxin: JsonObject = {}, extra: unknown[] = []) {
  return [createRosterPlugin(options), platformPlugin, ticketsPlugin, ...policyTestFeatures(yinxin), ...extra] as any[];
}
