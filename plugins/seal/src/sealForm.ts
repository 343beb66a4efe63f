import { cstDayEnd, cstDayOf } from '@yinxin/ops-react';
import { creditCodeProblem, normaliseCreditCode, type CreditCodeProblem } from '@yinxin/plugin-ca-common';
import { SEAL_TYPE_INFO, type KeyMode, type Seal, type SealTemplate, type SealTemplateKind, type SealType, type SealUsePolicy } from '@yinxin/plugin-seal-common';
import { userRefOf } from './queries';

/** The seal application form (申请印章, and 更换 of an existing seal), as typed. */
export interface SealForm {
  type: SealType;
  name: string;
  ownerName: string;
  /** unified social credit code (organisations) */
  ownerCode: string;
  keyMode: KeyMode;
  /** holder mode: the CA certificates of the holders' signing keys */
  certificateIds: string[];
  templateKind: SealTemplateKind;
  /** millimetres, as typed */
  sizeMm: string;
  /** text along the upper arc / the name; empty: the owner name */
  text: string;
  lowerText: string;
  /** the uploaded PNG (base64), when templateKind is upload */
  uploadPng: string;
  /** last day of validity, `YYYY-MM-DD` (China time) */
  validEnd: string;
  version: '4' | '1';
  /** user names or entity refs, separated by commas, spaces or new lines */
  holders: string;
  requireApproval: boolean;
  /** document types, separated by commas or new lines; empty: any */
  documentTypes: string;
  maxUsesPerApproval: string;
  approvalValidDays: string;
  note: string;
}

/** The horizontal text a template puts under the star, by seal type (专用章 name their use). */
const LOWER_TEXT: Partial<Record<SealType, string>> = {
  finance: '财务专用章',
  contract: '合同专用章',
  business: '业务专用章',
};

/** Sizes a template may be drawn at (millimetres), and the usual one. */
export const TEMPLATE_SIZES: Record<Exclude<SealTemplateKind, 'upload'>, { min: number; max: number; usual: number }> = {
  round: { min: 38, max: 45, usual: 42 },
  oval: { min: 30, max: 50, usual: 45 },
  square: { min: 15, max: 25, usual: 20 },
};

/** The form's size for a template kind: its usual size, none for an upload. */
export function templateSize(kind: SealTemplateKind): Pick<SealForm, 'sizeMm'> {
  return { sizeMm: kind === 'upload' ? '' : String(TEMPLATE_SIZES[kind].usual) };
}

/** The form's template fields for a seal type: its usual template, size and lower text. */
export function templateDefaults(type: SealType): Pick<SealForm, 'templateKind' | 'sizeMm' | 'lowerText'> {
  const kind = SEAL_TYPE_INFO[type].template;
  return { templateKind: kind, ...templateSize(kind), lowerText: LOWER_TEXT[type] ?? '' };
}

/** Validity a new seal gets unless changed: three years. */
export const DEFAULT_VALIDITY_YEARS = 3;

/** An empty form for an official seal with a server-held key, valid three years from `now`. */
export function emptySealForm(now: Date = new Date()): SealForm {
  const end = new Date(now);
  end.setUTCFullYear(end.getUTCFullYear() + DEFAULT_VALIDITY_YEARS);
  return {
    type: 'official',
    name: '',
    ownerName: '',
    ownerCode: '',
    keyMode: 'server',
    certificateIds: [],
    ...templateDefaults('official'),
    text: '',
    uploadPng: '',
    validEnd: cstDayOf(end),
    version: '4',
    holders: '',
    requireApproval: false,
    documentTypes: '',
    maxUsesPerApproval: '1',
    approvalValidDays: '7',
    note: '',
  };
}

/**
 * The form for a changed version (更换) of `seal`: everything as it is, so that only what
 * changes is typed. An uploaded impression must be uploaded again; validity starts anew.
 */
export function sealFormOf(seal: Seal, now: Date = new Date()): SealForm {
  const empty = emptySealForm(now);
  const t = seal.template;
  return {
    ...empty,
    type: seal.type,
    name: seal.name,
    ownerName: seal.ownerName,
    ownerCode: seal.ownerCode ?? '',
    keyMode: seal.keyMode,
    certificateIds: seal.keyMode === 'holder' ? seal.certificates.map(c => c.caCertificateId) : [],
    templateKind: t ? t.kind : 'upload',
    sizeMm: t ? String(t.sizeMm ?? TEMPLATE_SIZES[t.kind].usual) : '',
    text: t?.text ?? '',
    lowerText: t?.lowerText ?? '',
    version: seal.version === 1 ? '1' : '4',
    holders: holdersText(seal.holders),
    requireApproval: seal.usePolicy.requireApproval,
    documentTypes: seal.usePolicy.documentTypes.join(', '),
    maxUsesPerApproval: String(seal.usePolicy.maxUsesPerApproval ?? 1),
    approvalValidDays: String(seal.usePolicy.approvalValidDays ?? 7),
  };
}

/** Why a field is refused: a message id of `messages.ts`. */
export type SealFormProblem =
  | 'required'
  | 'tooLong'
  | CreditCodeProblem
  | 'certificatesRequired'
  | 'tooManyCertificates'
  | 'sizeRange'
  | 'uploadRequired'
  | 'validEndPast'
  | 'validEndTooFar'
  | 'dayFormat'
  | 'holderFormat'
  | 'documentTypesFormat'
  | 'usesRange'
  | 'daysRange';

/** The fields that can be refused. */
export type SealFormField = keyof SealForm;

/** Splits a list typed with commas (either width), semicolons, spaces or new lines. */
export function splitList(text: string, spaces = true): string[] {
  return text
    .split(spaces ? /[\s,，;；、]+/ : /[\n,，;；、]+/)
    .map(s => s.trim())
    .filter(Boolean);
}

/** True when `v` is a whole number from `min` to `max` (as typed). */
export const intIn = (v: string, min: number, max: number) => /^\d{1,4}$/.test(v.trim()) && Number(v) >= min && Number(v) <= max;

/** Whether a typed holder list is refused: at most 100 user names or user refs. */
export function holdersProblem(text: string): 'holderFormat' | undefined {
  const holders = splitList(text);
  return holders.length > 100 || holders.some(h => !userRefOf(h)) ? 'holderFormat' : undefined;
}

/** Holders as typed: user names of the default namespace, full refs of others. */
export function holdersText(refs: readonly string[]): string {
  return refs.map(h => h.replace(/^user:default\//, '')).join(', ');
}

/** The entity refs of a valid typed holder list, each once. */
export function holderRefs(text: string): string[] {
  return [...new Set(splitList(text).map(h => userRefOf(h)!))];
}

/** Whether a typed list of document types is refused: at most 20 of up to 64 characters. */
export function documentTypesProblem(text: string): 'documentTypesFormat' | undefined {
  const types = splitList(text, false);
  return types.length > 20 || types.some(t => t.length > 64) ? 'documentTypesFormat' : undefined;
}

/** The use policy of valid typed fields (the API's `PUT /seals/:id/policy` body). */
export function policyOfForm(form: Pick<SealForm, 'requireApproval' | 'documentTypes' | 'maxUsesPerApproval' | 'approvalValidDays'>): SealUsePolicy {
  return {
    requireApproval: form.requireApproval,
    documentTypes: [...new Set(splitList(form.documentTypes, false))],
    maxUsesPerApproval: Number(form.maxUsesPerApproval),
    approvalValidDays: Number(form.approvalValidDays),
  };
}

/** The owner of a seal type is an organisation (credit code) or a person (no personal data kept). */
export const isOrganisationType = (type: SealType) => SEAL_TYPE_INFO[type].owner === 'organisation';

/** The problems of a form, by field; empty when it can be submitted. `now` decides what is past. */
export function validateSealForm(form: SealForm, now: Date = new Date()): Partial<Record<SealFormField, SealFormProblem>> {
  const problems: Partial<Record<SealFormField, SealFormProblem>> = {};
  const text = (field: 'name' | 'ownerName' | 'text' | 'lowerText' | 'note', max: number, required = false) => {
    const v = form[field].trim();
    if (required && !v) problems[field] = 'required';
    else if (v.length > max) problems[field] = 'tooLong';
  };
  text('name', 64, true);
  text('ownerName', 64, true);
  text('note', 500);
  if (isOrganisationType(form.type) && form.ownerCode.trim()) {
    const p = creditCodeProblem(form.ownerCode);
    if (p) problems.ownerCode = p;
  }
  if (form.keyMode === 'holder') {
    if (form.certificateIds.length === 0) problems.certificateIds = 'certificatesRequired';
    else if (form.certificateIds.length > 20) problems.certificateIds = 'tooManyCertificates';
  }
  if (form.templateKind === 'upload') {
    if (!form.uploadPng) problems.uploadPng = 'uploadRequired';
  } else {
    const range = TEMPLATE_SIZES[form.templateKind];
    if (form.sizeMm.trim() && !intIn(form.sizeMm, range.min, range.max)) problems.sizeMm = 'sizeRange';
    text('text', 32);
    text('lowerText', 16);
  }
  const end = cstDayEnd(form.validEnd);
  if (!form.validEnd) problems.validEnd = 'required';
  else if (!end) problems.validEnd = 'dayFormat';
  else if (Date.parse(end) <= now.getTime()) problems.validEnd = 'validEndPast';
  else if (Date.parse(end) - now.getTime() > 10 * 365 * 86_400_000) problems.validEnd = 'validEndTooFar';
  const holders = holdersProblem(form.holders);
  if (holders) problems.holders = holders;
  const types = documentTypesProblem(form.documentTypes);
  if (types) problems.documentTypes = types;
  if (!intIn(form.maxUsesPerApproval, 1, 1000)) problems.maxUsesPerApproval = 'usesRange';
  if (!intIn(form.approvalValidDays, 1, 365)) problems.approvalValidDays = 'daysRange';
  return problems;
}

/** The body of `POST /seals` (or `/seals/:id/change`) of a valid form: empty fields left out. */
export function sealRequestBody(form: SealForm) {
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  let template: SealTemplate | undefined;
  if (form.templateKind !== 'upload') {
    template = { kind: form.templateKind };
    if (form.sizeMm.trim()) template.sizeMm = Number(form.sizeMm);
    if (opt(form.text)) template.text = opt(form.text);
    if (opt(form.lowerText)) template.lowerText = opt(form.lowerText);
  }
  const body = {
    type: form.type,
    name: form.name.trim(),
    ownerName: form.ownerName.trim(),
    ownerCode: isOrganisationType(form.type) && form.ownerCode.trim() ? normaliseCreditCode(form.ownerCode) : undefined,
    keyMode: form.keyMode,
    certificateIds: form.keyMode === 'holder' ? [...new Set(form.certificateIds)] : undefined,
    template,
    uploadPng: form.templateKind === 'upload' ? form.uploadPng : undefined,
    validEnd: cstDayEnd(form.validEnd)!,
    version: Number(form.version) as 1 | 4,
    usePolicy: policyOfForm(form),
    holders: holderRefs(form.holders),
    note: opt(form.note),
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as typeof body;
}

/**
 * The API path of a live impression preview for the form as filled in (`GET /preview.svg`), or
 * undefined when there is nothing to draw yet (an upload, no owner name, a size out of range).
 */
export function previewPath(form: Pick<SealForm, 'templateKind' | 'sizeMm' | 'text' | 'lowerText' | 'ownerName'>): string | undefined {
  if (form.templateKind === 'upload') return undefined;
  const ownerName = form.ownerName.trim();
  if (!ownerName) return undefined;
  const range = TEMPLATE_SIZES[form.templateKind];
  const size = Number(form.sizeMm);
  if (form.sizeMm.trim() && (!Number.isFinite(size) || size < range.min || size > range.max)) return undefined;
  const q = new URLSearchParams({ kind: form.templateKind, ownerName });
  if (form.sizeMm.trim()) q.set('sizeMm', String(size));
  if (form.text.trim()) q.set('text', form.text.trim());
  if (form.lowerText.trim() && form.templateKind !== 'square') q.set('lowerText', form.lowerText.trim());
  return `/preview.svg?${q.toString()}`;
}
