import {
  APPLICATION_STATUSES,
  CERTIFICATE_USAGES,
  REVOCATION_REASONS,
  RECOVERY_STATUSES,
  UNLOCK_STATUSES,
} from '@yinxin/plugin-ca-common';
import { LABELS, REVOKE_CHOICES, shownStatus } from './labels';
import { extKeyUsageName } from './labels';

describe('LABELS', () => {
  it('names every value of the model in both languages', () => {
    const check = (labels: Record<string, { zh: string; en: string }>, values: readonly string[]) => {
      for (const v of values) {
        expect(labels[v]?.zh).toBeTruthy();
        expect(labels[v]?.en).toBeTruthy();
      }
    };
    check(LABELS.applicationStatus, APPLICATION_STATUSES);
    check(LABELS.usage, CERTIFICATE_USAGES);
    check(LABELS.revocationReason, Object.keys(REVOCATION_REASONS));
    check(LABELS.recoveryStatus, RECOVERY_STATUSES);
    check(LABELS.unlockStatus, UNLOCK_STATUSES);
    expect(LABELS.revocationReason.keyCompromise.zh).toBe('密钥泄露');
  });

  it('offers every RFC 5280 reason but certificateHold in the revoke form', () => {
    expect([...REVOKE_CHOICES].sort()).toEqual(Object.keys(REVOCATION_REASONS).filter(r => r !== 'certificateHold').sort());
  });
});

describe('shownStatus', () => {
  it('shows a good certificate past notAfter as expired, but a revoked or held one as such', () => {
    expect(shownStatus({ status: 'good', expired: false })).toBe('good');
    expect(shownStatus({ status: 'good', expired: true })).toBe('expired');
    expect(shownStatus({ status: 'revoked', expired: true })).toBe('revoked');
    expect(shownStatus({ status: 'hold', expired: false })).toBe('hold');
  });
});

describe('extKeyUsageName', () => {
  it('names the usages of our profiles and keeps unknown OIDs as they are', () => {
    expect(extKeyUsageName('1.3.6.1.5.5.7.3.9')).toBe('OCSPSigning (1.3.6.1.5.5.7.3.9)');
    expect(extKeyUsageName('1.2.156.10197.1.501')).toBe('1.2.156.10197.1.501');
  });
});
