import { Knex } from 'knex';
import { ApiError, AuditLog } from '@yinxin/ops-node';
import type { CannedReply, Category, KbArticle } from '@yinxin/plugin-tickets-common';
import { likePattern } from '@yinxin/ops-node';

/** Knowledge-base articles (linked from tickets) and canned replies. */
export class KnowledgeService {
  constructor(
    private readonly knex: Knex,
    private readonly audit: AuditLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private toArticle(r: any): KbArticle {
    return { id: r.id, title: r.title, body: r.body, category: r.category, tags: JSON.parse(r.tags), updatedAt: r.updated_at, updatedBy: r.updated_by };
  }

  /** Articles, optionally filtered by text and category. */
  async listArticles(q: { text?: string; category?: Category }): Promise<KbArticle[]> {
    const rows = await this.knex('kb_articles')
      .modify(b => {
        if (q.category) b.where('category', q.category);
        if (q.text) {
          const like = likePattern(q.text.toLowerCase());
          // Name the escape character (SQLite has none by default); ignore case on both engines.
          b.where(w => w.whereRaw("lower(??) like ? escape '\\'", ['title', like]).orWhereRaw("lower(??) like ? escape '\\'", ['body', like]));
        }
      })
      .orderBy('id', 'desc')
      .limit(200);
    return rows.map((r: any) => this.toArticle(r));
  }

  /** One article. */
  async getArticle(id: number): Promise<KbArticle> {
    const r = await this.knex('kb_articles').where({ id }).first();
    if (!r) throw new ApiError('NOT_FOUND', `Article ${id} not found`);
    return this.toArticle(r);
  }

  /** Creates or updates an article. */
  async saveArticle(
    input: { id?: number; title: string; body: string; category: Category; tags: string[] },
    actor: string,
  ): Promise<KbArticle> {
    const iso = this.clock().toISOString();
    const id = await this.knex.transaction(async trx => {
      const values = { title: input.title, body: input.body, category: input.category, tags: JSON.stringify(input.tags), updated_at: iso, updated_by: actor };
      let articleId = input.id;
      if (articleId) {
        const n = await trx('kb_articles').where({ id: articleId }).update(values);
        if (!n) throw new ApiError('NOT_FOUND', `Article ${articleId} not found`);
      } else {
        const [inserted] = await trx('kb_articles').insert(values).returning('id');
        articleId = typeof inserted === 'object' ? inserted.id : inserted;
      }
      await this.audit.append(trx, { actor, action: input.id ? 'kb.update' : 'kb.create', targetType: 'kb-article', targetId: String(articleId), outcome: 'success', details: { title: input.title } });
      return articleId!;
    });
    return this.getArticle(id);
  }

  /** Links an article to a ticket. */
  async link(ticketId: number, articleId: number, actor: string): Promise<void> {
    await this.knex.transaction(async trx => {
      if (!(await trx('tickets').where({ id: ticketId }).first())) throw new ApiError('NOT_FOUND', `Ticket ${ticketId} not found`);
      if (!(await trx('kb_articles').where({ id: articleId }).first())) throw new ApiError('NOT_FOUND', `Article ${articleId} not found`);
      const exists = await trx('ticket_kb_links').where({ ticket_id: ticketId, article_id: articleId }).first();
      if (!exists) await trx('ticket_kb_links').insert({ ticket_id: ticketId, article_id: articleId });
      await this.audit.append(trx, { actor, action: 'ticket.kb-link', targetType: 'ticket', targetId: String(ticketId), outcome: 'success', details: { articleId } });
    });
  }

  /** Articles linked to a ticket. */
  async linkedArticles(ticketId: number): Promise<KbArticle[]> {
    const rows = await this.knex('kb_articles')
      .join('ticket_kb_links', 'kb_articles.id', 'ticket_kb_links.article_id')
      .where('ticket_kb_links.ticket_id', ticketId)
      .select('kb_articles.*');
    return rows.map((r: any) => this.toArticle(r));
  }

  /** Canned replies. */
  async listCanned(): Promise<CannedReply[]> {
    const rows = await this.knex('canned_replies').orderBy('title');
    return rows.map((r: any) => ({ id: r.id, title: r.title, body: r.body }));
  }

  /** Creates a canned reply. */
  async createCanned(input: { title: string; body: string }, actor: string): Promise<CannedReply> {
    return this.knex.transaction(async trx => {
      const [inserted] = await trx('canned_replies')
        .insert({ title: input.title, body: input.body, updated_at: this.clock().toISOString() })
        .returning('id');
      const id = typeof inserted === 'object' ? inserted.id : inserted;
      await this.audit.append(trx, { actor, action: 'canned.create', targetType: 'canned-reply', targetId: String(id), outcome: 'success', details: { title: input.title } });
      return { id, ...input };
    });
  }
}
