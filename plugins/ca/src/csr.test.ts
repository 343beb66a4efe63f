import { MAX_CSR_BYTES, certificatePemProblem, challengeProblem, csrFileProblem, csrProblem, utf8Length } from './csr';

const pem = (label: string, body = 'MIIBtzCCAVwCAQAwUTELMAkGA1UEBhMCQ04=') => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;

describe('csrProblem', () => {
  it('takes a PEM certificate request, old and new headers alike', () => {
    expect(csrProblem(pem('CERTIFICATE REQUEST'))).toBeUndefined();
    expect(csrProblem(pem('NEW CERTIFICATE REQUEST'))).toBeUndefined();
  });

  it('refuses an empty field, a certificate instead of a CSR, and garbage', () => {
    expect(csrProblem('  \n')).toBe('required');
    expect(csrProblem(pem('CERTIFICATE'))).toBe('csrNotPem');
    expect(csrProblem('MIIBtzCCAVwCAQAw')).toBe('csrNotPem');
  });

  it('refuses more than 16 KiB, counted in UTF-8 bytes', () => {
    const body = 'A'.repeat(MAX_CSR_BYTES);
    expect(csrProblem(pem('CERTIFICATE REQUEST', body))).toBe('csrTooLarge');
    expect(utf8Length('证书')).toBe(6);
    expect(csrFileProblem({ size: MAX_CSR_BYTES })).toBeUndefined();
    expect(csrFileProblem({ size: MAX_CSR_BYTES + 1 })).toBe('csrTooLarge');
  });
});

describe('certificatePemProblem and challengeProblem', () => {
  it('checks certificates to import', () => {
    expect(certificatePemProblem(pem('CERTIFICATE'))).toBeUndefined();
    expect(certificatePemProblem('')).toBe('required');
    expect(certificatePemProblem(pem('CERTIFICATE REQUEST'))).toBe('certNotPem');
  });

  it('checks an unlock challenge: an uncompressed SM2 point in hex', () => {
    expect(challengeProblem(`04${'ab'.repeat(64)}`)).toBeUndefined();
    expect(challengeProblem(` 04${'AB'.repeat(32)}\n${'cd'.repeat(32)} `)).toBeUndefined();
    expect(challengeProblem('')).toBe('required');
    expect(challengeProblem(`02${'ab'.repeat(64)}`)).toBe('challengeFormat');
    expect(challengeProblem(`04${'ab'.repeat(63)}`)).toBe('challengeFormat');
    expect(challengeProblem(`04${'zz'.repeat(64)}`)).toBe('challengeFormat');
  });
});
