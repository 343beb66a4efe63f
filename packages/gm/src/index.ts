/**
 * `@yinxin/gm` — Chinese national cryptography (SM2, SM3, SM4) and the PKI encodings yinxin's CA
 * needs: keys, names, extensions, certificates, CSRs, CRLs, SM2EnvelopedKey (GM/T 0009), the
 * GM/T 0092 CSRResponse, certs-only PKCS#7, OCSP (RFC 6960), RFC 3161 timestamps and electronic
 * seals and seal signatures (GM/T 0031-2014 v1, GB/T 38540-2020 v4). A pure
 * library: no database, no Backstage services.
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
  encodeRevokedList,
  joinRevokedLists,
  signCrl,
  parseCrl,
  parseTbsCrl,
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
export { type HashAlgorithm } from './hashes';
export { type CmsProfile } from './cms';
export {
  type OcspHashAlgorithm,
  type CertId,
  type CertIdInput,
  type OcspIssuerHashes,
  type OcspNonce,
  type OcspRequestInfo,
  type OcspRevoked,
  type OcspCertStatus,
  type OcspSingleResponseInput,
  type OcspResponseInput,
  type OcspResponseStatus,
  type OcspSingleResponse,
  type BasicOcspResponse,
  type OcspResponseInfo,
  OCSP_REQUEST_MAX_BYTES,
  OCSP_REQUEST_MAX_CERT_IDS,
  OCSP_RESPONSE_MAX_BYTES,
  ocspIssuerHashes,
  certIdIssuerKey,
  certIdMatches,
  encodeCertId,
  certIdFor,
  parseOcspRequest,
  buildOcspRequest,
  buildOcspResponse,
  ocspErrorResponse,
  parseOcspResponse,
  verifyOcspResponseSignature,
} from './ocsp';
export {
  type TimeStampHashAlgorithm,
  type MessageImprint,
  type TimeStampReqInfo,
  type TimeStampFailureInfo,
  type PkiStatus,
  type TstInfoInput,
  type TimeStampRespInput,
  type TstInfo,
  type EssCertId,
  type TimeStampTokenInfo,
  type TimeStampRespInfo,
  type TimeStampVerification,
  TIME_STAMP_FAILURE_BITS,
  TIME_STAMP_REQ_MAX_BYTES,
  TIME_STAMP_RESP_MAX_BYTES,
  parseTimeStampReq,
  timeStampFailureOf,
  buildTimeStampReq,
  buildTimeStampToken,
  buildTimeStampResp,
  buildTimeStampFailure,
  parseTimeStampToken,
  parseTimeStampResp,
  verifyTimeStampToken,
} from './tsp';
export {
  type SesVersion,
  type SealExtension,
  type SealPicture,
  type SealInfoInput,
  type SealMaker,
  type ParsedSeal,
  type ParsedSesSignature,
  type SignTimeForm,
  type SesSignatureInput,
  type PreparedSesSignature,
  prepareSesSignature,
  assembleSesSignature,
  type SealVerification,
  type SesVerification,
  SES_MAX_BYTES,
  buildSeal,
  buildSesSignature,
  parseSeal,
  parseSesSignature,
  verifySeal,
  verifySesSignature,
  signerListed,
  sesDataHashAlgorithm,
} from './seal';
export { SIGNED_DATA_MAX_BYTES, type SignedDataVerification, buildSignedData, verifySignedData } from './signedData';
