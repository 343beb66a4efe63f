/**
 * A token bucket per client: `perMinute` requests a minute on average, bursts up to `burst`
 * (default `perMinute`). Used for the public routes that cost CPU (signature verification,
 * signed answers) so that one anonymous client cannot take the portal's cores.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #burst: number;
  readonly #perMs: number;

  constructor(
    readonly perMinute: number,
    private readonly o: { burst?: number; maxClients?: number; clock?: () => number } = {},
  ) {
    if (!(perMinute > 0)) throw new RangeError('perMinute must be positive');
    this.#burst = Math.max(1, o.burst ?? perMinute);
    this.#perMs = perMinute / 60_000;
  }

  /**
   * Takes a token for `client`.
   * @returns 0 when allowed, else the seconds to wait before the next token
   */
  take(client: string): number {
    const now = (this.o.clock ?? Date.now)();
    let b = this.#buckets.get(client);
    if (b) {
      b.tokens = Math.min(this.#burst, b.tokens + (now - b.at) * this.#perMs);
      b.at = now;
      // keep the map in least-recently-used order
      this.#buckets.delete(client);
    } else {
      b = { tokens: this.#burst, at: now };
    }
    this.#buckets.set(client, b);
    if (this.#buckets.size > (this.o.maxClients ?? 10_000)) this.#buckets.delete(this.#buckets.keys().next().value!);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / this.#perMs / 1000);
  }
}
