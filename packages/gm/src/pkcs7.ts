/** Certs-only ("degenerate") PKCS#7 / CMS SignedData, the `.p7b` certificate bundle (RFC 5652 §5). */
import { GmError, guardDecode } from './errors';
import { TAG, derCtx, derInteger, derOid, derSeq, readRoot, tlv } from './der';
import { OIDS } from './oids';

/**
 * ContentInfo { signedData, SignedData { version 1, digestAlgorithms {}, encapContentInfo { data },
 * certificates [0] …, signerInfos {} } }. Certificates keep the given order.
 * @param certs - DER certificates
 * @returns DER ContentInfo (PEM label `PKCS7`)
 */
export function buildCertsOnlyPkcs7(certs: Uint8Array[]): Uint8Array {
  if (certs.length === 0) throw new GmError('GM_UNSUPPORTED', 'a .p7b needs at least one certificate');
  for (const c of certs) guardDecode('certificate', () => readRoot(c, TAG.SEQUENCE));
  const signedData = derSeq(
    derInteger(1),
    tlv(TAG.SET),
    derSeq(derOid(OIDS.pkcs7Data)),
    tlv(0xa0, ...certs),
    tlv(TAG.SET),
  );
  return derSeq(derOid(OIDS.pkcs7SignedData), derCtx(0, signedData));
}
