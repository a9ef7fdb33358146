import type { WriteSet } from "../core/ports.js";
import type { Database } from "./client.js";
import { writeAll } from "./write-set.js";

interface Pending {
  ws: WriteSet;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: every message's changes wait for the transaction in flight, then all that
 * arrived meanwhile are written in one transaction (one fsync). Each caller is answered
 * only after its own changes are durable. If a batch fails, its members are retried one
 * by one, so one bad message never takes others down with it.
 */
export class GroupCommitter {
  private pending: Pending[] = [];
  private flushing = false;
  /** batches written, and messages in them (for the benchmark) */
  readonly stats = { batches: 0, writes: 0 };

  constructor(
    private readonly db: Database,
    private readonly maxBatch = 500,
  ) {}

  commit(ws: WriteSet): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ws, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.maxBatch);
        try {
          await this.write(batch.map((p) => p.ws));
          for (const p of batch) p.resolve();
        } catch (err) {
          if (batch.length === 1) batch[0]!.reject(err);
          else for (const p of batch) await this.write([p.ws]).then(p.resolve, p.reject);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async write(sets: WriteSet[]): Promise<void> {
    await this.db.$transaction((tx) => writeAll(tx, sets), { maxWait: 60_000, timeout: 60_000 });
    this.stats.batches++;
    this.stats.writes += sets.length;
  }
}
