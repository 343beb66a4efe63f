import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';

/** What the unlock service needs to know about a ticket. */
export interface TicketFacts {
  id: number;
  number: string;
  category: string;
  state: string;
  requesterName: string;
}

/** Reads tickets of the tickets plugin. */
export interface TicketLookup {
  /** The ticket, or undefined when it does not exist. */
  get(id: string): Promise<TicketFacts | undefined>;
}

/** Reads tickets over the tickets plugin's API as this plugin (service-to-service auth). */
export class HttpTicketLookup implements TicketLookup {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async get(id: string): Promise<TicketFacts | undefined> {
    if (!/^\d{1,10}$/.test(id)) return undefined;
    const base = await this.discovery.getBaseUrl('tickets');
    const { token } = await this.auth.getPluginRequestToken({ onBehalfOf: await this.auth.getOwnServiceCredentials(), targetPluginId: 'tickets' });
    const res = await fetch(`${base}/tickets/${id}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`tickets API answered ${res.status}`);
    const t = ((await res.json()) as { ticket: TicketFacts }).ticket;
    return { id: t.id, number: t.number, category: t.category, state: t.state, requesterName: t.requesterName };
  }
}
