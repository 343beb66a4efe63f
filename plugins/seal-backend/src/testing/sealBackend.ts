/*
 * Test backend for the seal plugin: the seal plugin with the real CA plugin (certificates for the
 * seal maker, the status service, organisation seal keys and holders; its TSA) and the platform
 * plugin, behind the real permission backend and yinxin's role policy.
 */
import type { JsonObject } from '@backstage/types';
import caPlugin from '@yinxin/plugin-ca-backend';
import platformPlugin from '@yinxin/plugin-platform-backend';
import { policyTestFeatures } from '@yinxin/backend-testing';
import { sealPlugin } from '../plugin';

export { as, snapshot } from '@yinxin/backend-testing';

/** Fixed test master keys (never used outside tests). */
export const TEST_SEAL_CONFIG: JsonObject = {
  ca: { masterKey: '00112233445566778899aabbccddeeff', organisation: '测试数字证书认证中心', rsaBits: 2048, ldapUrl: 'ldap://ldap.test' },
  kmc: { masterKey: 'ffeeddccbbaa99887766554433221100', poolLowWater: 2, poolTarget: 4, judicialApprovals: 2 },
  seal: { masterKey: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', regionCode: '350100', vendorId: 'YINXIN' },
};

/** Features of a test backend running the seal plugin with the CA, behind the role policy. */
export function sealTestFeatures(yinxin: JsonObject = TEST_SEAL_CONFIG, extra: unknown[] = []) {
  return [sealPlugin, caPlugin, platformPlugin, ...policyTestFeatures(yinxin), ...extra] as any[];
}
