import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import {
  ApiError,
  ApiRouter,
  AuditLog,
  RealtimeHub,
  RouteContext,
  parseInput,
  readRawBody,
  registerAuditRoutes,
} from '@yinxin/ops-node';
import {
  CATEGORIES,
  KINDS,
  PRIORITIES,
  STATES,
  Ticket,
  cannedReadPermission,
  kbReadPermission,
  kbWritePermission,
  reportReadPermission,
  ticketAdminPermission,
  ticketAssignPermission,
  ticketCommentOwnPermission,
  ticketCommentPermission,
  ticketCreateOwnPermission,
  ticketCreatePermission,
  ticketMergePermission,
  ticketNotePermission,
  ticketReadOwnPermission,
  ticketReadPermission,
  ticketTransitionPermission,
  ticketUpdatePermission,
} from '@yinxin/plugin-tickets-common';
import { KnowledgeService } from './KnowledgeService';
import { ReportService } from './ReportService';
import { TicketService, ticketRoom } from './TicketService';
import { PUBLIC_FORM_JS, publicFormHtml } from '../public/publicForm';

const text = (max: number) => z.string().trim().min(1).max(max);
/**
 * Largest row id: ids are `increments` columns, 32-bit on PostgreSQL, where a larger value in a
 * query is an error (500) rather than no row. SQLite has no such limit; both engines must agree.
 */
const MAX_ID = 2_147_483_647;
const rowId = () => z.number().int().positive().max(MAX_ID);
const linkSchema = z.object({ type: z.enum(['certificate', 'seal', 'host', 'ticket', 'alert']), id: text(128) });
// Category is checked by the service so that an unknown one gets its own error code.
const newTicketSchema = z.object({
  title: text(200),
  description: z.string().max(20_000).default(''),
  channel: z.enum(['phone', 'web', 'email', 'im', 'alert', 'api']).default('phone'),
  category: z.string().max(64),
  priority: z.enum(PRIORITIES).default('normal'),
  kind: z.enum(KINDS).default('request'),
  requesterName: text(100),
  requesterContact: z.string().trim().max(200).default(''),
  organisation: z.string().trim().max(200).default(''),
  links: z.array(linkSchema).max(20).default([]),
  parentId: rowId().nullable().optional(),
});
const idParam = (v: string) => {
  const id = Number(v);
  if (!Number.isSafeInteger(id) || id <= 0 || id > MAX_ID) throw new ApiError('VALIDATION_FAILED', `Invalid id '${v}'`);
  return id;
};

/** Dependencies of {@link registerTicketRoutes}. */
export interface TicketRoutesDeps {
  tickets: TicketService;
  knowledge: KnowledgeService;
  reports: ReportService;
  audit: AuditLog;
  hub?: RealtimeHub;
  /** Shared secret of the IM webhook (HMAC-SHA256 of the body); the webhook is off without it. */
  imWebhookSecret?: string;
}

/** Registers every route of the tickets API. */
export function registerTicketRoutes(api: ApiRouter, deps: TicketRoutesDeps): void {
  const { tickets, knowledge, reports, audit, hub } = deps;

  /** Loads a ticket the caller may see: all with read, their own with read-own. */
  async function visibleTicket(ctx: RouteContext, id: number): Promise<Ticket> {
    const ticket = await tickets.get(id);
    if (ctx.granted(ticketReadPermission)) return ticket;
    if (ctx.userRef && ticket.requesterRef === ctx.userRef) return ticket;
    throw new ApiError('NOT_FOUND', `Ticket ${id} not found`);
  }

  api.route(
    { method: 'get', path: '/tickets', access: { permissions: [ticketReadPermission, ticketReadOwnPermission] } },
    async ctx => {
      const q = parseInput(
        z.object({
          state: z.union([z.enum(STATES), z.array(z.enum(STATES))]).optional(),
          assignee: z.string().max(255).optional(),
          category: z.enum(CATEGORIES).optional(),
          priority: z.enum(PRIORITIES).optional(),
          q: z.string().max(100).optional(),
          breached: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
          offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
        }),
        ctx.req.query,
      );
      const states = q.state === undefined ? undefined : Array.isArray(q.state) ? q.state : [q.state];
      return tickets.list({
        states,
        assignee: q.assignee === undefined ? undefined : q.assignee === 'none' ? null : q.assignee === 'me' ? ctx.userRef ?? null : q.assignee,
        category: q.category,
        priority: q.priority,
        text: q.q,
        breachedOnly: q.breached === 'true',
        limit: q.limit,
        offset: q.offset,
        requesterRef: ctx.granted(ticketReadPermission) ? undefined : ctx.userRef ?? '-',
      });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/tickets',
      access: { permissions: [ticketCreatePermission, ticketCreateOwnPermission] },
      sampleBody: { title: 'probe', category: 'consult', requesterName: 'probe' },
    },
    async ctx => {
      const input = parseInput(newTicketSchema, ctx.req.body);
      const onBehalf = ctx.granted(ticketCreatePermission);
      const { ticket } = await tickets.create(
        {
          ...input,
          channel: onBehalf ? input.channel : 'web',
          requesterRef: onBehalf ? null : ctx.userRef ?? null,
        },
        ctx.actor,
      );
      return { status: 201, body: ticket };
    },
  );

  api.route(
    { method: 'get', path: '/tickets/:id', access: { permissions: [ticketReadPermission, ticketReadOwnPermission] } },
    async ctx => {
      const ticket = await visibleTicket(ctx, idParam(ctx.req.params.id));
      const internal = ctx.granted(ticketReadPermission);
      const [comments, attachments, articles] = await Promise.all([
        tickets.comments(ticket.id, internal),
        tickets.attachments(ticket.id),
        knowledge.linkedArticles(ticket.id),
      ]);
      return {
        ticket,
        comments,
        attachments,
        articles,
        events: internal ? await tickets.events(ticket.id) : [],
        viewers: internal && hub ? hub.viewers(ticketRoom(ticket.id)) : [],
      };
    },
  );

  api.route(
    { method: 'patch', path: '/tickets/:id', access: { permissions: [ticketUpdatePermission] }, sampleBody: { priority: 'high' } },
    async ctx => {
      const fields = parseInput(
        z
          .object({
            title: text(200).optional(),
            category: z.string().max(64).optional(),
            priority: z.enum(PRIORITIES).optional(),
            kind: z.enum(KINDS).optional(),
            organisation: z.string().trim().max(200).optional(),
            links: z.array(linkSchema).max(20).optional(),
          })
          .strict(),
        ctx.req.body,
      );
      return tickets.update(idParam(ctx.req.params.id), fields as never, ctx.actor);
    },
  );

  api.route(
    { method: 'post', path: '/tickets/:id/transition', access: { permissions: [ticketTransitionPermission] }, sampleBody: { to: 'acknowledged' } },
    async ctx => {
      const { to, note } = parseInput(
        z.object({ to: z.enum(STATES).refine(s => s !== 'merged', 'use the merge action'), note: z.string().max(20_000).optional() }),
        ctx.req.body,
      );
      return tickets.transition(idParam(ctx.req.params.id), to, ctx.actor, note?.trim() || undefined);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/tickets/:id/comments',
      access: { permissions: [ticketCommentPermission, ticketNotePermission, ticketCommentOwnPermission] },
      sampleBody: { body: 'probe' },
    },
    async ctx => {
      const { body, internal } = parseInput(z.object({ body: text(20_000), internal: z.boolean().default(false) }), ctx.req.body);
      const id = idParam(ctx.req.params.id);
      if (internal && !ctx.granted(ticketNotePermission))
        throw new ApiError('FORBIDDEN', 'Missing permission: yinxin.tickets.ticket.note');
      if (!internal && !ctx.granted(ticketCommentPermission)) {
        const ticket = await visibleTicket(ctx, id);
        if (!ctx.granted(ticketCommentOwnPermission) || ticket.requesterRef !== ctx.userRef)
          throw new ApiError('FORBIDDEN', 'Missing permission: yinxin.tickets.ticket.comment');
        return { status: 201, body: await tickets.comment(id, body, false, ctx.actor, true) };
      }
      return { status: 201, body: await tickets.comment(id, body, internal, ctx.actor) };
    },
  );

  api.route(
    { method: 'post', path: '/tickets/:id/assign', access: { permissions: [ticketAssignPermission] }, sampleBody: { assignee: null } },
    async ctx => {
      const { assignee } = parseInput(
        // The assignee column holds 255 characters.
        z.object({ assignee: z.union([z.literal('auto'), z.string().max(255).regex(/^user:[a-z0-9-]+\/[A-Za-z0-9._-]+$/), z.null()]) }),
        ctx.req.body,
      );
      return tickets.assign(idParam(ctx.req.params.id), assignee, ctx.actor);
    },
  );

  api.route(
    { method: 'post', path: '/tickets/:id/merge', access: { permissions: [ticketMergePermission] }, sampleBody: { into: 1 } },
    async ctx => {
      const { into } = parseInput(z.object({ into: rowId() }), ctx.req.body);
      return tickets.merge(idParam(ctx.req.params.id), into, ctx.actor);
    },
  );

  api.route(
    { method: 'post', path: '/tickets/:id/split', access: { permissions: [ticketMergePermission] }, sampleBody: { title: 'probe' } },
    async ctx => {
      const input = parseInput(z.object({ title: text(200), description: z.string().max(20_000).default('') }), ctx.req.body);
      const source = await tickets.get(idParam(ctx.req.params.id));
      const { ticket } = await tickets.create(
        {
          title: input.title,
          description: input.description,
          channel: source.channel,
          category: source.category,
          priority: source.priority,
          kind: source.kind,
          requesterName: source.requesterName,
          requesterContact: source.requesterContact,
          requesterRef: source.requesterRef,
          organisation: source.organisation,
          links: [{ type: 'ticket', id: source.number }],
        },
        ctx.actor,
      );
      return { status: 201, body: ticket };
    },
  );

  api.route(
    { method: 'post', path: '/tickets/:id/subtasks', access: { permissions: [ticketUpdatePermission] }, sampleBody: { title: 'probe' } },
    async ctx => {
      const input = parseInput(z.object({ title: text(200), description: z.string().max(20_000).default('') }), ctx.req.body);
      const parent = await tickets.get(idParam(ctx.req.params.id));
      const { ticket } = await tickets.create(
        {
          title: input.title,
          description: input.description,
          channel: parent.channel,
          category: parent.category,
          priority: parent.priority,
          kind: parent.kind,
          requesterName: parent.requesterName,
          requesterContact: parent.requesterContact,
          requesterRef: parent.requesterRef,
          organisation: parent.organisation,
          parentId: parent.id,
        },
        ctx.actor,
      );
      return { status: 201, body: ticket };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/tickets/:id/attachments',
      // A file keeps its own type: a .json log must not be parsed as a request body.
      rawBody: true,
      access: { permissions: [ticketCommentPermission, ticketCommentOwnPermission] },
    },
    async ctx => {
      const id = idParam(ctx.req.params.id);
      if (!ctx.granted(ticketCommentPermission)) await visibleTicket(ctx, id);
      const filename = decodeURIComponent(String(ctx.req.headers['x-filename'] ?? '')).trim();
      if (!filename || filename.length > 255 || /[\\/\u0000-\u001f]/.test(filename))
        throw new ApiError('VALIDATION_FAILED', 'X-Filename header with a plain file name is required');
      const contentType = String(ctx.req.headers['content-type'] ?? 'application/octet-stream').slice(0, 100);
      const content = await readRawBody(ctx.req, tickets.maxAttachmentBytes);
      return { status: 201, body: await tickets.attach(id, { filename, contentType, content }, ctx.actor) };
    },
  );

  api.route(
    { method: 'get', path: '/tickets/:id/attachments/:attachmentId', access: { permissions: [ticketReadPermission, ticketReadOwnPermission] } },
    async ctx => {
      const ticket = await visibleTicket(ctx, idParam(ctx.req.params.id));
      const file = await tickets.attachmentContent(ticket.id, idParam(ctx.req.params.attachmentId));
      ctx.res.setHeader('Content-Type', 'application/octet-stream');
      ctx.res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
      ctx.res.setHeader('X-Content-Type-Options', 'nosniff');
      ctx.res.send(file.content);
      return undefined;
    },
  );

  api.route(
    { method: 'post', path: '/tickets/:id/kb', access: { permissions: [ticketUpdatePermission] }, sampleBody: { articleId: 1 } },
    async ctx => {
      const { articleId } = parseInput(z.object({ articleId: rowId() }), ctx.req.body);
      await knowledge.link(idParam(ctx.req.params.id), articleId, ctx.actor);
      return { ok: true };
    },
  );

  api.route({ method: 'get', path: '/kb', access: { permissions: [kbReadPermission] } }, async ctx => {
    const q = parseInput(z.object({ q: z.string().max(100).optional(), category: z.enum(CATEGORIES).optional() }), ctx.req.query);
    return { items: await knowledge.listArticles({ text: q.q, category: q.category }) };
  });
  api.route({ method: 'get', path: '/kb/:id', access: { permissions: [kbReadPermission] } }, async ctx =>
    knowledge.getArticle(idParam(ctx.req.params.id)),
  );
  const articleSchema = z.object({ title: text(200), body: text(100_000), category: z.enum(CATEGORIES), tags: z.array(text(40)).max(20).default([]) });
  api.route(
    { method: 'post', path: '/kb', access: { permissions: [kbWritePermission] }, sampleBody: { title: 'probe', body: 'probe', category: 'consult' } },
    async ctx => ({ status: 201, body: await knowledge.saveArticle(parseInput(articleSchema, ctx.req.body), ctx.actor) }),
  );
  api.route(
    { method: 'put', path: '/kb/:id', access: { permissions: [kbWritePermission] }, sampleBody: { title: 'probe', body: 'probe', category: 'consult' } },
    async ctx => knowledge.saveArticle({ ...parseInput(articleSchema, ctx.req.body), id: idParam(ctx.req.params.id) }, ctx.actor),
  );

  api.route({ method: 'get', path: '/canned', access: { permissions: [cannedReadPermission] } }, async () => ({
    items: await knowledge.listCanned(),
  }));
  api.route(
    { method: 'post', path: '/canned', access: { permissions: [kbWritePermission] }, sampleBody: { title: 'probe', body: 'probe' } },
    async ctx => ({
      status: 201,
      body: await knowledge.createCanned(parseInput(z.object({ title: text(200), body: text(20_000) }), ctx.req.body), ctx.actor),
    }),
  );

  const range = z.object({ from: z.string().datetime(), to: z.string().datetime() });
  api.route({ method: 'get', path: '/reports/volume', access: { permissions: [reportReadPermission] } }, async ctx => {
    const { from, to } = parseInput(range, ctx.req.query);
    return reports.volume(from, to);
  });
  api.route({ method: 'get', path: '/reports/sla', access: { permissions: [reportReadPermission] } }, async ctx => {
    const { month } = parseInput(z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }), ctx.req.query);
    return reports.slaMonth(month);
  });
  api.route({ method: 'get', path: '/reports/backlog', access: { permissions: [reportReadPermission] } }, async () =>
    reports.backlog(),
  );

  api.route({ method: 'post', path: '/sla/sweep', access: { permissions: [ticketAdminPermission] } }, async () =>
    tickets.slaSweep(),
  );

  api.route({ method: 'get', path: '/public/form', access: { public: true } }, async ctx => {
    ctx.res.type('html').send(publicFormHtml());
    return undefined;
  });
  api.route({ method: 'get', path: '/public/form.js', access: { public: true } }, async ctx => {
    ctx.res.type('application/javascript').send(PUBLIC_FORM_JS);
    return undefined;
  });

  // Public web form: anyone may submit; the requester gets a number and an access code to follow it.
  api.route(
    {
      method: 'post',
      path: '/public/tickets',
      access: { public: true, throttled: true },
      sampleBody: { title: 'probe', category: 'consult', requesterName: 'probe', requesterContact: 'probe' },
    },
    async ctx => {
      const input = parseInput(
        newTicketSchema.pick({ title: true, description: true, category: true, requesterName: true, organisation: true }).extend({
          requesterContact: text(200),
        }),
        ctx.req.body,
      );
      const { ticket, accessCode } = await tickets.create(
        { ...input, channel: 'web', priority: 'normal', kind: 'request', requesterRef: ctx.userRef ?? null, withAccessCode: true },
        ctx.actor,
      );
      return { status: 201, body: { number: ticket.number, accessCode, response: ticket.sla.response.dueAt, plan: ticket.sla.plan.dueAt } };
    },
  );

  api.route({ method: 'get', path: '/public/tickets/:number', access: { public: true } }, async ctx => {
    const code = String(ctx.req.query.code ?? '');
    const ticket = code.length <= 64 ? await tickets.getByAccessCode(ctx.req.params.number.slice(0, 32), code) : undefined;
    if (!ticket) throw new ApiError('NOT_FOUND', 'No ticket with this number and access code');
    const comments = await tickets.comments(ticket.id, false);
    return {
      number: ticket.number,
      title: ticket.title,
      state: ticket.state,
      createdAt: ticket.createdAt,
      sla: { response: ticket.sla.response, plan: ticket.sla.plan },
      replies: comments.map(c => ({ body: c.body, at: c.createdAt, fromRequester: c.author === 'anonymous' })),
    };
  });

  // IM webhook: the IM gateway signs the raw JSON body with the shared secret.
  api.route(
    {
      method: 'post',
      path: '/public/im/webhook',
      access: { public: true },
      sampleBody: { conversationId: 'probe', from: 'probe', text: 'probe' },
    },
    async ctx => {
      if (!deps.imWebhookSecret) throw new ApiError('NOT_FOUND', 'IM webhook is not configured');
      const signature = String(ctx.req.headers['x-yinxin-signature'] ?? '');
      const expected = createHmac('sha256', deps.imWebhookSecret).update((ctx.req as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0)).digest('hex');
      if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected)))
        throw new ApiError('UNAUTHENTICATED', 'Bad webhook signature');
      const msg = parseInput(
        z.object({ conversationId: text(200), from: text(100), organisation: z.string().max(200).default(''), text: text(20_000) }),
        ctx.req.body,
      );
      const open = await tickets.findOpenByConversation(msg.conversationId);
      if (open) {
        await tickets.comment(open.id, msg.text, false, `im:${msg.from}`, true);
        return { ticket: open.number, appended: true };
      }
      const { ticket } = await tickets.create(
        {
          title: msg.text.split('\n')[0].slice(0, 80),
          description: msg.text,
          channel: 'im',
          category: 'consult',
          priority: 'normal',
          kind: 'request',
          requesterName: msg.from,
          // The contact column holds 200 characters, as does the conversation id itself.
          requesterContact: `im:${msg.conversationId}`.slice(0, 200),
          organisation: msg.organisation,
          imConversation: msg.conversationId,
        },
        `im:${msg.from}`,
      );
      return { status: 201, body: { ticket: ticket.number, appended: false } };
    },
  );

  registerAuditRoutes(api, audit);
}
