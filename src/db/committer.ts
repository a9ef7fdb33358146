import type { WriteSet } from "../core/ports.js";

interface Pending {
  ws: WriteSet;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: the changes of every message that arrives in one turn of the event loop are
 * written in one transaction (one fsync); each caller is answered only after its own changes
 * are durable. If a batch fails, its members are retried one by one, so one bad message
 * (say, a redelivery refused by the unique key) never takes the others down with it.
 */
export class GroupCommitter {
  private pending: Pending[] = [];
  private scheduled = false;
  /** transactions written, and messages in them (for the benchmark) */
  readonly stats = { batches: 0, writes: 0 };

  constructor(private readonly writeAll: (sets: WriteSet[]) => Promise<void>) {}

  commit(ws: WriteSet): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ws, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    try {
      await this.write(batch.map((p) => p.ws));
      for (const p of batch) p.resolve();
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      for (const p of batch) {
        try {
          await this.write([p.ws]);
          p.resolve();
        } catch (e) {
          p.reject(e);
        }
      }
    }
  }

  private async write(sets: WriteSet[]): Promise<void> {
    await this.writeAll(sets);
    this.stats.batches++;
    this.stats.writes += sets.length;
  }
}
