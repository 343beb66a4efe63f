import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { fromHex, isValidSm2PublicKey, sm2Encrypt, sm3, toHex } from '@yinxin/gm';
import type { UnlockRequest, UnlockStatus } from '@yinxin/plugin-ca-common';
import { ApiError, AuditLog } from '@yinxin/ops-node';
import { SealingKey } from '@yinxin/keystore';
import { TicketLookup } from './TicketLookup';

/** The marker that starts an unlock response's plaintext (protocol version 1). */
export const UNLOCK_RESPONSE_MAGIC = Buffer.from('YXUNLK01', 'ascii');

/**
 * The unlock response's plaintext: magic ‖ SM3(serial ‖ challenge) ‖ the token's unlock key. It is
 * SM2-encrypted to the challenge (a one-time public key the token made), so that only that token,
 * for that challenge, learns the key that lets it reset its user PIN; operators, the network and
 * logs only ever see ciphertext.
 */
export function unlockResponsePlaintext(tokenSerial: string, challenge: Uint8Array, unlockKey: Uint8Array): Uint8Array {
  return Buffer.concat([UNLOCK_RESPONSE_MAGIC, Buffer.from(sm3(Buffer.concat([Buffer.from(tokenSerial, 'utf8'), challenge]))), Buffer.from(unlockKey)]);
}

/**
 * USB-key PIN unlock (解锁), modelled on GM/T 0016 §7.2: the token makes a challenge; an operator
 * opens a request; a second person checks the requester's identity (an open "USB-key 解锁" ticket,
 * or in person); then the requester receives the response for the token, once.
 */
export class UnlockService {
  constructor(
    private readonly knex: Knex,
    private readonly tokenKeys: SealingKey,
    private readonly audit: AuditLog,
    private readonly tickets: TicketLookup,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private now() {
    return this.clock().toISOString();
  }

  private async rowOf(id: string, trx: Knex | Knex.Transaction = this.knex) {
    const row = await trx('ca_unlock_requests').where({ id }).first();
    if (!row) throw new ApiError('NOT_FOUND', `Unlock request ${id} not found`);
    return row;
  }

  /** One request as the API shows it. */
  async get(id: string, trx: Knex | Knex.Transaction = this.knex): Promise<UnlockRequest> {
    const row = await trx('ca_unlock_requests as u')
      .leftJoin('ca_tokens as t', 't.serial', 'u.token_serial')
      .leftJoin('ca_subjects as s', 's.id', 't.subject_id')
      .select('u.*', 's.name as subject_name', 't.certificate_id as certificate_id')
      .where('u.id', id)
      .first();
    if (!row) throw new ApiError('NOT_FOUND', `Unlock request ${id} not found`);
    return toUnlock(row);
  }

  /** Requests, newest first. */
  async list(status?: UnlockStatus): Promise<UnlockRequest[]> {
    const q = this.knex('ca_unlock_requests as u')
      .leftJoin('ca_tokens as t', 't.serial', 'u.token_serial')
      .leftJoin('ca_subjects as s', 's.id', 't.subject_id')
      .select('u.*', 's.name as subject_name', 't.certificate_id as certificate_id')
      .orderBy('u.created_at', 'desc')
      .limit(500);
    if (status) q.where('u.status', status);
    return (await q).map(toUnlock);
  }

  /** Opens a request for a registered token with its challenge (an SM2 public key, hex). */
  async request(actor: string, input: { tokenSerial: string; challenge: string; ticketId?: string }): Promise<UnlockRequest> {
    const challenge = /^[0-9a-fA-F]{130}$/.test(input.challenge) ? fromHex(input.challenge) : undefined;
    if (!challenge || !isValidSm2PublicKey(challenge)) throw new ApiError('VALIDATION_FAILED', "The challenge is not the token's one-time SM2 public key (130 hex digits)");
    const id = randomUUID();
    await this.knex.transaction(async trx => {
      const token = await trx('ca_tokens').where({ serial: input.tokenSerial }).first();
      if (!token) throw new ApiError('NOT_FOUND', `USB key ${input.tokenSerial} is not registered with the CA`);
      await trx('ca_unlock_requests').insert({
        id,
        token_serial: input.tokenSerial,
        challenge: toHex(challenge),
        requested_by: actor,
        ticket_id: input.ticketId ?? null,
        status: 'pending',
        created_at: this.now(),
      });
      await this.audit.append(trx, { actor, action: 'ca.unlock.request', targetType: 'token', targetId: input.tokenSerial, outcome: 'success', details: { requestId: id, ticketId: input.ticketId ?? null } });
    });
    return this.get(id);
  }

  /** Records the identity check by someone other than the requester. */
  async verify(actor: string, id: string, method: 'ticket' | 'in-person', note: string): Promise<UnlockRequest> {
    const row = await this.rowOf(id);
    if (row.status !== 'pending') throw new ApiError('ILLEGAL_TRANSITION', `The request is ${row.status}`);
    if (row.requested_by === actor) throw new ApiError('SELF_APPROVAL', 'The requester cannot verify their own unlock request');
    let ticketFacts: Record<string, unknown> = {};
    if (method === 'ticket') {
      if (!row.ticket_id) throw new ApiError('IDENTITY_NOT_VERIFIED', 'The request names no ticket to check the identity against');
      const t = await this.tickets.get(row.ticket_id);
      if (!t) throw new ApiError('IDENTITY_NOT_VERIFIED', `Ticket ${row.ticket_id} does not exist`);
      if (t.category !== 'usbkey-unlock') throw new ApiError('IDENTITY_NOT_VERIFIED', `Ticket ${t.number} is not a USB-key unlock ticket`);
      if (['resolved', 'closed', 'merged'].includes(t.state)) throw new ApiError('IDENTITY_NOT_VERIFIED', `Ticket ${t.number} is ${t.state}`);
      ticketFacts = { ticketNumber: t.number, requesterName: t.requesterName };
    }
    await this.knex.transaction(async trx => {
      const n = await trx('ca_unlock_requests').where({ id, status: 'pending' }).update({ status: 'verified', verified_by: actor, verification_method: method, verification_note: note });
      if (n !== 1) throw new ApiError('CONFLICT', 'The request changed meanwhile');
      await this.audit.append(trx, { actor, action: 'ca.unlock.verify', targetType: 'token', targetId: row.token_serial, outcome: 'success', details: { requestId: id, method, note, ...ticketFacts } });
    });
    return this.get(id);
  }

  /** Refuses a pending request. */
  async reject(actor: string, id: string, reason: string): Promise<UnlockRequest> {
    const row = await this.rowOf(id);
    if (row.status !== 'pending') throw new ApiError('ILLEGAL_TRANSITION', `The request is ${row.status}`);
    if (row.requested_by === actor) throw new ApiError('SELF_APPROVAL', 'The requester cannot decide their own unlock request');
    await this.knex.transaction(async trx => {
      const n = await trx('ca_unlock_requests').where({ id, status: 'pending' }).update({ status: 'rejected', verified_by: actor, verification_note: reason });
      if (n !== 1) throw new ApiError('CONFLICT', 'The request changed meanwhile');
      await this.audit.append(trx, { actor, action: 'ca.unlock.reject', targetType: 'token', targetId: row.token_serial, outcome: 'success', details: { requestId: id, reason } });
    });
    return this.get(id);
  }

  /** The response for the token, released once to the requester after the identity check. */
  async respond(actor: string, id: string): Promise<{ request: UnlockRequest; response: string }> {
    let response = '';
    await this.knex.transaction(async trx => {
      const row = await this.rowOf(id, trx);
      if (row.status === 'pending') throw new ApiError('IDENTITY_NOT_VERIFIED', "The requester's identity has not been verified yet");
      if (row.status !== 'verified') throw new ApiError('ILLEGAL_TRANSITION', `The request is ${row.status}; a response is released once`);
      if (row.requested_by !== actor) throw new ApiError('FORBIDDEN', 'Only the requester receives the response');
      const token = await trx('ca_tokens').where({ serial: row.token_serial }).first();
      const key = this.tokenKeys.open(token.sealed_unlock_key, `token-unlock:${row.token_serial}`);
      const challenge = fromHex(row.challenge);
      const plain = unlockResponsePlaintext(row.token_serial, challenge, key);
      response = toHex(sm2Encrypt(challenge, plain));
      key.fill(0);
      (plain as Buffer).fill(0);
      const n = await trx('ca_unlock_requests').where({ id, status: 'verified' }).update({ status: 'answered', answered_at: this.now() });
      if (n !== 1) throw new ApiError('CONFLICT', 'The request changed meanwhile');
      await this.audit.append(trx, { actor, action: 'ca.unlock.respond', targetType: 'token', targetId: row.token_serial, outcome: 'success', details: { requestId: id } });
    });
    return { request: await this.get(id), response };
  }
}

function toUnlock(row: any): UnlockRequest {
  return {
    id: row.id,
    tokenSerial: row.token_serial,
    subjectName: row.subject_name ?? undefined,
    certificateId: row.certificate_id ?? undefined,
    challenge: row.challenge,
    requestedBy: row.requested_by,
    ticketId: row.ticket_id ?? undefined,
    status: row.status,
    verifiedBy: row.verified_by ?? undefined,
    verificationMethod: row.verification_method ?? undefined,
    verificationNote: row.verification_note ?? undefined,
    createdAt: row.created_at,
    answeredAt: row.answered_at ?? undefined,
  };
}
