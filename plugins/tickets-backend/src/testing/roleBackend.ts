/*
 * The tickets test backend: the tickets and platform plugins behind the real permission backend
 * and yinxin's role policy (shared pieces in @yinxin/backend-testing).
 */
import type { JsonObject } from '@backstage/types';
import platformPlugin from '@yinxin/plugin-platform-backend';
import { policyTestFeatures } from '@yinxin/backend-testing';
import { ticketsPlugin } from '../plugin';

export { CALLERS, as } from '@yinxin/backend-testing';
export type { Caller } from '@yinxin/backend-testing';

/**
 * The features of a test backend running the tickets and platform plugins behind the real
 * permission backend and yinxin's policy, with `yinxin` configuration and any extra features
 * (such as a database factory).
 */
export function ticketsTestFeatures(yinxin: JsonObject, extra: unknown[] = []) {
  return [ticketsPlugin, platformPlugin, ...policyTestFeatures(yinxin), ...extra] as any[];
}
