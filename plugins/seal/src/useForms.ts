import type { Seal } from '@yinxin/plugin-seal-common';
import { intIn } from './sealForm';

/** A use request (用印申请) as typed. */
export interface RequestForm {
  sealId: string;
  documentType: string;
  documentName: string;
  purpose: string;
  uses: string;
}

/** Why a field of the use forms is refused: a message id of `messages.ts`. */
export type UseFormProblem = 'required' | 'tooLong' | 'usesRange' | 'useRequestRequired';

function textProblem(v: string, max: number): UseFormProblem | undefined {
  if (!v.trim()) return 'required';
  return v.trim().length > max ? 'tooLong' : undefined;
}

/** The problems of a use request for `seal`: all fields needed, uses within the seal's per-approval limit. */
export function requestFormProblems(form: RequestForm, seal: Seal | undefined): Partial<Record<keyof RequestForm, UseFormProblem>> {
  const problems: Partial<Record<keyof RequestForm, UseFormProblem>> = {};
  if (!seal) problems.sealId = 'required';
  const checks = [
    ['documentType', textProblem(form.documentType, 64)],
    ['documentName', textProblem(form.documentName, 255)],
    ['purpose', textProblem(form.purpose, 500)],
  ] as const;
  for (const [field, problem] of checks) if (problem) problems[field] = problem;
  if (!intIn(form.uses, 1, seal?.usePolicy.maxUsesPerApproval ?? 1)) problems.uses = 'usesRange';
  return problems;
}

/** The `POST /use-requests` body of a valid form. */
export function requestBody(form: RequestForm) {
  return { sealId: form.sealId, documentType: form.documentType.trim(), documentName: form.documentName.trim(), purpose: form.purpose.trim(), uses: Number(form.uses) };
}

/** A use (用印) as typed; the file is read separately. */
export interface SignForm {
  sealId: string;
  documentType: string;
  documentName: string;
  /** an approved use request of the user's, or empty */
  useRequestId: string;
  timestamp: boolean;
}

/** The problems of a use of `seal`: a document name and type, and an approval when the policy asks for one. */
export function signFormProblems(form: SignForm, seal: Seal | undefined): Partial<Record<keyof SignForm, UseFormProblem>> {
  const problems: Partial<Record<keyof SignForm, UseFormProblem>> = {};
  if (!seal) problems.sealId = 'required';
  const type = textProblem(form.documentType, 64);
  if (type) problems.documentType = type;
  const name = textProblem(form.documentName, 255);
  if (name) problems.documentName = name;
  if (seal?.usePolicy.requireApproval && !form.useRequestId) problems.useRequestId = 'useRequestRequired';
  return problems;
}

/** The `POST /seals/:id/sign` body for a valid form and the document's base64. Timestamps only on v4 seals. */
export function signBody(form: SignForm, data: string, seal: Pick<Seal, 'version'>) {
  return {
    data,
    documentName: form.documentName.trim(),
    documentType: form.documentType.trim(),
    ...(form.useRequestId ? { useRequestId: form.useRequestId } : {}),
    ...(form.timestamp && seal.version === 4 ? { timestamp: true } : {}),
  };
}
