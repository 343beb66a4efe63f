import { ApiCallError, errorReason } from '@yinxin/ops-react';
import { localRefusal } from './errors';

describe('local refusals', () => {
  it('carry their message like the backend’s', () => {
    const e = localRefusal({ zh: '未找到工单', en: 'No ticket' });
    expect(e).toBeInstanceOf(ApiCallError);
    expect(e.details).toEqual({ zh: '未找到工单', en: 'No ticket' });
    expect(errorReason(e)).toBeUndefined();
  });
});
