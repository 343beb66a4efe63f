/** Channels a ticket can arrive through (the contract's 电话、网页、邮件、即时通讯). */
export const CHANNELS = ['phone', 'web', 'email', 'im', 'alert', 'api'] as const;
/** A ticket channel. */
export type Channel = (typeof CHANNELS)[number];

/** Ticket categories of the electronic-signature service. */
export const CATEGORIES = [
  'cert-apply',
  'cert-renew-revoke',
  'key-recovery',
  'usbkey-unlock',
  'seal',
  'integration',
  'fault',
  'consult',
  'other',
] as const;
/** A ticket category. */
export type Category = (typeof CATEGORIES)[number];

/** Ticket priorities, most urgent first. */
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
/** A ticket priority. */
export type Priority = (typeof PRIORITIES)[number];

/** Ticket kinds: an ordinary request, or an item of a problem list (5-working-day target). */
export const KINDS = ['request', 'problem'] as const;
/** A ticket kind. */
export type Kind = (typeof KINDS)[number];

/** Lifecycle states. */
export const STATES = [
  'new',
  'acknowledged',
  'plan-given',
  'in-progress',
  'waiting',
  'resolved',
  'closed',
  'merged',
] as const;
/** A lifecycle state. */
export type TicketState = (typeof STATES)[number];

/**
 * Allowed transitions. `waiting` (waiting for the requester) pauses the SLA clocks; `merged` is
 * reached only through the merge action.
 */
export const TRANSITIONS: Record<TicketState, readonly TicketState[]> = {
  new: ['acknowledged', 'plan-given', 'in-progress', 'resolved', 'closed'],
  acknowledged: ['plan-given', 'in-progress', 'waiting', 'resolved', 'closed'],
  'plan-given': ['in-progress', 'waiting', 'resolved'],
  'in-progress': ['waiting', 'resolved'],
  waiting: ['acknowledged', 'plan-given', 'in-progress', 'resolved', 'closed'],
  resolved: ['closed', 'in-progress'],
  closed: ['in-progress'],
  merged: [],
};

/** True when a ticket may move from `from` to `to`. */
export function canTransition(from: TicketState, to: TicketState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States in which a ticket is open (counts toward load and backlog). */
export const OPEN_STATES: readonly TicketState[] = ['new', 'acknowledged', 'plan-given', 'in-progress', 'waiting'];

/** Chinese and English labels. */
export const LABELS = {
  channel: {
    phone: { zh: '电话', en: 'Phone' },
    web: { zh: '网页', en: 'Web' },
    email: { zh: '邮件', en: 'E-mail' },
    im: { zh: '即时通讯', en: 'IM' },
    alert: { zh: '监控告警', en: 'Alert' },
    api: { zh: '接口', en: 'API' },
  } as Record<Channel, { zh: string; en: string }>,
  category: {
    'cert-apply': { zh: '证书申请', en: 'Certificate application' },
    'cert-renew-revoke': { zh: '证书更新/吊销', en: 'Certificate renewal/revocation' },
    'key-recovery': { zh: '密钥恢复', en: 'Key recovery' },
    'usbkey-unlock': { zh: 'USB-key 解锁', en: 'USB-key unlock' },
    seal: { zh: '印章', en: 'Seal' },
    integration: { zh: '应用集成', en: 'Application integration' },
    fault: { zh: '故障', en: 'Fault' },
    consult: { zh: '咨询', en: 'Enquiry' },
    other: { zh: '其他', en: 'Other' },
  } as Record<Category, { zh: string; en: string }>,
  priority: {
    urgent: { zh: '紧急', en: 'Urgent' },
    high: { zh: '高', en: 'High' },
    normal: { zh: '普通', en: 'Normal' },
    low: { zh: '低', en: 'Low' },
  } as Record<Priority, { zh: string; en: string }>,
  state: {
    new: { zh: '新建', en: 'New' },
    acknowledged: { zh: '已受理', en: 'Acknowledged' },
    'plan-given': { zh: '已给出方案', en: 'Plan given' },
    'in-progress': { zh: '处理中', en: 'In progress' },
    waiting: { zh: '等待申请人', en: 'Waiting for requester' },
    resolved: { zh: '已解决', en: 'Resolved' },
    closed: { zh: '已关闭', en: 'Closed' },
    merged: { zh: '已合并', en: 'Merged' },
  } as Record<TicketState, { zh: string; en: string }>,
};

/** An object a ticket refers to. */
export interface LinkedObject {
  type: 'certificate' | 'seal' | 'host' | 'ticket' | 'alert';
  id: string;
}

/** SLA state of one clock. */
export interface SlaClock {
  /** Deadline as ISO instant. */
  dueAt: string;
  /** When the clock was met, if it was. */
  metAt: string | null;
  /** Breached: met late, or not met and past due. */
  breached: boolean;
}

/** A ticket as the API returns it. */
export interface Ticket {
  id: number;
  number: string;
  title: string;
  description: string;
  channel: Channel;
  category: Category;
  priority: Priority;
  kind: Kind;
  state: TicketState;
  requesterName: string;
  requesterContact: string;
  requesterRef: string | null;
  organisation: string;
  assignee: string | null;
  parentId: number | null;
  mergedInto: number | null;
  links: LinkedObject[];
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  sla: { response: SlaClock; plan: SlaClock; pausedSince: string | null; warnedAt: string | null; escalatedAt: string | null };
  /** Number of comments visible to the caller. */
  commentCount?: number;
}

/** A comment: a reply visible to the requester, or an internal note. */
export interface TicketComment {
  id: number;
  ticketId: number;
  author: string;
  body: string;
  internal: boolean;
  createdAt: string;
}

/** One entry of a ticket's history. */
export interface TicketEvent {
  id: number;
  ticketId: number;
  actor: string;
  type: string;
  from: string | null;
  to: string | null;
  at: string;
  details: Record<string, unknown>;
}

/** An attachment's metadata. */
export interface TicketAttachment {
  id: number;
  ticketId: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** A knowledge-base article. */
export interface KbArticle {
  id: number;
  title: string;
  body: string;
  category: Category;
  tags: string[];
  updatedAt: string;
  updatedBy: string;
}

/** A canned reply. */
export interface CannedReply {
  id: number;
  title: string;
  body: string;
}
