/**
 * GM/T 0092-2020 CSRResponse (gm-standards §5.5):
 *
 * ```asn1
 * CSRResponse ::= SEQUENCE {
 *   signCertificate      CertificateSet,                 -- SET OF Certificate
 *   encryptedPrivateKey  [0] SM2EnvelopedKey OPTIONAL,
 *   encryptCertificate   [1] CertificateSet OPTIONAL }   -- module DEFINITIONS IMPLICIT TAGS
 * ```
 *
 * Interop note: the module says IMPLICIT, but emmansun/gmsm (`smx509.MarshalCSRResponse`) writes
 * `[0]` as a constructed tag *wrapping the whole SM2EnvelopedKey SEQUENCE*, i.e. effectively
 * EXPLICIT. We write what emmansun writes; `[1]` is IMPLICIT (A1 directly holding the
 * certificates) in both. The parser accepts both forms of `[0]` (and an explicit `[1]`). Whether a
 * given client stack (USB-key middleware) agrees has to be tested with that stack.
 *
 * Certificates are kept in the given order (signing certificate first) rather than DER-sorted,
 * because readers take the first one as the subscriber's certificate.
 */
import { GmError, checkSize, guardDecode } from './errors';
import { TAG, children, derSeq, expectTag, fail, readRoot, rawOf, tlv } from './der';

/** Default limit of {@link parseCsrResponse}. */
export const CSR_RESPONSE_MAX_BYTES = 1024 * 1024;

function certDer(c: Uint8Array, what: string): Uint8Array {
  guardDecode(what, () => readRoot(c, TAG.SEQUENCE));
  return c;
}

/**
 * Builds a GM/T 0092 CSRResponse.
 * @param a - signing certificate(s) (first = the subscriber's), optional DER SM2EnvelopedKey and
 *   encryption certificate(s)
 * @returns DER CSRResponse
 */
export function buildCsrResponse(a: {
  signCertificates: Uint8Array[];
  envelopedKey?: Uint8Array;
  encryptCertificates?: Uint8Array[];
}): Uint8Array {
  if (a.signCertificates.length === 0) throw new GmError('GM_UNSUPPORTED', 'CSRResponse needs a signing certificate');
  const parts: Uint8Array[] = [tlv(TAG.SET, ...a.signCertificates.map(c => certDer(c, 'signCertificate')))];
  if (a.envelopedKey) parts.push(tlv(0xa0, certDer(a.envelopedKey, 'SM2EnvelopedKey')));
  if (a.encryptCertificates?.length) {
    parts.push(tlv(0xa1, ...a.encryptCertificates.map(c => certDer(c, 'encryptCertificate'))));
  }
  return derSeq(...parts);
}

/**
 * Parses a GM/T 0092 CSRResponse. Certificates and the envelope are returned as DER, unparsed.
 * @param der - DER CSRResponse
 * @param opts - `maxBytes` (default 1 MiB)
 * @returns the parts; `GmError` (`GM_DECODE`, `GM_TOO_LARGE`) on bad input
 */
export function parseCsrResponse(
  der: Uint8Array,
  opts?: { maxBytes?: number },
): { signCertificates: Uint8Array[]; envelopedKey?: Uint8Array; encryptCertificates?: Uint8Array[] } {
  if (!(der instanceof Uint8Array)) throw new GmError('GM_DECODE', 'CSRResponse: not bytes');
  checkSize('CSRResponse', der.length, opts?.maxBytes ?? CSR_RESPONSE_MAX_BYTES);
  return guardDecode('CSRResponse', () => {
    const c = children(der, readRoot(der, TAG.SEQUENCE));
    const certs = (list: ReturnType<typeof children>) =>
      list.map(t => Buffer.from(rawOf(der, expectTag(t, TAG.SEQUENCE, 'Certificate'))));
    const signCertificates = certs(children(der, expectTag(c[0], TAG.SET, 'signCertificate')));
    if (signCertificates.length === 0) fail('CSRResponse: no signing certificate');
    const out: { signCertificates: Uint8Array[]; envelopedKey?: Uint8Array; encryptCertificates?: Uint8Array[] } = {
      signCertificates,
    };
    let i = 1;
    if (c[i]?.tag === 0xa0) {
      const inner = children(der, c[i++]);
      if (inner.length === 1 && inner[0].tag === TAG.SEQUENCE) {
        out.envelopedKey = Buffer.from(rawOf(der, inner[0])); // emmansun: [0] wraps the SEQUENCE
      } else if (inner.length === 4) {
        out.envelopedKey = derSeq(...inner.map(t => rawOf(der, t))); // strictly IMPLICIT
      } else {
        fail('CSRResponse: bad encryptedPrivateKey');
      }
    }
    if (c[i]?.tag === 0xa1) {
      let inner = children(der, c[i++]);
      if (inner.length === 1 && inner[0].tag === TAG.SET) inner = children(der, inner[0]); // explicit variant
      out.encryptCertificates = certs(inner);
    }
    if (i !== c.length) fail('CSRResponse: unexpected fields');
    return out;
  });
}
