import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import type { AlertEvent, Severity } from '../alerts/engine';
import { pluginCaller, type PluginCall } from '../pluginCall';

/** Ticket priority by alert severity. */
export const PRIORITY_OF: Record<Severity, 'urgent' | 'high' | 'normal' | 'low'> = { critical: 'urgent', major: 'high', minor: 'normal', info: 'low' };

/** A ticket the monitor opened. */
export interface AlertTicket {
  id: number;
  number: string;
}

/**
 * Turns alert events into tickets through the tickets plugin's API, as this plugin (service
 * credentials, channel `alert`, category `fault`): a firing alert opens a ticket; a repeated
 * announcement or a change adds a comment; a resolution comments and moves the ticket to
 * `resolved` (a ticket people already resolved or closed is left as it is).
 */
export class AlertTickets {
  readonly #call: PluginCall;

  constructor(discovery: DiscoveryService, auth: AuthService) {
    this.#call = pluginCaller(discovery, auth, 'tickets');
  }

  /** Opens the ticket of a firing alert. */
  async open(event: AlertEvent, targetName: string): Promise<AlertTicket> {
    const r = await this.#call<{ id: number; number: string; error?: { message: string } }>('POST', '/tickets', {
      title: `[告警] ${targetName}：${event.message}`.slice(0, 200),
      description: [`告警规则：${event.ruleId}`, `监控对象：${targetName}（${event.targetId}）`, `级别：${event.severity}`, `触发时间：${event.at}`, `说明：${event.message}`].join('\n'),
      channel: 'alert',
      category: 'fault',
      priority: PRIORITY_OF[event.severity],
      requesterName: '监控系统',
    });
    if (r.status !== 201) throw new Error(`the tickets API refused the alert ticket: HTTP ${r.status} ${r.body.error?.message ?? ''}`);
    return { id: r.body.id, number: r.body.number };
  }

  /** Adds a comment to the alert's ticket. */
  async note(ticketId: number, text: string): Promise<void> {
    const r = await this.#call('POST', `/tickets/${ticketId}/comments`, { body: text });
    if (r.status !== 201) throw new Error(`the tickets API refused a comment on ticket ${ticketId}: HTTP ${r.status}`);
  }

  /** Closes the loop: a comment, then `resolved` unless the ticket is already resolved or closed. */
  async resolve(ticketId: number, event: AlertEvent): Promise<void> {
    await this.note(ticketId, `告警已恢复（${event.at}）：${event.message}`);
    const current = await this.#call<{ state?: string; ticket?: { state: string } }>('GET', `/tickets/${ticketId}`);
    const state = current.body.ticket?.state ?? current.body.state;
    if (state === 'resolved' || state === 'closed' || state === 'merged') return;
    const r = await this.#call('POST', `/tickets/${ticketId}/transition`, { to: 'resolved', note: '监控告警已恢复，自动置为已解决' });
    if (r.status !== 200) throw new Error(`the tickets API refused to resolve ticket ${ticketId}: HTTP ${r.status}`);
  }
}
