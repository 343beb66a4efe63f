import type { Seal } from '@yinxin/plugin-seal-common';
import { emptySealForm, previewPath, sealFormOf, sealRequestBody, splitList, templateDefaults, validateSealForm, type SealForm } from './sealForm';

const NOW = new Date('2026-11-28T02:00:00.000Z');
const valid = (over: Partial<SealForm> = {}): SealForm => ({
  ...emptySealForm(NOW),
  name: '某某市人力资源和社会保障局',
  ownerName: '某某市人力资源和社会保障局',
  ownerCode: '91350100M000100Y43',
  holders: 'sealuser1, sealuser2',
  ...over,
});

describe('emptySealForm and templateDefaults', () => {
  it('starts with an official round seal, server key, v4, valid three years', () => {
    expect(emptySealForm(NOW)).toMatchObject({ type: 'official', keyMode: 'server', templateKind: 'round', sizeMm: '42', version: '4', validEnd: '2029-11-28' });
  });

  it('gives each type its usual template, and 专用章 their lower text', () => {
    expect(templateDefaults('finance')).toEqual({ templateKind: 'round', sizeMm: '42', lowerText: '财务专用章' });
    expect(templateDefaults('personal')).toEqual({ templateKind: 'square', sizeMm: '20', lowerText: '' });
    expect(templateDefaults('signature')).toEqual({ templateKind: 'upload', sizeMm: '', lowerText: '' });
  });
});

describe('validateSealForm', () => {
  it('accepts a complete application', () => {
    expect(validateSealForm(valid(), NOW)).toEqual({});
  });

  it('asks for names and checks the credit code (GB 32100)', () => {
    expect(validateSealForm(valid({ name: ' ', ownerName: '' }), NOW)).toMatchObject({ name: 'required', ownerName: 'required' });
    expect(validateSealForm(valid({ ownerCode: '91350100M000100Y44' }), NOW).ownerCode).toBe('creditCodeCheck');
    expect(validateSealForm(valid({ ownerCode: '9135' }), NOW).ownerCode).toBe('creditCodeLength');
    // persons have no credit code: whatever is left in the field is not sent and not checked
    expect(validateSealForm(valid({ type: 'personal', ...templateDefaults('personal'), ownerCode: 'x' }), NOW)).toEqual({});
  });

  it('needs holders’ certificates for holder keys, and an upload for the upload template', () => {
    expect(validateSealForm(valid({ keyMode: 'holder' }), NOW).certificateIds).toBe('certificatesRequired');
    expect(validateSealForm(valid({ keyMode: 'holder', certificateIds: ['c1'] }), NOW)).toEqual({});
    expect(validateSealForm(valid({ templateKind: 'upload' }), NOW).uploadPng).toBe('uploadRequired');
    expect(validateSealForm(valid({ templateKind: 'upload', uploadPng: 'iVBORw0KGgo=' }), NOW)).toEqual({});
  });

  it('keeps template sizes to the kind’s range', () => {
    expect(validateSealForm(valid({ sizeMm: '50' }), NOW).sizeMm).toBe('sizeRange');
    expect(validateSealForm(valid({ sizeMm: '40' }), NOW)).toEqual({});
    expect(validateSealForm(valid({ templateKind: 'square', sizeMm: '40' }), NOW).sizeMm).toBe('sizeRange');
    expect(validateSealForm(valid({ sizeMm: '4x' }), NOW).sizeMm).toBe('sizeRange');
    expect(validateSealForm(valid({ lowerText: '很'.repeat(17) }), NOW).lowerText).toBe('tooLong');
  });

  it('wants the end of validity in the future and within ten years', () => {
    expect(validateSealForm(valid({ validEnd: '2026-11-27' }), NOW).validEnd).toBe('validEndPast');
    expect(validateSealForm(valid({ validEnd: '2026-11-28' }), NOW)).toEqual({});
    expect(validateSealForm(valid({ validEnd: '2037-01-01' }), NOW).validEnd).toBe('validEndTooFar');
    expect(validateSealForm(valid({ validEnd: '' }), NOW).validEnd).toBe('required');
  });

  it('checks holders and the use policy', () => {
    expect(validateSealForm(valid({ holders: 'sealuser1 坏名字' }), NOW).holders).toBe('holderFormat');
    expect(validateSealForm(valid({ holders: '' }), NOW)).toEqual({});
    expect(validateSealForm(valid({ maxUsesPerApproval: '0' }), NOW).maxUsesPerApproval).toBe('usesRange');
    expect(validateSealForm(valid({ approvalValidDays: '366' }), NOW).approvalValidDays).toBe('daysRange');
    expect(validateSealForm(valid({ documentTypes: 'x'.repeat(65) }), NOW).documentTypes).toBe('documentTypesFormat');
  });
});

describe('sealRequestBody', () => {
  it('sends the template, validity to the end of the day in China, refs of the holders and the policy', () => {
    expect(sealRequestBody(valid({ ownerCode: '9135 0100m000100y43', documentTypes: '合同，公文\n合同', requireApproval: true, maxUsesPerApproval: '3' }))).toEqual({
      type: 'official',
      name: '某某市人力资源和社会保障局',
      ownerName: '某某市人力资源和社会保障局',
      ownerCode: '91350100M000100Y43',
      keyMode: 'server',
      template: { kind: 'round', sizeMm: 42 },
      validEnd: '2029-11-28T15:59:59.000Z',
      version: 4,
      usePolicy: { requireApproval: true, documentTypes: ['合同', '公文'], maxUsesPerApproval: 3, approvalValidDays: 7 },
      holders: ['user:default/sealuser1', 'user:default/sealuser2'],
    });
  });

  it('sends certificates only for holder keys, and the upload instead of a template', () => {
    const body = sealRequestBody(valid({ type: 'signature', keyMode: 'holder', certificateIds: ['c1', 'c1', 'c2'], templateKind: 'upload', uploadPng: 'iVBORw0KGgo=', version: '1', ownerCode: '91350100M000100Y43' }));
    expect(body).toMatchObject({ keyMode: 'holder', certificateIds: ['c1', 'c2'], uploadPng: 'iVBORw0KGgo=', version: 1 });
    expect(body).not.toHaveProperty('template');
    // a handwritten signature belongs to a person: no credit code
    expect(body).not.toHaveProperty('ownerCode');
  });
});

describe('sealFormOf (更换)', () => {
  it('starts a changed version from the seal as it is', () => {
    const seal = {
      type: 'finance',
      name: '财务专用章',
      ownerName: '某某局',
      ownerCode: '91350100M000100Y43',
      keyMode: 'server',
      certificates: [{ caCertificateId: 'c9' }],
      template: { kind: 'round', sizeMm: 40, lowerText: '财务专用章' },
      version: 1,
      holders: ['user:default/sealuser1', 'user:other/x'],
      usePolicy: { requireApproval: true, documentTypes: ['报销单'], maxUsesPerApproval: 5, approvalValidDays: 3 },
    } as unknown as Seal;
    expect(sealFormOf(seal, NOW)).toMatchObject({
      type: 'finance',
      ownerCode: '91350100M000100Y43',
      certificateIds: [],
      templateKind: 'round',
      sizeMm: '40',
      lowerText: '财务专用章',
      version: '1',
      holders: 'sealuser1, user:other/x',
      requireApproval: true,
      documentTypes: '报销单',
      maxUsesPerApproval: '5',
      approvalValidDays: '3',
      validEnd: '2029-11-28',
    });
    expect(validateSealForm(sealFormOf(seal, NOW), NOW)).toEqual({});
  });
});

describe('splitList', () => {
  it('splits on commas of either width, semicolons, 、 and new lines (and spaces for names)', () => {
    expect(splitList('a, b，c;d\ne 、f')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(splitList('采购 合同, 公文', false)).toEqual(['采购 合同', '公文']);
  });
});

describe('previewPath', () => {
  const base = { templateKind: 'round' as const, sizeMm: '40', text: '', lowerText: '财务专用章', ownerName: '某某局' };
  it('asks for the template as filled in', () => {
    expect(previewPath(base)).toBe(`/preview.svg?kind=round&ownerName=${encodeURIComponent('某某局')}&sizeMm=40&lowerText=${encodeURIComponent('财务专用章')}`);
    expect(previewPath({ ...base, templateKind: 'square', sizeMm: '', text: '张三' })).toBe(`/preview.svg?kind=square&ownerName=${encodeURIComponent('某某局')}&text=${encodeURIComponent('张三')}`);
  });
  it('draws nothing for an upload, without an owner name, or with a size out of range', () => {
    expect(previewPath({ ...base, templateKind: 'upload' })).toBeUndefined();
    expect(previewPath({ ...base, ownerName: ' ' })).toBeUndefined();
    expect(previewPath({ ...base, sizeMm: '99' })).toBeUndefined();
    expect(previewPath({ ...base, sizeMm: 'x' })).toBeUndefined();
  });
});
