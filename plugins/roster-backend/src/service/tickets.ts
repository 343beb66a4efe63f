import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';

/** What the roster needs to know of a ticket a dispatch answers. */
export interface TicketRef {
  id: number;
  number: string;
}

/** Looks tickets up in the tickets plugin. */
export interface TicketGateway {
  /**
   * The ticket, or null when the tickets plugin has no such ticket.
   * @throws Error when the tickets plugin cannot be asked
   */
  find(ticketId: number): Promise<TicketRef | null>;
}

/**
 * A {@link TicketGateway} over the tickets plugin's API (`GET /api/tickets/tickets/:id`), called
 * with this plugin's service credentials (`yinxin.tickets.ticket.read` is a service grant).
 */
export class HttpTicketGateway implements TicketGateway {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async find(ticketId: number): Promise<TicketRef | null> {
    const base = await this.discovery.getBaseUrl('tickets');
    const { token } = await this.auth.getPluginRequestToken({ onBehalfOf: await this.auth.getOwnServiceCredentials(), targetPluginId: 'tickets' });
    const res = await fetch(`${base}/tickets/${ticketId}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`the tickets API answered HTTP ${res.status}`);
    const body = (await res.json()) as { ticket?: { id: number; number: string } };
    if (!body.ticket) throw new Error('the tickets API answered without a ticket');
    return { id: body.ticket.id, number: body.ticket.number };
  }
}
