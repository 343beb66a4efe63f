/*
 * DN escaping (RFC 4514) and LDAP URLs (RFC 4516): property tests over values made of the
 * characters that need escaping, spaces, '#' and Chinese text; the URLs are decoded by OpenLDAP's
 * own `ldapurl`.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import {
  crlDistributionPointDn,
  crlDistributionPointUrl,
  decodeDnFromUrl,
  encodeDnForUrl,
  escapeDnValue,
  formatDn,
  ldapPublicationBase,
  parseDn,
  rdn,
  splitLdapUrl,
} from './dn';
import { readLdapConfig } from './config';

/** Characters that matter to DNs and URLs, ASCII letters and Chinese. */
const CHARS = [',', '+', '"', '\\', '<', '>', ';', '=', '#', ' ', '?', '%', '/', '&', '*', '(', ')', 'a', 'Z', '0', '-', '.', '印', '信', '测', '试', '张', '三', '（', '，', '𠀀'];
/** A value of those characters, at least one of them not a space. */
export const dnValue = fc
  .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 24 })
  .map(a => a.join(''))
  .filter(v => v.trim() !== '');
/** Any attribute value, control characters and lone spaces included. */
const anyValue = fc.string({ unit: 'binary', minLength: 1, maxLength: 30 });

/** What OpenLDAP's ldapurl reads from a URL: its fields. */
function ldapurl(url: string): Record<string, string> {
  const out = execFileSync('ldapurl', ['-H', url], { encoding: 'utf8' });
  return Object.fromEntries(
    out
      .split('\n')
      .filter(Boolean)
      .map(l => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
  );
}

describe('DN escaping', () => {
  it('escapes the RFC 4514 specials, leading # and spaces, trailing spaces and control characters', () => {
    expect(escapeDnValue('a,b+c"d\\e<f>g;h=i')).toBe('a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h\\=i');
    expect(escapeDnValue(' #x# ')).toBe('\\ #x#\\ ');
    expect(escapeDnValue('#x')).toBe('\\#x');
    expect(escapeDnValue('a\u0000b\nc')).toBe('a\\00b\\0Ac');
    expect(escapeDnValue('印信，测试（甲）')).toBe('印信，测试（甲）');
    expect(rdn('cn', 'x=y')).toBe('cn=x\\=y');
  });

  it('parses what it escapes back to the same values (property)', () => {
    fc.assert(
      fc.property(fc.oneof(dnValue, anyValue), dnValue, (a, b) => {
        const dn = `${rdn('cn', a)}+${rdn('uid', b)},${rdn('ou', b)},o=x`;
        const parsed = parseDn(dn);
        expect(parsed).toEqual([
          [
            { type: 'cn', value: a },
            { type: 'uid', value: b },
          ],
          [{ type: 'ou', value: b }],
          [{ type: 'o', value: 'x' }],
        ]);
        expect(parseDn(formatDn(parsed))).toEqual(parsed);
      }),
      { numRuns: 500 },
    );
  });

  it('reads hex pairs as UTF-8 and rejects malformed DNs', () => {
    expect(parseDn('cn=\\E5\\8D\\B0\\2C x,o=y')).toEqual([[{ type: 'cn', value: '印, x' }], [{ type: 'o', value: 'y' }]]);
    expect(parseDn('cn=#0403616263')).toEqual([[{ type: 'cn', value: '#0403616263' }]]);
    for (const bad of ['cn', 'cn=a"b', 'cn=a\\', '=x', 'cn=a,,o=b', 'c n=x']) expect(() => parseDn(bad)).toThrow(/Invalid DN/);
  });
});

describe('LDAP URLs', () => {
  it('percent-encodes DNs to URI characters only and decodes them back (property)', () => {
    fc.assert(
      fc.property(fc.oneof(dnValue, anyValue), v => {
        const dn = `${rdn('cn', v)},o=x`;
        const encoded = encodeDnForUrl(dn);
        expect(encoded).toMatch(/^([A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2})*$/);
        expect(encoded).not.toContain('?');
        expect(decodeDnFromUrl(encoded)).toBe(dn);
      }),
      { numRuns: 500 },
    );
  });

  it('gives CRL distribution point URLs that OpenLDAP ldapurl reads as the entry DN (property)', () => {
    fc.assert(
      fc.property(dnValue, fc.uuid(), (org, issuerId) => {
        const baseDn = `${rdn('o', org)},c=CN`;
        const base = ldapPublicationBase({ url: 'ldap://ldap.example.gov.cn:389', baseDn });
        const url = crlDistributionPointUrl(base, issuerId);
        expect(url.startsWith('ldap://ldap.example.gov.cn:389/cn=')).toBe(true);
        expect(url.endsWith('?certificateRevocationList;binary')).toBe(true);
        const fields = ldapurl(url);
        expect(fields.host).toBe('ldap.example.gov.cn');
        expect(fields.port).toBe('389');
        expect(fields.selector).toBe('certificateRevocationList;binary');
        expect(parseDn(fields.dn)).toEqual(parseDn(crlDistributionPointDn(issuerId, baseDn)));
        expect(parseDn(fields.dn)[2]).toEqual([{ type: 'o', value: org }]);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the old form without a base DN and uses the public URL when set', () => {
    expect(crlDistributionPointUrl('ldap://ldap.test', 'abc')).toBe('ldap://ldap.test/cn=abc,ou=crl?certificateRevocationList;binary');
    expect(ldapPublicationBase({ url: 'ldap://10.0.0.5', publicUrl: 'ldaps://ldap.example.gov.cn:636', baseDn: 'o=印信,c=CN' })).toBe(
      'ldaps://ldap.example.gov.cn:636/o=%E5%8D%B0%E4%BF%A1,c=CN',
    );
    expect(splitLdapUrl('ldap://h/o=%E5%8D%B0,c=CN?x')).toEqual({ server: 'ldap://h', baseDn: 'o=印,c=CN' });
    expect(() => splitLdapUrl('http://h/')).toThrow(/Not an LDAP URL/);
  });
});

describe('readLdapConfig', () => {
  const reader = (data: Record<string, unknown>) => ({
    getOptionalString: (k: string) => data[k] as string | undefined,
    getOptionalBoolean: (k: string) => data[k] as boolean | undefined,
    getOptionalNumber: (k: string) => data[k] as number | undefined,
  });

  it('is undefined without a url, and checks what it reads', () => {
    expect(readLdapConfig(undefined)).toBeUndefined();
    expect(readLdapConfig(reader({ baseDn: 'o=x' }))).toBeUndefined();
    expect(readLdapConfig(reader({ url: 'ldap://h:389', baseDn: 'o=x,c=CN', bindDn: 'cn=admin,o=x,c=CN', bindPassword: 's' }))).toEqual({
      url: 'ldap://h:389',
      publicUrl: undefined,
      baseDn: 'o=x,c=CN',
      bindDn: 'cn=admin,o=x,c=CN',
      bindPassword: 's',
      enabled: true,
      subscriberEntries: 'subject',
      timeoutMs: 10_000,
      batchSize: 200,
    });
    expect(readLdapConfig(reader({ url: 'ldap://h', baseDn: 'o=x', enabled: false }))?.enabled).toBe(false);
    expect(() => readLdapConfig(reader({ url: 'ldap://h' }))).toThrow(/baseDn is required/);
    expect(() => readLdapConfig(reader({ url: 'http://h', baseDn: 'o=x' }))).toThrow(/Not an LDAP URL/);
    expect(() => readLdapConfig(reader({ url: 'ldap://h', baseDn: 'o=a"b' }))).toThrow(/Invalid DN/);
    expect(() => readLdapConfig(reader({ url: 'ldap://h', baseDn: 'o=x', subscriberEntries: 'cn' }))).toThrow(/subject or certificate/);
  });
});
