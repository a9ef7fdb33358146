import { inScope, type Principal } from "../core/access/access.js";
import type { FeedStore } from "../db/feed-store.js";

interface Listener {
  principal: Principal;
  send(properties: string[]): void;
}

/**
 * The live board: one reader per instance polls the event log (every `everyMs`) while anyone listens, and
 * tells each open board whose properties changed — a ping, never the content, which the board fetches again
 * with its own filters and rights.
 */
export class BoardFeed {
  private readonly listeners = new Set<Listener>();
  private last: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly store: FeedStore,
    private readonly everyMs = 1000,
    private readonly onError: (err: unknown) => void = () => {},
    /** told of every change seen, before the boards are (the board's shared answers are dropped) */
    private readonly onChange: () => void = () => {},
  ) {}

  listen(l: Listener): () => void {
    this.listeners.add(l);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), this.everyMs);
      this.timer.unref();
      // where the log stands now: what is written from here on is told
      void this.poll();
    }
    return () => {
      this.listeners.delete(l);
      if (!this.listeners.size) this.stop();
    };
  }

  get size(): number {
    return this.listeners.size;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.last = undefined;
  }

  private async poll(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      if (this.last === undefined) {
        this.last = await this.store.newest();
        return;
      }
      const rows = await this.store.since(this.last);
      if (!rows.length) return;
      this.last = rows[rows.length - 1]!.id;
      this.onChange();
      const changed = [...new Set(rows.map((r) => r.propertyId))];
      for (const l of this.listeners) {
        const theirs = changed.filter((p) => inScope(l.principal, p));
        if (theirs.length) l.send(theirs);
      }
    } catch (err) {
      this.onError(err);
    } finally {
      this.busy = false;
    }
  }
}
