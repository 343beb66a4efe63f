import { ID_TYPES, IdType, SubjectInput, SubjectKind, creditCodeProblem, isValidResidentId, normaliseCreditCode } from '@yinxin/plugin-ca-common';

/** The new-subject form, as typed. Which fields apply depends on the kind. */
export interface SubjectForm {
  kind: SubjectKind;
  name: string;
  organisation: string;
  orgUnit: string;
  province: string;
  city: string;
  idType: IdType | '';
  idNumber: string;
  creditCode: string;
  phone: string;
  email: string;
  /** DNS names of a server, separated by commas, spaces or new lines. */
  dnsNames: string;
}

/** An empty form for a person with a resident identity card. */
export const EMPTY_SUBJECT_FORM: SubjectForm = {
  kind: 'person',
  name: '',
  organisation: '',
  orgUnit: '',
  province: '',
  city: '',
  idType: 'resident-id',
  idNumber: '',
  creditCode: '',
  phone: '',
  email: '',
  dnsNames: '',
};

/** The fields each kind of subject shows, in form order. */
export const SUBJECT_FIELDS: Record<SubjectKind, readonly (keyof SubjectForm)[]> = {
  person: ['name', 'organisation', 'orgUnit', 'idType', 'idNumber', 'phone', 'email', 'province', 'city'],
  organisation: ['name', 'creditCode', 'orgUnit', 'phone', 'email', 'province', 'city'],
  server: ['name', 'dnsNames', 'organisation', 'orgUnit', 'province', 'city'],
};

/** Why a field is invalid: a message id of `messages.ts`. */
export type SubjectFormProblem =
  | 'required'
  | 'tooLong'
  | 'creditCodeLength'
  | 'creditCodeCharacters'
  | 'creditCodeCheck'
  | 'residentIdInvalid'
  | 'idNumberFormat'
  | 'phoneFormat'
  | 'emailFormat'
  | 'dnsNameFormat';

const DNS_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The DNS names typed in the form, split and trimmed. */
export function splitDnsNames(text: string): string[] {
  return text
    .split(/[\s,，;；]+/)
    .map(s => s.trim().toLowerCase())
    .filter(Boolean);
}

/** Maximum lengths, as the backend's schema has them. */
const MAX: Partial<Record<keyof SubjectForm, number>> = { name: 64, organisation: 64, orgUnit: 64, province: 64, city: 64, email: 200 };

/** The problems of a form, by field; empty when it can be submitted. */
export function validateSubjectForm(form: SubjectForm): Partial<Record<keyof SubjectForm, SubjectFormProblem>> {
  const problems: Partial<Record<keyof SubjectForm, SubjectFormProblem>> = {};
  const fields = SUBJECT_FIELDS[form.kind];
  if (!form.name.trim()) problems.name = 'required';
  for (const key of fields) {
    const max = MAX[key];
    if (max && !problems[key] && form[key].trim().length > max) problems[key] = 'tooLong';
  }
  if (form.kind === 'person') {
    if (!form.organisation.trim()) problems.organisation = 'required';
    if (!form.idType) problems.idType = 'required';
    const id = form.idNumber.trim().toUpperCase();
    if (!id) problems.idNumber = 'required';
    else if (form.idType === 'resident-id' && !isValidResidentId(id)) problems.idNumber = 'residentIdInvalid';
    else if (!/^[0-9A-Z]{5,32}$/.test(id)) problems.idNumber = 'idNumberFormat';
  }
  if (form.kind === 'organisation') {
    const p = creditCodeProblem(form.creditCode);
    if (!form.creditCode.trim()) problems.creditCode = 'required';
    else if (p) problems.creditCode = p;
  }
  if (form.kind === 'server') {
    const names = splitDnsNames(form.dnsNames);
    if (names.length === 0) problems.dnsNames = 'required';
    else if (names.length > 20 || names.some(n => !DNS_NAME.test(n))) problems.dnsNames = 'dnsNameFormat';
  }
  if (fields.includes('phone') && form.phone.trim() && !/^[0-9+\- ]{5,32}$/.test(form.phone.trim())) problems.phone = 'phoneFormat';
  if (fields.includes('email') && form.email.trim() && !problems.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) problems.email = 'emailFormat';
  return problems;
}

/** The `POST /subjects` body of a valid form: only the fields of its kind, empty ones left out. */
export function subjectRequestBody(form: SubjectForm): SubjectInput {
  const fields = SUBJECT_FIELDS[form.kind];
  const opt = (key: keyof SubjectForm) => (fields.includes(key) && form[key].trim() ? form[key].trim() : undefined);
  const body: SubjectInput = {
    kind: form.kind,
    name: form.name.trim(),
    organisation: opt('organisation'),
    orgUnit: opt('orgUnit'),
    province: opt('province'),
    city: opt('city'),
    phone: opt('phone'),
    email: opt('email'),
  };
  if (form.kind === 'person') {
    body.idType = (ID_TYPES as readonly string[]).includes(form.idType) ? (form.idType as IdType) : undefined;
    body.idNumber = form.idNumber.trim().toUpperCase();
  }
  if (form.kind === 'organisation') body.creditCode = normaliseCreditCode(form.creditCode);
  if (form.kind === 'server') body.dnsNames = splitDnsNames(form.dnsNames);
  for (const key of Object.keys(body) as (keyof SubjectInput)[]) if (body[key] === undefined) delete body[key];
  return body;
}
