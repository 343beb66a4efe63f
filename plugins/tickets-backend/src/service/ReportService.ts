import { Knex } from 'knex';
import { OPEN_STATES, TicketState } from '@yinxin/plugin-tickets-common';

/** Volume, SLA attainment and backlog age, computed in the database. */
export class ReportService {
  constructor(
    private readonly knex: Knex,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Tickets created in [from, to) by channel and by category. */
  async volume(from: string, to: string) {
    // Stored instants are ISO strings with milliseconds, compared as text: bring the bounds to the
    // same form ('…00Z' would sort after '…00.000Z' and shift the range by up to a second).
    const lower = new Date(from).toISOString();
    const upper = new Date(to).toISOString();
    const base = () => this.knex('tickets').where('created_at', '>=', lower).where('created_at', '<', upper).whereNot('state', 'merged');
    const byChannel = await base().select('channel').count({ n: '*' }).groupBy('channel');
    const byCategory = await base().select('category').count({ n: '*' }).groupBy('category');
    return {
      from,
      to,
      byChannel: Object.fromEntries((byChannel as any[]).map(r => [r.channel, Number(r.n)])),
      byCategory: Object.fromEntries((byCategory as any[]).map(r => [r.category, Number(r.n)])),
    };
  }

  /**
   * SLA attainment of the tickets created in month `YYYY-MM`: for each clock, how many were met
   * on time, met late, are still open past due, and are open within time.
   */
  async slaMonth(month: string) {
    const [y, m] = month.split('-').map(Number);
    const from = new Date(Date.UTC(y, m - 1, 1) - 8 * 3_600_000).toISOString();
    const to = new Date(Date.UTC(y, m, 1) - 8 * 3_600_000).toISOString();
    const rows = await this.knex('tickets')
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .whereNot('state', 'merged')
      .select('response_due_at', 'response_met_at', 'plan_due_at', 'plan_met_at', 'paused_since', 'kind', 'priority');
    const now = this.clock().toISOString();
    const clock = (due: string, met: string | null, paused: string | null) =>
      met ? (met <= due ? 'onTime' : 'late') : !paused && now > due ? 'overdue' : 'pending';
    const summarise = (key: 'response' | 'plan') => {
      const counts = { onTime: 0, late: 0, overdue: 0, pending: 0 };
      for (const r of rows) counts[clock(r[`${key}_due_at`], r[`${key}_met_at`], r.paused_since)]++;
      const decided = counts.onTime + counts.late + counts.overdue;
      return { ...counts, attainment: decided ? counts.onTime / decided : null };
    };
    return { month, total: rows.length, response: summarise('response'), plan: summarise('plan') };
  }

  /** Open tickets by age: under 1 day, 1–2, 2–5, over 5 days. */
  async backlog() {
    const rows = await this.knex('tickets').whereIn('state', OPEN_STATES as TicketState[]).select('created_at');
    const now = this.clock().getTime();
    const buckets = { lt1d: 0, d1to2: 0, d2to5: 0, gt5d: 0 };
    for (const r of rows) {
      const days = (now - Date.parse(r.created_at)) / 86_400_000;
      if (days < 1) buckets.lt1d++;
      else if (days < 2) buckets.d1to2++;
      else if (days < 5) buckets.d2to5++;
      else buckets.gt5d++;
    }
    return { open: rows.length, buckets };
  }
}
