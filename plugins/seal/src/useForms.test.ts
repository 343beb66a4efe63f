import type { Seal } from '@yinxin/plugin-seal-common';
import { requestBody, requestFormProblems, signBody, signFormProblems } from './useForms';

const seal = (policy: Partial<Seal['usePolicy']> = {}, version: 1 | 4 = 4) =>
  ({ id: 's1', version, usePolicy: { requireApproval: false, documentTypes: [], maxUsesPerApproval: 1, approvalValidDays: 7, ...policy } }) as Seal;

describe('use request form', () => {
  const form = { sealId: 's1', documentType: '合同', documentName: '采购合同', purpose: '与供应商签约', uses: '1' };

  it('accepts a complete request and sends it trimmed', () => {
    expect(requestFormProblems(form, seal())).toEqual({});
    expect(requestBody({ ...form, documentName: ' 采购合同 ', uses: '2' })).toEqual({ sealId: 's1', documentType: '合同', documentName: '采购合同', purpose: '与供应商签约', uses: 2 });
  });

  it('asks for every field and keeps uses within the seal’s limit per approval', () => {
    expect(requestFormProblems({ ...form, documentName: ' ', purpose: '' }, undefined)).toEqual({ sealId: 'required', documentName: 'required', purpose: 'required' });
    expect(requestFormProblems({ ...form, uses: '2' }, seal()).uses).toBe('usesRange');
    expect(requestFormProblems({ ...form, uses: '2' }, seal({ maxUsesPerApproval: 5 }))).toEqual({});
    expect(requestFormProblems({ ...form, purpose: 'x'.repeat(501) }, seal()).purpose).toBe('tooLong');
  });
});

describe('sign form', () => {
  const form = { sealId: 's1', documentType: '合同', documentName: '采购合同.pdf', useRequestId: '', timestamp: true };

  it('needs an approved request only when the seal’s policy asks for one', () => {
    expect(signFormProblems(form, seal())).toEqual({});
    expect(signFormProblems(form, seal({ requireApproval: true }))).toEqual({ useRequestId: 'useRequestRequired' });
    expect(signFormProblems({ ...form, useRequestId: 'r1' }, seal({ requireApproval: true }))).toEqual({});
    expect(signFormProblems({ ...form, documentName: '' }, undefined)).toEqual({ sealId: 'required', documentName: 'required' });
  });

  it('asks for a timestamp only on v4 seals and sends the approval when chosen', () => {
    expect(signBody(form, 'AAAA', seal())).toEqual({ data: 'AAAA', documentName: '采购合同.pdf', documentType: '合同', timestamp: true });
    expect(signBody({ ...form, useRequestId: 'r1' }, 'AAAA', seal({}, 1))).toEqual({ data: 'AAAA', documentName: '采购合同.pdf', documentType: '合同', useRequestId: 'r1' });
  });
});
