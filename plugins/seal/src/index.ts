/**
 * Seal-manager UI of yinxin: seal applications and their review, making and issue, the registry
 * with impressions and status timelines, the lifecycle (停用, 启用, 挂失, 注销, 更换), the public
 * status lookup with signed evidence, use approvals (用印审批), sealing documents (用印) and
 * verifying seal signatures, the usage log and charts.
 *
 * @packageDocumentation
 */
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { sealPage } from './extensions';

/** The seal frontend plugin: one page at `/seal`, with its sections routed inside it. */
const sealPlugin = createFrontendPlugin({
  pluginId: 'seal',
  extensions: [sealPage],
});

export default sealPlugin;
