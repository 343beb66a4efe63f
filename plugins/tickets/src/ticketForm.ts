import { CATEGORIES, Category, KINDS, Kind, LinkedObject, PRIORITIES, Priority } from '@yinxin/plugin-tickets-common';

/** The values of the new-ticket form, as typed. */
export interface TicketForm {
  title: string;
  description: string;
  category: string;
  priority: string;
  kind: string;
  requesterName: string;
  requesterContact: string;
  organisation: string;
  /** Type of the optional linked object; empty for none. */
  linkType: '' | LinkedObject['type'];
  linkId: string;
}

/** An empty form: normal priority, an ordinary request, no link. */
export const EMPTY_TICKET_FORM: TicketForm = {
  title: '',
  description: '',
  category: '',
  priority: 'normal',
  kind: 'request',
  requesterName: '',
  requesterContact: '',
  organisation: '',
  linkType: '',
  linkId: '',
};

/** Maximum lengths, the same as the backend's schema. */
export const TICKET_FORM_MAX: Partial<Record<keyof TicketForm, number>> = {
  title: 200,
  description: 20_000,
  requesterName: 100,
  requesterContact: 200,
  organisation: 200,
  linkId: 128,
};

/** Why a field is invalid: a message id of `messages.ts`. */
export type TicketFormProblem = 'required' | 'tooLong' | 'linkIdMissing';

/** The problems of a form, by field; empty when it can be submitted. */
export function validateTicketForm(form: TicketForm): Partial<Record<keyof TicketForm, TicketFormProblem>> {
  const problems: Partial<Record<keyof TicketForm, TicketFormProblem>> = {};
  for (const key of ['title', 'requesterName'] as const) if (!form[key].trim()) problems[key] = 'required';
  if (!(CATEGORIES as readonly string[]).includes(form.category)) problems.category = 'required';
  for (const [key, max] of Object.entries(TICKET_FORM_MAX) as [keyof TicketForm, number][]) {
    if (!problems[key] && form[key].trim().length > max) problems[key] = 'tooLong';
  }
  if (form.linkType && !form.linkId.trim()) problems.linkId = 'linkIdMissing';
  if (!form.linkType && form.linkId.trim()) problems.linkType = 'required';
  return problems;
}

/** The `POST /tickets` body of a valid form: a phone ticket (the backend makes a requester's a web ticket). */
export function ticketRequestBody(form: TicketForm) {
  return {
    title: form.title.trim(),
    description: form.description,
    channel: 'phone' as const,
    category: form.category as Category,
    priority: ((PRIORITIES as readonly string[]).includes(form.priority) ? form.priority : 'normal') as Priority,
    kind: ((KINDS as readonly string[]).includes(form.kind) ? form.kind : 'request') as Kind,
    requesterName: form.requesterName.trim(),
    requesterContact: form.requesterContact.trim(),
    organisation: form.organisation.trim(),
    links: form.linkType && form.linkId.trim() ? [{ type: form.linkType, id: form.linkId.trim() }] : [],
  };
}
