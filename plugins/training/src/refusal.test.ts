import { reasonOf, refusalOf, refusalText } from './refusal';

describe('refusal', () => {
  const selfReview = { status: 403, code: 'SELF_APPROVAL', details: { reason: 'SELF_REVIEW', zh: '不能审核自己编写或提交的资料', en: 'You cannot review a material you wrote or submitted' } };

  it('takes the message in the user’s language from the details', () => {
    expect(refusalText(selfReview, 'zh')).toBe('不能审核自己编写或提交的资料');
    expect(refusalText(selfReview, 'en')).toBe('You cannot review a material you wrote or submitted');
    expect(reasonOf(selfReview)).toBe('SELF_REVIEW');
  });

  it('falls back on the shared table when only the reason came', () => {
    expect(refusalOf({ details: { reason: 'SESSION_FULL' } })).toMatchObject({ reason: 'SESSION_FULL', zh: expect.stringContaining('满员') });
  });

  it('has nothing for other errors, so that the portal’s error text is used', () => {
    expect(refusalOf(new Error('x'))).toBeUndefined();
    expect(refusalOf({ details: 'text' })).toBeUndefined();
    expect(refusalOf({ details: { reason: 'SOMETHING_ELSE' } })).toBeUndefined();
    expect(refusalOf(undefined)).toBeUndefined();
    expect(refusalText({ details: { zh: '', en: '' } }, 'zh')).toBeUndefined();
  });
});
