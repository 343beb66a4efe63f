import type { SealTemplate } from '@yinxin/plugin-seal-common';
import { ApiError } from '@yinxin/ops-node';
import type { Impression, ImpressionMaker } from './impressions';

/** Impressions drawn by @yinxin/seal-image (wired when that package lands). */
export function templateImpressions(_opts: { font?: string }): ImpressionMaker {
  return {
    async fromTemplate(_t: SealTemplate): Promise<Impression> {
      throw new ApiError('BAD_IMAGE', 'not yet');
    },
    fromUpload(): Impression {
      throw new ApiError('BAD_IMAGE', 'not yet');
    },
  };
}
