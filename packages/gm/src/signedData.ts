/**
 * Signed evidence: a CMS SignedData (RFC 5652; SM2 with SM3 or RSA) that encapsulates its content
 * (id-data), with the signer's certificate and chain — what a relying party keeps to prove what a
 * service said and when (seal status answers). Any CMS implementation verifies it.
 */
import { bytesEqual, toHex } from './bytes';
import { parseCertificate, type CertificateInfo } from './certificate';
import { parseCmsSignedData, signCmsSignedData, verifyCmsSigner, type CmsProfile } from './cms';
import { OIDS } from './oids';
import { GmError, checkSize, guardDecode } from './errors';
import { TAG, readRoot, readTime } from './der';
import type { Signer } from './signer';

/** Default size limit of {@link parseSignedData}. */
export const SIGNED_DATA_MAX_BYTES = 1024 * 1024;

/**
 * Signs `content` into a CMS SignedData with the content encapsulated.
 * @param a - content, signer and its certificate, chain certificates, signing time and profile
 * @returns DER ContentInfo
 */
export async function buildSignedData(a: {
  content: Uint8Array;
  /** eContentType (default id-data) */
  contentType?: string;
  signer: Signer;
  signerCertificate: Uint8Array;
  chain?: Uint8Array[];
  signingTime: Date;
  /** SM2 only: `rfc5652` (default) or `gbt35275` */
  profile?: CmsProfile;
}): Promise<Uint8Array> {
  const cert = parseCertificate(a.signerCertificate);
  if (!bytesEqual(cert.publicKey.spki, a.signer.spki)) throw new GmError('GM_KEY_MISMATCH', "the signer's key is not the certificate's");
  return signCmsSignedData({
    eContentType: a.contentType ?? OIDS.pkcs7Data,
    eContent: a.content,
    signerCert: cert,
    signer: a.signer,
    certificates: [cert.der, ...(a.chain ?? [])],
    signingTime: a.signingTime,
    extraSignedAttributes: [],
    profile: a.profile ?? 'rfc5652',
  });
}

/** What {@link verifySignedData} found. */
export interface SignedDataVerification {
  /** the signature and attributes check out with the signer certificate found in the message */
  valid: boolean;
  /** the first problem */
  problem?: string;
  /** the encapsulated content */
  content?: Uint8Array;
  /** eContentType */
  contentType?: string;
  /** the signer's certificate */
  signerCertificate?: CertificateInfo;
  /** other certificates in the message (chain) */
  certificates: Uint8Array[];
  /** the signingTime attribute */
  signingTime?: Date;
}

/**
 * Verifies a SignedData with one signer and encapsulated content: the signer certificate is taken
 * from the message (matched by issuer and serial); trust in it is the caller's.
 * @param der - DER ContentInfo
 * @param opts - `maxBytes` (default {@link SIGNED_DATA_MAX_BYTES})
 * @returns the verdict; throws GmError only for malformed or oversized input
 */
export function verifySignedData(der: Uint8Array, opts?: { maxBytes?: number }): SignedDataVerification {
  checkSize('SignedData', der.length, opts?.maxBytes ?? SIGNED_DATA_MAX_BYTES);
  const sd = guardDecode('SignedData', () => {
    const buf = Buffer.from(der.buffer, der.byteOffset, der.length);
    return parseCmsSignedData(buf, readRoot(buf, TAG.SEQUENCE));
  });
  const certificates = sd.certificates;
  if (sd.signerInfos.length !== 1) return { valid: false, problem: 'expected exactly one signer', certificates };
  const si = sd.signerInfos[0];
  let signerCertificate: CertificateInfo | undefined;
  for (const c of certificates) {
    try {
      const p = parseCertificate(c);
      const ias = si.issuerAndSerial;
      if (ias ? ias.serialHex === p.serialHex && bytesEqual(ias.issuer, p.issuerDer) : si.subjectKeyIdentifier === (p.subjectKeyIdentifier && toHex(p.subjectKeyIdentifier))) {
        signerCertificate = p;
        break;
      }
    } catch {
      /* not a certificate we read; skip */
    }
  }
  const base = { content: sd.eContent, contentType: sd.eContentType, certificates };
  if (!signerCertificate) return { ...base, valid: false, problem: 'the signer certificate is not in the message' };
  const st = si.attributes.find(a => a.oid === OIDS.signingTime)?.values[0];
  let signingTime: Date | undefined;
  if (st) {
    try {
      const b = Buffer.from(st);
      signingTime = readTime(b, readRoot(b));
    } catch {
      /* reported as absent */
    }
  }
  const r = verifyCmsSigner(sd, si, signerCertificate.publicKey.spki);
  return { ...base, ...r, signerCertificate, signingTime };
}
