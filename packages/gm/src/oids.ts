/**
 * Object identifiers used by the library (gm-standards.md §4; RFC 5280; PKCS).
 * Note the known-wrong OIDs in popular code listed in gm-standards §4 — none of them is used here.
 */
export const OIDS = {
  // GM algorithms (GB/T 33560 appendix A, GM/T 0006)
  /** SM2 public-key algorithm and named curve */
  sm2: '1.2.156.10197.1.301',
  /** SM2-1 digital signature (used in GM/T 0010 SignerInfo) */
  sm2Sign: '1.2.156.10197.1.301.1',
  /** SM2-2 key exchange */
  sm2KeyExchange: '1.2.156.10197.1.301.2',
  /** SM2-3 public-key encryption */
  sm2Encrypt: '1.2.156.10197.1.301.3',
  /** SM3withSM2 signature (certificates, CRLs, CSRs) */
  sm3WithSm2: '1.2.156.10197.1.501',
  /** SM3 hash */
  sm3: '1.2.156.10197.1.401',
  /** HMAC-SM3 as used in practice (GM/T 0091) */
  hmacSm3: '1.2.156.10197.1.401.2',
  /** SM4 (bare; CFCA writes it for CBC, emmansun accepts it for ECB in SM2EnvelopedKey) */
  sm4: '1.2.156.10197.1.104',
  /** SM4-ECB */
  sm4Ecb: '1.2.156.10197.1.104.1',
  /** SM4-CBC */
  sm4Cbc: '1.2.156.10197.1.104.2',
  /** SM4-GCM */
  sm4Gcm: '1.2.156.10197.1.104.8',
  /** GM/T 0010 (GB/T 35275) data content type */
  gmData: '1.2.156.10197.6.1.4.2.1',
  /** GM/T 0010 (GB/T 35275) signedData content type */
  gmSignedData: '1.2.156.10197.6.1.4.2.2',
  /** GM/T 0092 challengePassword attribute */
  gmChallengePassword: '1.2.156.10197.6.1.4.1.10.3',

  // Public keys and RSA
  /** id-ecPublicKey */
  ecPublicKey: '1.2.840.10045.2.1',
  /** NIST P-256 named curve */
  prime256v1: '1.2.840.10045.3.1.7',
  /** rsaEncryption */
  rsaEncryption: '1.2.840.113549.1.1.1',
  /** sha256WithRSAEncryption */
  sha256WithRsa: '1.2.840.113549.1.1.11',
  /** sha384WithRSAEncryption */
  sha384WithRsa: '1.2.840.113549.1.1.12',
  /** sha512WithRSAEncryption */
  sha512WithRsa: '1.2.840.113549.1.1.13',
  /** ecdsa-with-SHA256 */
  ecdsaWithSha256: '1.2.840.10045.4.3.2',

  // GM/T 0015 identity extensions
  /** IdentifyCode, personal ID number */
  identityCode: '1.2.156.10260.4.1.1',
  /** InsuranceNumber, social insurance number */
  insuranceNumber: '1.2.156.10260.4.1.2',
  /** ICRegistrationNumber, business registration number */
  icRegistrationNumber: '1.2.156.10260.4.1.3',
  /** OrganizationCode (also the unified social credit code) */
  organizationCode: '1.2.156.10260.4.1.4',
  /** TaxationNumber */
  taxationNumber: '1.2.156.10260.4.1.5',

  // Extended key usages
  /** id-kp-serverAuth */
  serverAuth: '1.3.6.1.5.5.7.3.1',
  /** id-kp-clientAuth */
  clientAuth: '1.3.6.1.5.5.7.3.2',
  /** id-kp-codeSigning */
  codeSigning: '1.3.6.1.5.5.7.3.3',
  /** id-kp-emailProtection */
  emailProtection: '1.3.6.1.5.5.7.3.4',
  /** id-kp-timeStamping */
  timeStamping: '1.3.6.1.5.5.7.3.8',
  /** id-kp-OCSPSigning */
  ocspSigning: '1.3.6.1.5.5.7.3.9',

  // Certificate and CRL extensions
  /** subjectKeyIdentifier */
  subjectKeyIdentifier: '2.5.29.14',
  /** keyUsage */
  keyUsage: '2.5.29.15',
  /** subjectAltName */
  subjectAltName: '2.5.29.17',
  /** issuerAltName */
  issuerAltName: '2.5.29.18',
  /** basicConstraints */
  basicConstraints: '2.5.29.19',
  /** cRLNumber */
  crlNumber: '2.5.29.20',
  /** reasonCode (CRL entry) */
  crlReason: '2.5.29.21',
  /** invalidityDate (CRL entry) */
  invalidityDate: '2.5.29.24',
  /** deltaCRLIndicator */
  deltaCrlIndicator: '2.5.29.27',
  /** issuingDistributionPoint */
  issuingDistributionPoint: '2.5.29.28',
  /** cRLDistributionPoints */
  crlDistributionPoints: '2.5.29.31',
  /** certificatePolicies */
  certificatePolicies: '2.5.29.32',
  /** anyPolicy */
  anyPolicy: '2.5.29.32.0',
  /** authorityKeyIdentifier */
  authorityKeyIdentifier: '2.5.29.35',
  /** extKeyUsage */
  extKeyUsage: '2.5.29.37',
  /** freshestCRL */
  freshestCrl: '2.5.29.46',
  /** authorityInfoAccess */
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  /** id-ad-ocsp access method */
  adOcsp: '1.3.6.1.5.5.7.48.1',
  /** id-ad-caIssuers access method */
  adCaIssuers: '1.3.6.1.5.5.7.48.2',
  /** id-pkix-ocsp-nocheck */
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',

  // OCSP (RFC 6960) and timestamps (RFC 3161)
  /** id-pkix-ocsp-basic (the BasicOCSPResponse response type) */
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  /** id-pkix-ocsp-nonce */
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  /** id-ct-TSTInfo (eContentType of a TimeStampToken) */
  ctTstInfo: '1.2.840.113549.1.9.16.1.4',

  // Hash algorithms
  /** SHA-1 (OIW) */
  sha1: '1.3.14.3.2.26',
  /** SHA-256 */
  sha256: '2.16.840.1.101.3.4.2.1',
  /** SHA-384 */
  sha384: '2.16.840.1.101.3.4.2.2',
  /** SHA-512 */
  sha512: '2.16.840.1.101.3.4.2.3',

  // Name attributes
  /** countryName */
  countryName: '2.5.4.6',
  /** stateOrProvinceName */
  stateOrProvinceName: '2.5.4.8',
  /** localityName */
  localityName: '2.5.4.7',
  /** organizationName */
  organizationName: '2.5.4.10',
  /** organizationalUnitName */
  organizationalUnitName: '2.5.4.11',
  /** commonName */
  commonName: '2.5.4.3',
  /** serialNumber (name attribute) */
  serialNumberAttr: '2.5.4.5',
  /** emailAddress (PKCS #9) */
  emailAddress: '1.2.840.113549.1.9.1',
  /** userId (UID) */
  userId: '0.9.2342.19200300.100.1.1',

  // PKCS #7 / #9
  /** id-data */
  pkcs7Data: '1.2.840.113549.1.7.1',
  /** id-signedData */
  pkcs7SignedData: '1.2.840.113549.1.7.2',
  /** challengePassword */
  challengePassword: '1.2.840.113549.1.9.7',
  /** extensionRequest */
  extensionRequest: '1.2.840.113549.1.9.14',
  /** contentType signed attribute */
  contentType: '1.2.840.113549.1.9.3',
  /** messageDigest signed attribute */
  messageDigest: '1.2.840.113549.1.9.4',
  /** signingTime signed attribute */
  signingTime: '1.2.840.113549.1.9.5',
  /** id-aa-signingCertificate (RFC 2634 ESS, SHA-1 ESSCertID) */
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  /** id-aa-signingCertificateV2 (RFC 5035 ESSCertIDv2) */
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;
