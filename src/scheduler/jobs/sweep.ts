import type { OutboxRecord } from "../../core/ports.js";
import type { Job } from "../scheduler.js";

const BATCH = 500;

/** What a due-driven job reads, decides and writes. */
export interface SweepParts<Row, Change> {
  /** the oldest due rows, through an index on their next-due column */
  due(now: Date, limit: number): Promise<Row[]>;
  plan(row: Row, now: Date): Promise<Change>;
  /** a last look at the batch's changes together, before they are written (e.g. one summary per person) */
  settle?(changes: Change[], now: Date): Change[];
  /** one transaction; a row changed meanwhile is skipped (so two runs never act twice) */
  apply(changes: Change[], now: Date): Promise<{ applied: number; outbox: OutboxRecord[] }>;
}

/** A job that works through everything due by `now`, batch by batch: a late tick catches up by itself. */
export function sweepJob<Row, Change>(
  name: string,
  schedule: string,
  /** what the count in the job's result is of ("tickets", "callbacks") */
  unit: string,
  parts: SweepParts<Row, Change>,
  offer: (rows: readonly OutboxRecord[]) => void,
): Job {
  return {
    name,
    schedule,
    async run(now) {
      let done = 0;
      let messages = 0;
      for (let round = 0; round < 1000; round++) {
        const due = await parts.due(now, BATCH);
        if (!due.length) break;
        const changes: Change[] = [];
        for (const row of due) changes.push(await parts.plan(row, now));
        const { applied, outbox } = await parts.apply(parts.settle ? parts.settle(changes, now) : changes, now);
        offer(outbox);
        done += applied;
        messages += outbox.length;
        // a batch that moved nothing would be read again as it is: stop until the next tick
        if (due.length < BATCH || !applied) break;
      }
      return { [unit]: done, messages };
    },
  };
}
