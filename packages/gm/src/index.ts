/**
 * `@yinxin/gm` — Chinese national cryptography (SM2, SM3, SM4) and the PKI encodings yinxin's CA
 * needs: keys, names, extensions, certificates, CSRs, CRLs, SM2EnvelopedKey (GM/T 0009), the
 * GM/T 0092 CSRResponse and certs-only PKCS#7. A pure library: no database, no Backstage services.
 *
 * @packageDocumentation
 */
export { GmError, type GmErrorCode } from './errors';
export { OIDS } from './oids';
export { toHex, fromHex, randomSerial } from './bytes';
export { sm3, hmacSm3 } from './sm3';
export { sm4EcbEncrypt, sm4EcbDecrypt, sm4CbcEncrypt, sm4CbcDecrypt, sm4GcmSeal, sm4GcmOpen } from './sm4';
export {
  SM2_DEFAULT_ID,
  SM2_DECRYPT_MAX_BYTES,
  type Sm2KeyPair,
  sm2GenerateKeyPair,
  sm2PublicKeyOf,
  sm2Z,
  sm2Sign,
  sm2Verify,
  sm2SignDigest,
  sm2VerifyDigest,
  sm2Encrypt,
  sm2Decrypt,
  sm2CipherToRaw,
  sm2CipherFromRaw,
  isValidSm2PublicKey,
} from './sm2';
export {
  type PublicKeyInfo,
  encodeSm2PrivateKeyPkcs8,
  encodeSm2PrivateKeySec1,
  decodeSm2PrivateKey,
  encodeSm2PublicKeySpki,
  decodePublicKeySpki,
} from './keys';
export { PEM_MAX_CHARS, pemEncode, pemDecode, pemDecodeAll, toDer } from './pem';
export { type Signer, sm2Signer, rsaSigner, verifySignature } from './signer';
export { type NameAttribute, type NameAttributeType, encodeName, decodeName, nameToString } from './names';
export { type ExtensionInput, type KeyUsageFlag, KEY_USAGE_BITS, ext, keyIdentifierOf } from './extensions';
export { type ParsedExtension, type SubjectAltNames, type DecodedExtensionFields } from './extparse';
export {
  type CertificateTemplate,
  type CertificateInfo,
  CERTIFICATE_MAX_BYTES,
  encodeTbsCertificate,
  signCertificate,
  parseCertificate,
  parseTbsCertificate,
  signParsedCertificate,
  verifyCertificateSignature,
} from './certificate';
export { type CsrInfo, CSR_MAX_BYTES, buildCsr, parseCsr } from './csr';
export {
  type CrlEntryInput,
  type CrlEntry,
  type CrlInfo,
  CRL_MAX_BYTES,
  encodeTbsCrl,
  signCrl,
  parseCrl,
  verifyCrlSignature,
} from './crl';
export {
  ENVELOPED_KEY_MAX_BYTES,
  buildSm2EnvelopedKey,
  openSm2EnvelopedKey,
  envelopedKeyToSkfBlob,
} from './envelope';
export { CSR_RESPONSE_MAX_BYTES, buildCsrResponse, parseCsrResponse } from './csrResponse';
export { buildCertsOnlyPkcs7 } from './pkcs7';
