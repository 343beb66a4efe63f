import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { GmError, buildTimeStampFailure, buildTimeStampResp, parseTimeStampReq, timeStampFailureOf } from '@yinxin/gm';
import type { KeyAlgorithm } from '@yinxin/plugin-ca-common';
import { ServiceCertificates } from './ServiceCertificates';

/**
 * The TSA policy yinxin issues tokens under unless configured: an OID under the UUID arc 2.25
 * (ITU-T X.667), so no registry is needed; production may set its own (`yinxin.ca.tsa.policy`).
 */
export const DEFAULT_TSA_POLICY = '2.25.220370441707722779452151826004938106611';

/** A timestamp answer and what it was, for metrics. */
export interface TsaAnswer {
  der: Uint8Array;
  outcome: 'granted' | 'rejection';
  failure?: string;
}

/**
 * The timestamp authority (RFC 3161; SM2 tokens as SignedData with SM3withSM2): SHA-256 and SM3
 * imprints, the configured policy, nonce echoed, accuracy of one second, a random 128-bit serial
 * kept unique by the token table (which also records what was stamped), the signing certificate
 * by ESS signing-certificate-v2, the TSA certificate and chain when asked (certReq). Bad
 * requests are answered with a rejection carrying the PKIFailureInfo bit, never an error page.
 */
export class TsaService {
  readonly #policy: string;

  constructor(
    private readonly o: {
      knex: Knex;
      services: ServiceCertificates;
      policy?: string;
      clock?: () => Date;
    },
  ) {
    this.#policy = o.policy ?? DEFAULT_TSA_POLICY;
  }

  /** The policy OID tokens are issued under. */
  get policy(): string {
    return this.#policy;
  }

  /** Answers a DER TimeStampReq with a TimeStampResp signed by the `algorithm` TSA. */
  async stamp(algorithm: KeyAlgorithm, request: Uint8Array): Promise<TsaAnswer> {
    let req;
    try {
      req = parseTimeStampReq(request, { acceptedPolicies: [this.#policy] });
    } catch (e) {
      if (!(e instanceof GmError)) throw e;
      const failure = timeStampFailureOf(e);
      return { der: buildTimeStampFailure(failure, e.message.slice(0, 200)), outcome: 'rejection', failure };
    }
    const tsa = await this.o.services.tsa(algorithm);
    if (!tsa) return { der: buildTimeStampFailure('systemFailure', `no ${algorithm} TSA certificate`), outcome: 'rejection', failure: 'systemFailure' };
    const genTime = (this.o.clock ?? (() => new Date()))();
    // 128 random bits, top bit clear so the INTEGER stays 16 octets.
    const serialBytes = randomBytes(16);
    serialBytes[0] &= 0x7f;
    serialBytes[0] |= 0x01;
    const serial = serialBytes.toString('hex');
    // Recorded and signed together: a token that could not be made leaves no row behind.
    const der = await this.o.knex.transaction(async trx => {
      await trx('ca_tsa_tokens').insert({
        serial,
        algorithm,
        hash_algorithm: req.messageImprint.hashAlgorithm,
        imprint: Buffer.from(req.messageImprint.hashedMessage).toString('hex'),
        gen_time: genTime.toISOString(),
        policy: this.#policy,
      });
      return buildTimeStampResp(
        {
          tstInfo: {
            policy: this.#policy,
            imprint: req.messageImprint,
            serial,
            genTime,
            accuracy: { seconds: 1 },
            nonce: req.nonce,
            tsaName: tsa.info.subjectDer,
          },
          tsaCert: tsa.der,
          chain: tsa.chain,
          includeCerts: req.certReq,
        },
        tsa.signer,
      );
    });
    return { der, outcome: 'granted' };
  }
}
