import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { NameAttribute, encodeName } from '@yinxin/gm';
import type { Subject, SubjectInput, SubjectKind } from '@yinxin/plugin-ca-common';
import { ApiError, AuditLog, whereContains } from '@yinxin/ops-node';
import { SealingKey } from '@yinxin/keystore';
import { isValidCreditCode, isValidResidentId, maskIdNumber } from '@yinxin/plugin-ca-common';

/** A subject row with its identity number opened (only inside the server, for certificates). */
export interface SubjectRecord extends Subject {
  idNumber?: string;
}

/**
 * Subscribers: persons (identity document stored sealed, shown masked), organisations (unified
 * social credit code) and servers (DNS names).
 */
export class SubjectStore {
  constructor(
    private readonly knex: Knex,
    private readonly pii: SealingKey,
    private readonly audit: AuditLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Checks and stores a new subject. */
  async create(actor: string, input: SubjectInput): Promise<Subject> {
    const idNumber = input.idNumber?.trim().toUpperCase();
    if (input.kind === 'person') {
      if (!input.idType || !idNumber) throw new ApiError('VALIDATION_FAILED', 'A person needs an identity document type and number');
      if (input.idType === 'resident-id' && !isValidResidentId(idNumber))
        throw new ApiError('VALIDATION_FAILED', 'The resident identity number is not valid (GB 11643 check character or date)');
      if (!input.organisation) throw new ApiError('VALIDATION_FAILED', 'A person needs the organisation they work for');
    }
    if (input.kind === 'organisation') {
      if (!input.creditCode || !isValidCreditCode(input.creditCode))
        throw new ApiError('VALIDATION_FAILED', 'The unified social credit code is not valid (GB 32100 check character)');
    }
    if (input.kind === 'server' && !(input.dnsNames?.length)) throw new ApiError('VALIDATION_FAILED', 'A server needs at least one DNS name');
    const id = randomUUID();
    const now = this.clock().toISOString();
    const masked = idNumber ? maskIdNumber(idNumber) : null;
    const row = {
      id,
      kind: input.kind,
      name: input.name.trim(),
      organisation: input.organisation?.trim() || null,
      org_unit: input.orgUnit?.trim() || null,
      province: input.province?.trim() || null,
      city: input.city?.trim() || null,
      id_type: input.kind === 'person' ? input.idType ?? null : null,
      id_number_sealed: idNumber ? this.pii.seal(Buffer.from(idNumber, 'utf8'), `subject-id:${id}`) : null,
      id_number_masked: masked,
      id_number_index: idNumber ? this.pii.index(idNumber, 'subject-id') : null,
      credit_code: input.kind === 'organisation' ? input.creditCode ?? null : null,
      email: input.email?.trim() || null,
      phone: input.phone?.trim() || null,
      dns_names: JSON.stringify(input.dnsNames ?? []),
      search_text: [input.name, input.organisation, input.creditCode, masked, ...(input.dnsNames ?? [])].filter(Boolean).join(' ').toLowerCase(),
      created_by: actor,
      created_at: now,
    };
    await this.knex.transaction(async trx => {
      if (row.id_number_index && (await trx('ca_subjects').where({ id_number_index: row.id_number_index }).first()))
        throw new ApiError('CONFLICT', 'A person with this identity number is already registered');
      if (row.credit_code && (await trx('ca_subjects').where({ credit_code: row.credit_code, kind: 'organisation' }).first()))
        throw new ApiError('CONFLICT', 'An organisation with this credit code is already registered');
      await trx('ca_subjects').insert(row);
      await this.audit.append(trx, { actor, action: 'ca.subject.create', targetType: 'subject', targetId: id, outcome: 'success', details: { kind: input.kind, name: row.name } });
    });
    return toSubject(row);
  }

  /** Subjects matching `q` (name, organisation, credit code, masked number, DNS name). */
  async search(q?: string, kind?: SubjectKind): Promise<Subject[]> {
    const query = this.knex('ca_subjects').orderBy('created_at', 'desc').limit(200);
    if (kind) query.where({ kind });
    if (q) whereContains(query, 'search_text', q);
    return (await query).map(toSubject);
  }

  /** One subject, masked. */
  async get(id: string, trx: Knex | Knex.Transaction = this.knex): Promise<Subject> {
    return toSubject(await this.row(id, trx));
  }

  private async row(id: string, trx: Knex | Knex.Transaction) {
    const row = await trx('ca_subjects').where({ id }).first();
    if (!row) throw new ApiError('NOT_FOUND', `Subject ${id} not found`);
    return row;
  }

  /** One subject with its identity number opened, for building certificates. */
  async record(id: string, trx: Knex | Knex.Transaction = this.knex): Promise<SubjectRecord> {
    const row = await this.row(id, trx);
    const idNumber = row.id_number_sealed ? Buffer.from(this.pii.open(row.id_number_sealed, `subject-id:${id}`)).toString('utf8') : undefined;
    return { ...toSubject(row), idNumber };
  }
}

/** The distinguished name certificates of `s` carry (most significant first). */
export function subjectName(s: Subject): NameAttribute[] {
  const attrs: NameAttribute[] = [{ type: 'C', value: 'CN' }];
  if (s.province) attrs.push({ type: 'ST', value: s.province });
  if (s.city) attrs.push({ type: 'L', value: s.city });
  const o = s.kind === 'organisation' ? s.name : s.organisation;
  if (o) attrs.push({ type: 'O', value: o });
  if (s.orgUnit) attrs.push({ type: 'OU', value: s.orgUnit });
  attrs.push({ type: 'CN', value: s.name });
  return attrs;
}

/** DER of {@link subjectName}. */
export const subjectNameDer = (s: Subject) => encodeName(subjectName(s));

function toSubject(row: any): Subject {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    organisation: row.organisation ?? undefined,
    orgUnit: row.org_unit ?? undefined,
    province: row.province ?? undefined,
    city: row.city ?? undefined,
    idType: row.id_type ?? undefined,
    idNumberMasked: row.id_number_masked ?? undefined,
    creditCode: row.credit_code ?? undefined,
    email: row.email ?? undefined,
    phone: row.phone ?? undefined,
    dnsNames: JSON.parse(row.dns_names || '[]'),
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
