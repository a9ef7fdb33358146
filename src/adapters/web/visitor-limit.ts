import type { Clock } from "../../core/policy/clock.js";
import { LruMap } from "../../core/intake/keyed-queue.js";

/** A token bucket per visitor: a burst, then so many a minute (the public API's guard against floods). */
export class VisitorLimit {
  private readonly buckets = new LruMap<string, { tokens: number; at: number }>(100_000);

  constructor(
    private readonly clock: Clock,
    private readonly perMinute: number,
    private readonly burst: number,
  ) {}

  /** true when the visitor may send now (and a token is taken) */
  take(visitorId: string): boolean {
    const now = this.clock.now().getTime();
    const b = this.buckets.get(visitorId) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 60_000) * this.perMinute);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(visitorId, b);
    return ok;
  }
}
