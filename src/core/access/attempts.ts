/**
 * Failed sign-ins, counted per login and per address over a window: past the limit, sign-in is refused until
 * the oldest failure leaves the window. Kept in memory — with several instances each counts its own, so the
 * limit a guesser meets is at most the instance count times this one.
 */
export class Attempts {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs = 15 * 60_000,
  ) {}

  blocked(keys: readonly string[], now: Date): boolean {
    return keys.some((k) => this.recent(k, now).length >= this.limit);
  }

  failed(keys: readonly string[], now: Date): void {
    for (const k of keys) this.failures.set(k, [...this.recent(k, now), now.getTime()]);
    // a long-running service forgets windows long past
    if (this.failures.size > 10_000) for (const [k] of this.failures) if (!this.recent(k, now).length) this.failures.delete(k);
  }

  cleared(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: Date): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now.getTime() - t < this.windowMs);
  }
}
