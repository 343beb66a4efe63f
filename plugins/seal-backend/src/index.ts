/**
 * The seal plugin's backend: GM/T 0031 v1 and GB/T 38540 v4 electronic seals — registry,
 * lifecycle with approvals, status at any moment with signed answers, impressions, seal use and
 * SES signatures.
 *
 * @packageDocumentation
 */
import { sealPlugin } from './plugin';

export { sealPlugin };
export default sealPlugin;
