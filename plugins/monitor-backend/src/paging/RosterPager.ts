import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { severityOfAlert, type Dispatch, type DispatchRequest } from '@yinxin/plugin-roster-common';
import type { AlertEvent, Severity } from '../alerts/engine';
import { pluginCaller, type PluginCall } from '../pluginCall';

/** Who was paged for an alert. */
export interface Page {
  dispatchId: string;
  personName: string;
  deadlineAt: string;
}

/** What the pager does. */
export interface PagerOptions {
  /** alert severities that page someone (default: critical only — a major alert such as a certificate near its end is a ticket, not a call-out) */
  severities?: readonly Severity[];
  /** where the engineer goes (default 数据中心) */
  location?: string;
}

/**
 * Pages the engineer on duty through the roster plugin's API: a firing alert (of a paging
 * severity) becomes a roster dispatch — the roster picks who is on duty now (on site first, then
 * on call) and sets the arrival deadline (2 h for a major incident, 4 h for an ordinary fault,
 * wall-clock, nights and holidays alike). The dispatch answers the alert's ticket when there is
 * one, so that the ticket, the dispatch and its arrival check-in are linked.
 */
export class RosterPager {
  readonly #call: PluginCall;

  constructor(
    discovery: DiscoveryService,
    auth: AuthService,
    private readonly options: PagerOptions = {},
  ) {
    this.#call = pluginCaller(discovery, auth, 'roster');
  }

  /** True when alerts of `severity` page someone. */
  pages(severity: Severity): boolean {
    return (this.options.severities ?? ['critical']).includes(severity);
  }

  /**
   * Dispatches the engineer on duty for a firing alert.
   * @throws when the roster refuses (nobody on duty, the roster plugin absent) — the caller notes it on the ticket
   */
  async page(event: AlertEvent, targetName: string, ticket?: { id: number; number: string }): Promise<Page> {
    const severity = severityOfAlert(event.severity);
    const request: DispatchRequest = {
      source: ticket ? { kind: 'ticket', ticketId: ticket.id } : { kind: 'alert', ruleId: event.ruleId, targetId: event.targetId },
      severity,
      summary: `[告警] ${targetName}：${event.message}`.slice(0, 500),
      location: this.options.location ?? '数据中心',
    };
    const r = await this.#call<Dispatch & { error?: { code: string; message: string } }>('POST', '/dispatches', request);
    if (r.status !== 200 && r.status !== 201) {
      throw new Error(`the roster refused to dispatch: HTTP ${r.status} ${r.body.error?.code ?? ''} ${r.body.error?.message ?? ''}`.trim());
    }
    return { dispatchId: r.body.id, personName: r.body.personName, deadlineAt: r.body.deadlineAt };
  }

  /** The ticket comment telling who was paged and by when they must arrive. */
  static note(page: Page, severity: Severity): string {
    const kind = severityOfAlert(severity) === 'major' ? '重大故障' : '一般故障';
    return `已派值班工程师 ${page.personName} 处理（${kind}，派工单 ${page.dispatchId}），须在 ${new Date(page.deadlineAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}（北京时间）前到场。`;
  }
}
