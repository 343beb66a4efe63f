import { CertificateInfo, CrlEntry, OIDS, keyIdentifierOf, parseTbsCrl } from '@yinxin/gm';
import type { LintViolation } from './lint';

/** What a to-be-signed CRL is checked against. */
export interface CrlLintContext {
  kind: 'full' | 'delta';
  /** The cRLNumber it must carry. */
  number: number;
  /** For a delta: the number of the full CRL it completes. */
  baseNumber?: number;
  /** The CRL issuer's certificate. */
  issuer: CertificateInfo;
  /** The OID the issuer signs with. */
  signatureAlgorithmOid: string;
  /** How many entries were written. */
  entryCount: number;
}

const VALID_REASONS = new Set([1, 2, 3, 4, 5, 6, 8, 9, 10]);

/** Numeric order of two byte-canonical hex serials: by length, then by digits. */
function compareSerials(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Checks a to-be-signed CRL, parsed from its exact bytes, against RFC 5280 §5: version 2, the
 * issuer's name and key identifier, monotonic number, delta indicator and issuing distribution
 * point, update times, serials in strictly rising order (so none twice) and valid reason codes
 * (removeFromCRL only in a delta). Entries are checked as they are read, never all held at once.
 * Signing stops on any violation.
 */
export function lintCrl(tbs: Uint8Array, ctx: CrlLintContext): LintViolation[] {
  const v: LintViolation[] = [];
  const add = (code: string, message: string) => v.push({ code, message });
  let count = 0;
  let previous = '';
  let entryProblem = false;
  const checkEntry = (e: CrlEntry) => {
    count++;
    if (entryProblem) return;
    if (previous && compareSerials(previous, e.serialHex) >= 0) {
      add('crl.entries', `serial ${e.serialHex} is out of order or listed twice`);
      entryProblem = true;
    } else if (e.reason !== undefined && (!VALID_REASONS.has(e.reason) || (e.reason === 8 && ctx.kind !== 'delta'))) {
      add('crl.reason', `serial ${e.serialHex} has reason code ${e.reason}`);
      entryProblem = true;
    }
    previous = e.serialHex;
  };
  const crl = parseTbsCrl(tbs, { onEntry: checkEntry });
  if (crl.version !== 2) add('crl.version', 'CRL must be version 2');
  if (crl.tbsSignatureAlgorithmOid !== ctx.signatureAlgorithmOid) add('crl.signature', "signature algorithm inside the CRL must be the issuer's");
  if (!Buffer.from(crl.issuerDer).equals(Buffer.from(ctx.issuer.subjectDer))) add('crl.issuer', "issuer must equal the CA certificate's subject, byte for byte");
  if (!crl.nextUpdate) add('crl.nextUpdate', 'nextUpdate is required (RFC 5280 §5.1.2.5)');
  else if (crl.nextUpdate.getTime() <= crl.thisUpdate.getTime()) add('crl.nextUpdate', 'nextUpdate must follow thisUpdate');
  else if (crl.nextUpdate.getTime() > ctx.issuer.notAfter.getTime()) add('crl.nextUpdate', 'nextUpdate must not pass the end of the issuer certificate');

  const akid = ctx.issuer.subjectKeyIdentifier ?? keyIdentifierOf(ctx.issuer.publicKey.spki);
  if (!crl.authorityKeyIdentifier || !Buffer.from(crl.authorityKeyIdentifier).equals(Buffer.from(akid)))
    add('crl.akid', "authorityKeyIdentifier must be the issuer's key identifier");
  if (crl.crlNumber === undefined) add('crl.number', 'cRLNumber is required');
  else if (crl.crlNumber !== BigInt(ctx.number) || crl.crlNumber < 1n) add('crl.number', `cRLNumber must be ${ctx.number}`);

  const extension = (oid: string) => crl.extensions.find(e => e.oid === oid);
  const delta = extension(OIDS.deltaCrlIndicator);
  if (ctx.kind === 'delta') {
    if (!delta || !delta.critical) add('crl.delta', 'a delta CRL carries a critical deltaCRLIndicator');
    else if (crl.deltaCrlIndicator !== BigInt(ctx.baseNumber ?? -1)) add('crl.delta', `deltaCRLIndicator must name the full CRL ${ctx.baseNumber}`);
    if (crl.deltaCrlIndicator !== undefined && crl.crlNumber !== undefined && crl.deltaCrlIndicator >= crl.crlNumber)
      add('crl.delta', 'the base CRL number must be lower than the delta CRL number');
  } else if (delta) add('crl.delta', 'a full CRL carries no deltaCRLIndicator');
  const idp = extension(OIDS.issuingDistributionPoint);
  if (!idp || !idp.critical) add('crl.idp', 'issuingDistributionPoint must be present and critical');
  const seen = new Set(crl.extensions.map(e => e.oid));
  if (seen.size !== crl.extensions.length) add('crl.extensions', 'an extension appears twice');

  if (count !== ctx.entryCount) add('crl.entries', `expected ${ctx.entryCount} entries, found ${count}`);
  return v;
}
