/** @internal The SEQUENCE { tbs, signatureAlgorithm, BIT STRING } shape shared by certificates, CRLs and CSRs. */
import { GmError } from './errors';
import { TAG, children, derAlgorithm, derBitString, derSeq, fail, readAlgorithm, readBitString, readRoot, rawOf, type Tlv } from './der';
import type { Signer } from './signer';

/** @internal the parts of a signed structure */
export interface SignedParts {
  /** the to-be-signed TLV */
  tbs: Tlv;
  signatureAlgorithmOid: string;
  signatureAlgorithmParamsPresent: boolean;
  signature: Buffer;
}

/** @internal splits SEQUENCE { tbs, AlgorithmIdentifier, BIT STRING } */
export function splitSigned(der: Uint8Array): SignedParts {
  const root = readRoot(der, TAG.SEQUENCE);
  const c = children(der, root);
  if (c.length !== 3) fail('signed structure: expected 3 fields');
  if (c[0].tag !== TAG.SEQUENCE) fail('signed structure: bad to-be-signed part');
  const alg = readAlgorithm(der, c[1]);
  const bits = readBitString(der, c[2]);
  if (bits.unused !== 0) fail('signature BIT STRING has unused bits');
  return {
    tbs: c[0],
    signatureAlgorithmOid: alg.oid,
    signatureAlgorithmParamsPresent: alg.params !== undefined,
    signature: Buffer.from(bits.bytes),
  };
}

/** @internal checks that the algorithm written inside a TBS matches the signer's */
export function checkSignerAlgorithm(buf: Uint8Array, algTlv: Tlv, signer: Signer): void {
  const expected = derAlgorithm(signer.signatureAlgorithm.oid, signer.signatureAlgorithm.nullParams);
  if (!rawOf(buf, algTlv).equals(expected)) {
    throw new GmError('GM_UNSUPPORTED', "the signature algorithm inside the TBS is not the signer's");
  }
}

/** @internal signs and assembles SEQUENCE { tbs, alg, BIT STRING } */
export async function assembleSigned(tbs: Uint8Array, signer: Signer): Promise<Buffer> {
  const sig = await signer.sign(tbs);
  return derSeq(tbs, derAlgorithm(signer.signatureAlgorithm.oid, signer.signatureAlgorithm.nullParams), derBitString(sig));
}

/** @internal readRoot + children of the TBS for signCertificate/signCrl */
export function tbsFields(tbs: Uint8Array): Tlv[] {
  return children(tbs, readRoot(tbs, TAG.SEQUENCE));
}
