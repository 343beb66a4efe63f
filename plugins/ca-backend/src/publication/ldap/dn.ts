/*
 * Distinguished names as strings (RFC 4514) and in LDAP URLs (RFC 4516): escaping attribute
 * values, parsing DNs back, and the LDAP URL of a CRL distribution point entry that certificates
 * carry in their cRLDistributionPoints extension.
 */

/** One attribute type and value of an RDN (the value unescaped). */
export interface DnAttribute {
  type: string;
  value: string;
}

/** The characters RFC 4514 §2.4 escapes with a backslash anywhere in a value (and `=`, which it allows). */
const SPECIAL = new Set([',', '+', '"', '\\', '<', '>', ';', '=']);

/**
 * Escapes an attribute value for a DN string (RFC 4514 §2.4): `,+"\<>;=` are preceded by a
 * backslash, as are a leading `#` or space and a trailing space; NUL and the other control
 * characters become `\XX` hex pairs. Everything else, Chinese included, stays as UTF-8 text.
 */
export function escapeDnValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const code = c.charCodeAt(0);
    if (SPECIAL.has(c)) out += `\\${c}`;
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(16).padStart(2, '0').toUpperCase()}`;
    else if (c === ' ' && (i === 0 || i === value.length - 1)) out += '\\ ';
    else if (c === '#' && i === 0) out += '\\#';
    else out += c;
  }
  return out;
}

/** `type=value` with the value escaped. */
export function rdn(type: string, value: string): string {
  return `${type}=${escapeDnValue(value)}`;
}

const HEX = /^[0-9a-fA-F]{2}$/;

/**
 * Parses a DN string (RFC 4514) into its RDNs, first (leftmost, most specific) first, each a list
 * of attributes (more than one in a multi-valued RDN joined by `+`). Values are unescaped; a
 * `#hex` (BER) value is kept as written. Throws on malformed input.
 */
export function parseDn(dn: string): DnAttribute[][] {
  const out: DnAttribute[][] = [];
  if (dn.trim() === '') return out;
  let i = 0;
  let current: DnAttribute[] = [];
  const fail = (why: string): never => {
    throw new Error(`Invalid DN ${JSON.stringify(dn)} at ${i}: ${why}`);
  };
  for (;;) {
    while (dn[i] === ' ') i++;
    const typeStart = i;
    while (i < dn.length && dn[i] !== '=') i++;
    if (i >= dn.length) fail('"=" expected');
    const type = dn.slice(typeStart, i).trim();
    if (!/^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)*)$/.test(type)) fail(`bad attribute type ${JSON.stringify(type)}`);
    i++;
    let value: string;
    if (dn[i] === '#') {
      const start = i;
      i++;
      while (i < dn.length && /[0-9a-fA-F]/.test(dn[i])) i++;
      value = dn.slice(start, i);
    } else {
      const bytes: number[] = [];
      let lastSignificant = 0;
      while (i < dn.length && dn[i] !== ',' && dn[i] !== '+' && dn[i] !== ';') {
        const c = dn[i];
        if (c === '\\') {
          const pair = dn.slice(i + 1, i + 3);
          if (HEX.test(pair)) {
            bytes.push(parseInt(pair, 16));
            i += 3;
          } else if (i + 1 < dn.length && (SPECIAL.has(dn[i + 1]) || dn[i + 1] === ' ' || dn[i + 1] === '#')) {
            bytes.push(dn.charCodeAt(i + 1));
            i += 2;
          } else {
            fail('bad escape');
          }
          lastSignificant = bytes.length;
        } else {
          if (c === '"' || c === '<' || c === '>' || c === '=') fail(`unescaped ${c}`);
          const cp = dn.codePointAt(i)!;
          const ch = String.fromCodePoint(cp);
          for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
          i += ch.length;
          if (c !== ' ') lastSignificant = bytes.length;
        }
      }
      // Unescaped trailing spaces are not part of the value.
      value = Buffer.from(bytes.slice(0, lastSignificant)).toString('utf8');
    }
    current.push({ type, value });
    if (i >= dn.length) break;
    if (dn[i] === '+') {
      i++;
      continue;
    }
    out.push(current);
    current = [];
    i++;
  }
  out.push(current);
  return out;
}

/** Writes parsed RDNs back as a DN string (every value escaped). */
export function formatDn(rdns: DnAttribute[][]): string {
  return rdns.map(r => r.map(a => (a.value.startsWith('#') && /^#([0-9a-fA-F]{2})+$/.test(a.value) ? `${a.type}=${a.value}` : rdn(a.type, a.value))).join('+')).join(',');
}

/**
 * Characters a DN keeps literally in an LDAP URL: RFC 3986 unreserved characters and the
 * reserved ones that RFC 4516 §2.1 leaves alone in a DN. `?` (which ends the DN), `/`, `#`, `[`
 * and `]` are percent-encoded as well, so that generic URL parsers split the URL the same way.
 */
const URL_KEEP = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;

/**
 * Percent-encodes a DN string for the DN part of an LDAP URL (RFC 4516 §2.1, RFC 3986 §2.1):
 * every octet of its UTF-8 form outside the set kept literally becomes `%XX`, so the URL has only
 * URI characters and `?` cannot end the DN early.
 */
export function encodeDnForUrl(dn: string): string {
  let out = '';
  for (const ch of dn) {
    if (URL_KEEP.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Undoes {@link encodeDnForUrl} (any percent-encoding). */
export function decodeDnFromUrl(encoded: string): string {
  return decodeURIComponent(encoded);
}

/** The base DN of the directory tree the CA publishes into, and its three branches. */
export const LDAP_BRANCHES = {
  /** Authorities: `cn=<authority id>,ou=ca,<base>` (pkiCA). */
  ca: 'ca',
  /** CRL distribution points: `cn=<authority id>,ou=crl,<base>` (cRLDistributionPoint). */
  crl: 'crl',
  /** Subscribers: `uid=<subject id>,ou=people,<base>` (inetOrgPerson + pkiUser). */
  people: 'people',
} as const;

/** `<rdn>,ou=<branch>,<baseDn>` (an empty base gives `<rdn>,ou=<branch>`). */
export function entryDn(first: string, branch: string, baseDn: string): string {
  return [first, rdn('ou', branch), ...(baseDn.trim() ? [baseDn.trim()] : [])].join(',');
}

/** The DN of the cRLDistributionPoint entry of authority `issuerId`. */
export function crlDistributionPointDn(issuerId: string, baseDn: string): string {
  return entryDn(rdn('cn', issuerId), LDAP_BRANCHES.crl, baseDn);
}

/**
 * Splits `ldap://host[:port][/<percent-encoded base DN>]` into its server part and base DN.
 * Throws when it is not an ldap:// or ldaps:// URL.
 */
export function splitLdapUrl(url: string): { server: string; baseDn: string } {
  const m = /^(ldaps?:\/\/[^/?#]*)(?:\/([^?#]*))?(?:[?#].*)?$/i.exec(url.trim());
  if (!m) throw new Error(`Not an LDAP URL: ${url}`);
  return { server: m[1], baseDn: m[2] ? decodeDnFromUrl(m[2]) : '' };
}

/**
 * The LDAP URL of a CRL distribution point for the cRLDistributionPoints extension:
 * `ldap://host[:port]/cn=<issuerId>,ou=crl,<baseDn>?certificateRevocationList;binary`, the DN
 * percent-encoded as RFC 4516 requires. `ldapBase` is `ldap://host[:port]` followed, when the
 * entries live under a base DN, by `/<base DN>` (see {@link ldapPublicationBase}).
 */
export function crlDistributionPointUrl(ldapBase: string, issuerId: string): string {
  const { server, baseDn } = splitLdapUrl(ldapBase);
  return `${server}/${encodeDnForUrl(crlDistributionPointDn(issuerId, baseDn))}?certificateRevocationList;binary`;
}

/**
 * The `ldapBase` of the CA's publication URLs for a publication configuration: the server that
 * relying parties read (`publicUrl`, else `url`) and the base DN, percent-encoded.
 */
export function ldapPublicationBase(config: { url: string; publicUrl?: string; baseDn: string }): string {
  const { server } = splitLdapUrl(config.publicUrl ?? config.url);
  return config.baseDn.trim() ? `${server}/${encodeDnForUrl(config.baseDn.trim())}` : server;
}
