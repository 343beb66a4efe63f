/*
 * Test backend for the CA plugin: the CA with the tickets plugin (for unlock requests that cite
 * a ticket) and the platform plugin, behind the real permission backend and yinxin's role policy
 * (shared pieces in @yinxin/backend-testing).
 */
import type { JsonObject } from '@backstage/types';
import platformPlugin from '@yinxin/plugin-platform-backend';
import ticketsPlugin from '@yinxin/plugin-tickets-backend';
import { policyTestFeatures } from '@yinxin/backend-testing';
import { caPlugin } from '../plugin';

export { as, snapshot } from '@yinxin/backend-testing';

/** Fixed test master keys (never used outside tests). */
export const TEST_CA_CONFIG: JsonObject = {
  ca: { masterKey: '00112233445566778899aabbccddeeff', organisation: '测试数字证书认证中心', rsaBits: 2048, ldapUrl: 'ldap://ldap.test' },
  kmc: { masterKey: 'ffeeddccbbaa99887766554433221100', poolLowWater: 5, poolTarget: 12, judicialApprovals: 2 },
};

/** Features of a test backend running the CA (and tickets, platform) behind the role policy. */
export function caTestFeatures(yinxin: JsonObject = TEST_CA_CONFIG, extra: unknown[] = []) {
  return [caPlugin, ticketsPlugin, platformPlugin, ...policyTestFeatures(yinxin), ...extra] as any[];
}
