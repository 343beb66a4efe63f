import { generatePassword, hashPassword, passwordPolicyViolation, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password only', async () => {
    const stored = await hashPassword('Correct-Horse-9');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('Correct-Horse-9', stored)).toBe(true);
    expect(await verifyPassword('correct-horse-9', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('Same-Passw0rd')).not.toBe(await hashPassword('Same-Passw0rd'));
  });

  it.each([
    'plain-text',
    'scrypt$32768$8$1$c2FsdA==',
    'scrypt$99999999$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==',
    'scrypt$x$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==',
    'scrypt$32768$8$1$c2FsdA==$c2hvcnQ=',
    'bcrypt$10$abc$def$ghi$jkl',
  ])('treats the malformed hash %s as a mismatch', async stored => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });

  it('applies the password policy', () => {
    expect(passwordPolicyViolation('short1A!')).toMatch(/10/);
    expect(passwordPolicyViolation('alllowercaseletters')).toMatch(/three/);
    expect(passwordPolicyViolation('Long-enough-1')).toBeUndefined();
    for (let i = 0; i < 50; i++) expect(passwordPolicyViolation(generatePassword())).toBeUndefined();
  });
});
