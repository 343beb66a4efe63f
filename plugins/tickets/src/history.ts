import type { TicketEvent } from '@yinxin/plugin-tickets-common';
import { shortRef } from './ticketRefs';

/** Ids of the history messages in `messages.ts`. */
export type EventMessageId =
  | 'evCreate'
  | 'evAssign'
  | 'evAutoAssign'
  | 'evUnassign'
  | 'evTransition'
  | 'evTransitionNote'
  | 'evReply'
  | 'evNote'
  | 'evUpdate'
  | 'evMerge'
  | 'evMergeIn'
  | 'evAttach'
  | 'evEscalate'
  | 'evSlaWarning'
  | 'evOther';

/** Translators the history needs for the values inside an event. */
export interface EventLabels {
  /** A lifecycle state id → its label. */
  state(state: string): string;
  /** A channel id → its label. */
  channel(channel: string): string;
  /** A ticket field name (title, priority…) → its label. */
  field(field: string): string;
}

/** One line of a ticket's history: a message id and its parameters, already translated. */
export interface EventText {
  id: EventMessageId;
  params: Record<string, string>;
}

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  return v === undefined || v === null ? '' : String(v);
}

/** Describes a ticket event (as stored by the backend's TicketService) for the history list. */
export function eventText(ev: TicketEvent, labels: EventLabels): EventText {
  const d = ev.details ?? {};
  switch (ev.type) {
    case 'create':
      return { id: 'evCreate', params: { channel: labels.channel(str(d.channel)) } };
    case 'assign':
      if (!ev.to) return { id: 'evUnassign', params: {} };
      return { id: d.auto ? 'evAutoAssign' : 'evAssign', params: { to: shortRef(ev.to) } };
    case 'transition': {
      const params = { from: labels.state(str(ev.from)), to: labels.state(str(ev.to)), note: str(d.note) };
      return { id: params.note ? 'evTransitionNote' : 'evTransition', params };
    }
    case 'reply':
      return { id: 'evReply', params: {} };
    case 'note':
      return { id: 'evNote', params: {} };
    case 'update': {
      const fields = Array.isArray(d.fields) ? d.fields.map(f => labels.field(str(f))) : [];
      return { id: 'evUpdate', params: { fields: fields.join('、') } };
    }
    case 'merge':
      return { id: 'evMerge', params: { into: str(d.into) } };
    case 'merge-in':
      return { id: 'evMergeIn', params: { from: str(d.from) } };
    case 'attach':
      return { id: 'evAttach', params: { file: str(ev.to) } };
    case 'escalate':
      return { id: 'evEscalate', params: {} };
    case 'sla-warning':
      return { id: 'evSlaWarning', params: {} };
    default:
      return { id: 'evOther', params: { type: ev.type } };
  }
}
