import { createHash, randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import { ApiError, AuditLog, RealtimeHub, WorkingCalendar, whereContains } from '@yinxin/ops-node';
import {
  CATEGORIES,
  Category,
  Channel,
  Kind,
  LinkedObject,
  OPEN_STATES,
  Priority,
  Ticket,
  TicketAttachment,
  TicketComment,
  TicketEvent,
  TicketState,
  canTransition,
} from '@yinxin/plugin-tickets-common';
import { SlaPolicy, initialDeadlines, resumeDeadline } from '../sla/SlaPolicy';
import { AgentDirectory, pickAgent } from './assignment';
import { ticketMetrics } from './metrics';

/** Room of the live queue (all tickets). */
export const QUEUE_ROOM = 'tickets:queue';
/** Room of one ticket (presence and its changes). */
export const ticketRoom = (id: number) => `tickets:ticket:${id}`;

/** Input of {@link TicketService.create}. */
export interface NewTicket {
  title: string;
  description: string;
  channel: Channel;
  category: string;
  priority: Priority;
  kind: Kind;
  requesterName: string;
  requesterContact: string;
  requesterRef?: string | null;
  organisation: string;
  links?: LinkedObject[];
  parentId?: number | null;
  imConversation?: string | null;
  emailMessageId?: string | null;
  /** Create a public access code (web form) and return it once. */
  withAccessCode?: boolean;
  /** Assign automatically (default true). */
  autoAssign?: boolean;
}

/** Query of {@link TicketService.list}. */
export interface TicketQuery {
  states?: TicketState[];
  assignee?: string | null;
  category?: Category;
  priority?: Priority;
  requesterRef?: string;
  text?: string;
  breachedOnly?: boolean;
  limit?: number;
  offset?: number;
}

interface TicketRow {
  id: number;
  number: string;
  title: string;
  description: string;
  channel: Channel;
  category: Category;
  priority: Priority;
  kind: Kind;
  state: TicketState;
  requester_name: string;
  requester_contact: string;
  requester_ref: string | null;
  organisation: string;
  assignee: string | null;
  parent_id: number | null;
  merged_into: number | null;
  links: string;
  access_code_hash: string | null;
  im_conversation: string | null;
  email_message_id: string | null;
  created_at: string;
  updated_at: string;
  created_by: string;
  response_due_at: string;
  response_met_at: string | null;
  plan_due_at: string;
  plan_met_at: string | null;
  paused_since: string | null;
  warned_at: string | null;
  escalated_at: string | null;
  resolved_at: string | null;
  version: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The text the queue's search box looks in, lower-cased (stored in `tickets.search_text`). */
export const searchText = (t: { number: string; title: string; requesterName: string; organisation: string }) =>
  `${t.number} ${t.title} ${t.requesterName} ${t.organisation}`.toLowerCase();


/** Dependencies of {@link TicketService}. */
export interface TicketServiceOptions {
  knex: Knex;
  audit: AuditLog;
  calendar: () => Promise<WorkingCalendar>;
  policy: SlaPolicy;
  agents: AgentDirectory;
  hub?: RealtimeHub;
  clock?: () => Date;
  /** Business time before a deadline at which a warning is raised (ms). */
  warnBeforeMs?: number;
  /** Largest attachment in bytes. */
  maxAttachmentBytes?: number;
}

/**
 * The tickets domain: every change runs in one transaction with its history event and its audit
 * record, then is published to the live queue.
 */
export class TicketService {
  private readonly knex: Knex;
  private readonly audit: AuditLog;
  private readonly clock: () => Date;
  readonly maxAttachmentBytes: number;

  constructor(private readonly options: TicketServiceOptions) {
    this.knex = options.knex;
    this.audit = options.audit;
    this.clock = options.clock ?? (() => new Date());
    this.maxAttachmentBytes = options.maxAttachmentBytes ?? 10 * 1024 * 1024;
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private toTicket(row: TicketRow): Ticket {
    const now = this.clock().getTime();
    const clock = (dueAt: string, metAt: string | null) => ({
      dueAt,
      metAt,
      breached: metAt ? metAt > dueAt : !row.paused_since && now > Date.parse(dueAt),
    });
    return {
      id: row.id,
      number: row.number,
      title: row.title,
      description: row.description,
      channel: row.channel,
      category: row.category,
      priority: row.priority,
      kind: row.kind,
      state: row.state,
      requesterName: row.requester_name,
      requesterContact: row.requester_contact,
      requesterRef: row.requester_ref,
      organisation: row.organisation,
      assignee: row.assignee,
      parentId: row.parent_id,
      mergedInto: row.merged_into,
      links: JSON.parse(row.links),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      createdBy: row.created_by,
      sla: {
        response: clock(row.response_due_at, row.response_met_at),
        plan: clock(row.plan_due_at, row.plan_met_at),
        pausedSince: row.paused_since,
        warnedAt: row.warned_at,
        escalatedAt: row.escalated_at,
      },
    };
  }

  /**
   * The next number of the local (calendar time zone) day `localDay` ('YYYY-MM-DD'). One atomic
   * upsert, so that concurrent first tickets of a day do not both try to insert the counter row.
   */
  private async nextNumber(trx: Knex.Transaction, localDay: string): Promise<string> {
    const day = localDay.replace(/-/g, '');
    const [row] = await trx('ticket_counters')
      .insert({ day, last: 1 })
      .onConflict('day')
      .merge({ last: trx.raw('?? + 1', ['ticket_counters.last']) })
      .returning('last');
    const last = Number(typeof row === 'object' ? row.last : row);
    return `YX${day}${String(last).padStart(4, '0')}`;
  }

  private async event(
    trx: Knex.Transaction,
    ticketId: number,
    actor: string,
    type: string,
    from: string | null,
    to: string | null,
    details: Record<string, unknown> = {},
  ) {
    await trx('ticket_events').insert({
      ticket_id: ticketId,
      actor,
      type,
      from_value: from,
      to_value: to,
      at: this.now(),
      details: JSON.stringify(details),
    });
  }

  private async load(trx: Knex, id: number, lock = false): Promise<TicketRow> {
    let q = trx<TicketRow>('tickets').where({ id });
    if (lock) q = q.forUpdate();
    const row = await q.first();
    if (!row) throw new ApiError('NOT_FOUND', `Ticket ${id} not found`);
    return row as TicketRow;
  }

  private publish(ticket: Ticket, change: string) {
    this.options.hub?.publish(QUEUE_ROOM, 'ticket', { change, ticket });
    this.options.hub?.publish(ticketRoom(ticket.id), 'ticket', { change, ticket });
  }

  /** Open tickets and last assignment of each candidate agent, for fair assignment. */
  private async openLoad(
    trx: Knex,
    agentRefs: string[],
  ): Promise<Map<string, { open: number; lastAssignedAt: string | null }>> {
    const rows = await trx('tickets')
      .whereIn('assignee', agentRefs)
      .whereIn('state', OPEN_STATES as TicketState[])
      .select('assignee')
      .count({ n: '*' })
      .groupBy('assignee');
    const last = await trx('ticket_events')
      .where({ type: 'assign' })
      .whereIn('to_value', agentRefs)
      .select('to_value')
      .max({ at: 'at' })
      .groupBy('to_value');
    const load = new Map<string, { open: number; lastAssignedAt: string | null }>();
    for (const r of rows as any[]) load.set(String(r.assignee), { open: Number(r.n), lastAssignedAt: null });
    for (const r of last as any[]) {
      const entry = load.get(String(r.to_value)) ?? { open: 0, lastAssignedAt: null };
      entry.lastAssignedAt = String(r.at);
      load.set(String(r.to_value), entry);
    }
    return load;
  }

  /** Creates a ticket; returns it and, when asked, its one-time public access code. */
  async create(input: NewTicket, actor: string): Promise<{ ticket: Ticket; accessCode?: string }> {
    if (!(CATEGORIES as readonly string[]).includes(input.category)) {
      throw new ApiError('UNKNOWN_CATEGORY', `Unknown category '${input.category}'`, { allowed: CATEGORIES });
    }
    const calendar = await this.options.calendar();
    const createdAt = this.clock();
    const { responseDueAt, planDueAt } = initialDeadlines(calendar, this.options.policy, {
      priority: input.priority,
      kind: input.kind,
      createdAt,
    });
    const agents = input.autoAssign === false ? [] : await this.options.agents.onDuty(createdAt);
    const accessCode = input.withAccessCode ? randomBytes(9).toString('base64url') : undefined;
    const row = await this.knex.transaction(async trx => {
      if (input.parentId) await this.load(trx, input.parentId);
      const number = await this.nextNumber(trx, calendar.localDay(createdAt));
      const assignee = agents.length
        ? pickAgent(agents, input.category as Category, await this.openLoad(trx, agents.map(a => a.ref)))
        : null;
      const [inserted] = await trx('tickets')
        .insert({
          number,
          title: input.title,
          search_text: searchText({ number, title: input.title, requesterName: input.requesterName, organisation: input.organisation }),
          description: input.description,
          channel: input.channel,
          category: input.category,
          priority: input.priority,
          kind: input.kind,
          state: 'new',
          requester_name: input.requesterName,
          requester_contact: input.requesterContact,
          requester_ref: input.requesterRef ?? null,
          organisation: input.organisation,
          assignee,
          parent_id: input.parentId ?? null,
          merged_into: null,
          links: JSON.stringify(input.links ?? []),
          access_code_hash: accessCode ? sha256(accessCode) : null,
          im_conversation: input.imConversation ?? null,
          email_message_id: input.emailMessageId ?? null,
          created_at: createdAt.toISOString(),
          updated_at: createdAt.toISOString(),
          created_by: actor,
          response_due_at: responseDueAt.toISOString(),
          plan_due_at: planDueAt.toISOString(),
          version: 1,
        })
        .returning('id');
      const id = typeof inserted === 'object' ? inserted.id : inserted;
      await this.event(trx, id, actor, 'create', null, 'new', { channel: input.channel });
      if (assignee) await this.event(trx, id, 'system', 'assign', null, assignee, { auto: true });
      await this.audit.append(trx, {
        actor,
        action: 'ticket.create',
        targetType: 'ticket',
        targetId: number,
        outcome: 'success',
        details: { channel: input.channel, category: input.category, priority: input.priority, assignee },
      });
      return this.load(trx, id);
    });
    const ticket = this.toTicket(row);
    ticketMetrics.created.inc({ channel: ticket.channel, category: ticket.category });
    this.publish(ticket, 'created');
    return { ticket, accessCode };
  }

  /** One ticket. */
  async get(id: number): Promise<Ticket> {
    return this.toTicket(await this.load(this.knex, id));
  }

  /** Finds a ticket by number and public access code (web-form requesters). */
  async getByAccessCode(number: string, code: string): Promise<Ticket | undefined> {
    const row = await this.knex<TicketRow>('tickets').where({ number }).first();
    if (!row || !row.access_code_hash || row.access_code_hash !== sha256(code)) return undefined;
    return this.toTicket(row as TicketRow);
  }

  /** The open ticket of an IM conversation, if any. */
  async findOpenByConversation(conversation: string): Promise<Ticket | undefined> {
    const row = await this.knex<TicketRow>('tickets')
      .where({ im_conversation: conversation })
      .whereIn('state', OPEN_STATES as TicketState[])
      .orderBy('id', 'desc')
      .first();
    return row ? this.toTicket(row as TicketRow) : undefined;
  }

  /** True when an e-mail with this Message-ID was already ingested. */
  async hasEmail(messageId: string): Promise<boolean> {
    return !!(await this.knex('tickets').where({ email_message_id: messageId }).first());
  }

  /** Lists tickets, newest first, with the total count. */
  async list(query: TicketQuery): Promise<{ items: Ticket[]; total: number }> {
    const base = this.knex<TicketRow>('tickets').where(q => {
      if (query.states?.length) q.whereIn('state', query.states);
      if (query.assignee !== undefined) {
        if (query.assignee === null) q.whereNull('assignee');
        else q.where('assignee', query.assignee);
      }
      if (query.category) q.where('category', query.category);
      if (query.priority) q.where('priority', query.priority);
      if (query.requesterRef) q.where('requester_ref', query.requesterRef);
      if (query.text) {
        // Case-insensitive on both engines: search_text and the pattern are lower-cased. SQLite has
        // no default LIKE escape character; name it so that % and _ match literally.
        whereContains(q, 'search_text', query.text);
      }
      if (query.breachedOnly) {
        // Overdue open tickets; a paused clock (waiting for the requester) is not overdue.
        const now = this.now();
        q.whereIn('state', ['new', 'acknowledged', 'plan-given', 'in-progress']).whereNull('paused_since').where(w =>
          w
            .where(x => x.whereNull('response_met_at').where('response_due_at', '<', now))
            .orWhere(x => x.whereNull('plan_met_at').where('plan_due_at', '<', now)),
        );
      }
    });
    const [{ n }] = await base.clone().count({ n: '*' });
    const rows = await base
      .clone()
      .orderBy('id', 'desc')
      .limit(Math.min(query.limit ?? 50, 200))
      .offset(query.offset ?? 0);
    return { items: (rows as TicketRow[]).map(r => this.toTicket(r)), total: Number(n) };
  }

  /** Comments of a ticket; internal notes only when asked. */
  async comments(id: number, includeInternal: boolean): Promise<TicketComment[]> {
    const rows = await this.knex('ticket_comments')
      .where({ ticket_id: id })
      .modify(q => {
        if (!includeInternal) q.where({ internal: false });
      })
      .orderBy('id');
    return rows.map((r: any) => ({
      id: r.id,
      ticketId: r.ticket_id,
      author: r.author,
      body: r.body,
      internal: Boolean(r.internal),
      createdAt: r.created_at,
    }));
  }

  /** History of a ticket. */
  async events(id: number): Promise<TicketEvent[]> {
    const rows = await this.knex('ticket_events').where({ ticket_id: id }).orderBy('id');
    return rows.map(r => ({
      id: r.id,
      ticketId: r.ticket_id,
      actor: r.actor,
      type: r.type,
      from: r.from_value,
      to: r.to_value,
      at: r.at,
      details: JSON.parse(r.details),
    }));
  }

  /** Moves a ticket to `to`, applying the SLA effects of the move. */
  async transition(id: number, to: TicketState, actor: string, note?: string): Promise<Ticket> {
    const calendar = await this.options.calendar();
    const row = await this.knex.transaction(async trx => {
      const current = await this.load(trx, id, true);
      if (!canTransition(current.state, to)) {
        throw new ApiError('ILLEGAL_TRANSITION', `Cannot move ticket ${current.number} from ${current.state} to ${to}`, {
          from: current.state,
          to,
        });
      }
      const now = this.clock();
      const iso = now.toISOString();
      const patch: Partial<TicketRow> = { state: to, updated_at: iso, version: current.version + 1 };
      if (current.state === 'waiting' && current.paused_since) {
        const since = new Date(current.paused_since);
        if (!current.response_met_at)
          patch.response_due_at = resumeDeadline(calendar, new Date(current.response_due_at), since, now).toISOString();
        if (!current.plan_met_at)
          patch.plan_due_at = resumeDeadline(calendar, new Date(current.plan_due_at), since, now).toISOString();
        patch.paused_since = null;
      }
      if (to === 'waiting') patch.paused_since = iso;
      if (to !== 'new' && to !== 'waiting' && !current.response_met_at) patch.response_met_at = iso;
      if (['plan-given', 'resolved', 'closed'].includes(to) && !current.plan_met_at) patch.plan_met_at = iso;
      if (to === 'resolved') patch.resolved_at = iso;
      if (to === 'in-progress' && (current.state === 'resolved' || current.state === 'closed')) patch.resolved_at = null;
      await trx('tickets').where({ id }).update(patch);
      await this.event(trx, id, actor, 'transition', current.state, to, note ? { note } : {});
      if (note) {
        await trx('ticket_comments').insert({ ticket_id: id, author: actor, body: note, internal: false, created_at: iso });
      }
      await this.audit.append(trx, {
        actor,
        action: 'ticket.transition',
        targetType: 'ticket',
        targetId: current.number,
        outcome: 'success',
        details: { from: current.state, to },
      });
      return this.load(trx, id);
    });
    const ticket = this.toTicket(row);
    ticketMetrics.transitions.inc({ to });
    this.publish(ticket, 'transition');
    return ticket;
  }

  /** Adds a reply (visible to the requester) or an internal note. */
  async comment(id: number, body: string, internal: boolean, actor: string, byRequester = false): Promise<TicketComment> {
    const result = await this.knex.transaction(async trx => {
      const current = await this.load(trx, id, true);
      if (current.state === 'merged') throw new ApiError('ILLEGAL_TRANSITION', `Ticket ${current.number} was merged`);
      const iso = this.now();
      const [inserted] = await trx('ticket_comments')
        .insert({ ticket_id: id, author: actor, body, internal, created_at: iso })
        .returning('id');
      const commentId = typeof inserted === 'object' ? inserted.id : inserted;
      const patch: Partial<TicketRow> = { updated_at: iso, version: current.version + 1 };
      // A staff reply to the requester is the first response.
      if (!internal && !byRequester && !current.response_met_at) patch.response_met_at = iso;
      await trx('tickets').where({ id }).update(patch);
      await this.event(trx, id, actor, internal ? 'note' : 'reply', null, null, { commentId });
      await this.audit.append(trx, {
        actor,
        action: internal ? 'ticket.note' : 'ticket.reply',
        targetType: 'ticket',
        targetId: current.number,
        outcome: 'success',
        details: { commentId, byRequester },
      });
      return { commentId, row: await this.load(trx, id) };
    });
    const ticket = this.toTicket(result.row);
    this.publish(ticket, internal ? 'note' : 'reply');
    return (await this.comments(id, true)).find(c => c.id === result.commentId)!;
  }

  /** Assigns to `assignee` (or unassigns with null; `auto` picks fairly). */
  async assign(id: number, assignee: string | null | 'auto', actor: string): Promise<Ticket> {
    const agents = assignee === 'auto' ? await this.options.agents.onDuty(this.clock()) : [];
    const row = await this.knex.transaction(async trx => {
      const current = await this.load(trx, id, true);
      if (!OPEN_STATES.includes(current.state))
        throw new ApiError('ILLEGAL_TRANSITION', `Ticket ${current.number} is ${current.state}; reopen it first`);
      let target: string | null = assignee === 'auto' ? null : assignee;
      if (assignee === 'auto') {
        if (!agents.length) throw new ApiError('CONFLICT', 'No agent is on duty');
        target = pickAgent(agents, current.category, await this.openLoad(trx, agents.map(a => a.ref)));
      }
      await trx('tickets').where({ id }).update({ assignee: target, updated_at: this.now(), version: current.version + 1 });
      await this.event(trx, id, actor, 'assign', current.assignee, target, { auto: assignee === 'auto' });
      await this.audit.append(trx, {
        actor,
        action: 'ticket.assign',
        targetType: 'ticket',
        targetId: current.number,
        outcome: 'success',
        details: { from: current.assignee, to: target },
      });
      return this.load(trx, id);
    });
    const ticket = this.toTicket(row);
    this.publish(ticket, 'assign');
    return ticket;
  }

  /** Changes editable fields. */
  async update(
    id: number,
    fields: Partial<Pick<Ticket, 'title' | 'category' | 'priority' | 'kind' | 'organisation' | 'links'>>,
    actor: string,
  ): Promise<Ticket> {
    if (fields.category && !(CATEGORIES as readonly string[]).includes(fields.category))
      throw new ApiError('UNKNOWN_CATEGORY', `Unknown category '${fields.category}'`);
    const row = await this.knex.transaction(async trx => {
      const current = await this.load(trx, id, true);
      const patch: Record<string, unknown> = { updated_at: this.now(), version: current.version + 1 };
      if (fields.title !== undefined) patch.title = fields.title;
      if (fields.category !== undefined) patch.category = fields.category;
      if (fields.priority !== undefined) patch.priority = fields.priority;
      if (fields.kind !== undefined) patch.kind = fields.kind;
      if (fields.organisation !== undefined) patch.organisation = fields.organisation;
      if (fields.title !== undefined || fields.organisation !== undefined) {
        patch.search_text = searchText({
          number: current.number,
          title: fields.title ?? current.title,
          requesterName: current.requester_name,
          organisation: fields.organisation ?? current.organisation,
        });
      }
      if (fields.links !== undefined) patch.links = JSON.stringify(fields.links);
      await trx('tickets').where({ id }).update(patch);
      await this.event(trx, id, actor, 'update', null, null, { fields: Object.keys(fields) });
      await this.audit.append(trx, {
        actor,
        action: 'ticket.update',
        targetType: 'ticket',
        targetId: current.number,
        outcome: 'success',
        details: { fields: JSON.parse(JSON.stringify(fields)) },
      });
      return this.load(trx, id);
    });
    const ticket = this.toTicket(row);
    this.publish(ticket, 'update');
    return ticket;
  }

  /** Merges `sourceId` into `targetId`: the source becomes `merged`, its comments stay readable. */
  async merge(sourceId: number, targetId: number, actor: string): Promise<Ticket> {
    if (sourceId === targetId) throw new ApiError('VALIDATION_FAILED', 'Cannot merge a ticket into itself');
    const rows = await this.knex.transaction(async trx => {
      const source = await this.load(trx, sourceId, true);
      const target = await this.load(trx, targetId, true);
      if (source.state === 'merged' || target.state === 'merged')
        throw new ApiError('ILLEGAL_TRANSITION', 'A merged ticket cannot take part in another merge');
      const iso = this.now();
      await trx('tickets').where({ id: sourceId }).update({ state: 'merged', merged_into: targetId, updated_at: iso, version: source.version + 1 });
      const links = JSON.parse(target.links) as LinkedObject[];
      links.push({ type: 'ticket', id: source.number });
      await trx('tickets').where({ id: targetId }).update({ links: JSON.stringify(links), updated_at: iso, version: target.version + 1 });
      await this.event(trx, sourceId, actor, 'merge', source.state, 'merged', { into: target.number });
      await this.event(trx, targetId, actor, 'merge-in', null, null, { from: source.number });
      await this.audit.append(trx, {
        actor,
        action: 'ticket.merge',
        targetType: 'ticket',
        targetId: source.number,
        outcome: 'success',
        details: { into: target.number },
      });
      return [await this.load(trx, sourceId), await this.load(trx, targetId)];
    });
    this.publish(this.toTicket(rows[0]), 'merged');
    const target = this.toTicket(rows[1]);
    this.publish(target, 'update');
    return target;
  }

  /** Stores an attachment after checking its size. */
  async attach(
    id: number,
    file: { filename: string; contentType: string; content: Buffer },
    actor: string,
  ): Promise<TicketAttachment> {
    if (file.content.length === 0) throw new ApiError('VALIDATION_FAILED', 'Empty attachment');
    if (file.content.length > this.maxAttachmentBytes)
      throw new ApiError('PAYLOAD_TOO_LARGE', `Attachment larger than ${this.maxAttachmentBytes} bytes`);
    const digest = createHash('sha256').update(file.content).digest('hex');
    const attachmentId = await this.knex.transaction(async trx => {
      const current = await this.load(trx, id, true);
      const iso = this.now();
      const [inserted] = await trx('ticket_attachments')
        .insert({
          ticket_id: id,
          filename: file.filename,
          content_type: file.contentType,
          size: file.content.length,
          sha256: digest,
          content: file.content,
          uploaded_by: actor,
          uploaded_at: iso,
        })
        .returning('id');
      const newId = typeof inserted === 'object' ? inserted.id : inserted;
      await this.event(trx, id, actor, 'attach', null, file.filename, { attachmentId: newId, size: file.content.length });
      await this.audit.append(trx, {
        actor,
        action: 'ticket.attach',
        targetType: 'ticket',
        targetId: current.number,
        outcome: 'success',
        details: { filename: file.filename, size: file.content.length, sha256: digest },
      });
      return newId as number;
    });
    return (await this.attachments(id)).find(a => a.id === attachmentId)!;
  }

  /** Attachment metadata of a ticket. */
  async attachments(id: number): Promise<TicketAttachment[]> {
    const rows = await this.knex('ticket_attachments')
      .where({ ticket_id: id })
      .select('id', 'ticket_id', 'filename', 'content_type', 'size', 'sha256', 'uploaded_by', 'uploaded_at')
      .orderBy('id');
    return rows.map(r => ({
      id: r.id,
      ticketId: r.ticket_id,
      filename: r.filename,
      contentType: r.content_type,
      size: Number(r.size),
      sha256: r.sha256,
      uploadedBy: r.uploaded_by,
      uploadedAt: r.uploaded_at,
    }));
  }

  /** One attachment's content. */
  async attachmentContent(id: number, attachmentId: number) {
    const row = await this.knex('ticket_attachments').where({ id: attachmentId, ticket_id: id }).first();
    if (!row) throw new ApiError('NOT_FOUND', 'Attachment not found');
    return { filename: row.filename as string, contentType: row.content_type as string, content: Buffer.from(row.content) };
  }

  /**
   * Raises warnings for tickets whose next deadline is near and escalates breached ones to the
   * support lead (and on-duty engineers). Run every minute by the scheduler; idempotent.
   */
  async slaSweep(): Promise<{ warned: string[]; escalated: string[] }> {
    const now = this.clock();
    const iso = now.toISOString();
    const calendar = await this.options.calendar();
    const warnBefore = this.options.warnBeforeMs ?? 4 * 3_600_000;
    const rows = (await this.knex<TicketRow>('tickets')
      .whereIn('state', ['new', 'acknowledged', 'plan-given', 'in-progress'])
      .whereNull('paused_since')
      .where(q => q.whereNull('response_met_at').orWhereNull('plan_met_at'))) as TicketRow[];
    const warned: string[] = [];
    const escalated: string[] = [];
    for (const row of rows) {
      const dues = [
        row.response_met_at ? undefined : row.response_due_at,
        row.plan_met_at ? undefined : row.plan_due_at,
      ].filter((d): d is string => !!d);
      const next = dues.sort()[0];
      if (!next) continue;
      const breached = Date.parse(next) < now.getTime();
      if (breached && !row.escalated_at) {
        await this.knex.transaction(async trx => {
          await trx('tickets').where({ id: row.id }).update({ escalated_at: iso, updated_at: iso });
          await this.event(trx, row.id, 'system', 'escalate', null, null, { dueAt: next });
          await this.audit.append(trx, { actor: 'plugin:tickets', action: 'ticket.escalate', targetType: 'ticket', targetId: row.number, outcome: 'success', details: { dueAt: next } });
        });
        escalated.push(row.number);
        ticketMetrics.escalations.inc();
        const ticket = this.toTicket({ ...row, escalated_at: iso });
        this.options.hub?.publish('tickets:escalations', 'escalation', { ticket, dueAt: next });
        this.publish(ticket, 'escalated');
      } else if (!breached && !row.warned_at && calendar.businessMillisBetween(now, new Date(next)) <= warnBefore) {
        await this.knex.transaction(async trx => {
          await trx('tickets').where({ id: row.id }).update({ warned_at: iso });
          await this.event(trx, row.id, 'system', 'sla-warning', null, null, { dueAt: next });
          await this.audit.append(trx, { actor: 'plugin:tickets', action: 'ticket.sla-warning', targetType: 'ticket', targetId: row.number, outcome: 'success', details: { dueAt: next } });
        });
        warned.push(row.number);
        ticketMetrics.warnings.inc();
        this.publish(this.toTicket({ ...row, warned_at: iso }), 'sla-warning');
      }
    }
    return { warned, escalated };
  }
}
