import type { DeadlineSweep } from "../../core/deadline-sweep.js";
import type { OutboxRecord } from "../../core/ports.js";
import type { DeadlineStore } from "../../db/deadline-store.js";
import type { Job } from "../scheduler.js";

const BATCH = 500;

/** Deadline sweep (SPEC §4): every ticket whose next deadline has come, in deadline order, batch by batch. */
export function deadlineJob(schedule: string, deps: { store: DeadlineStore; sweep: DeadlineSweep; offer(rows: readonly OutboxRecord[]): void }): Job {
  return {
    name: "deadlines",
    schedule,
    async run(now) {
      let tickets = 0;
      let messages = 0;
      // a batch whose tickets all changed meanwhile is read again; stop when a batch moves nothing
      for (let round = 0; round < 1000; round++) {
        const due = deps.store.due(now, BATCH);
        if (!due.length) break;
        const changes = [];
        for (const t of due) changes.push(await deps.sweep.plan(t, now));
        const { applied, outbox } = deps.store.apply(changes, now);
        deps.offer(outbox);
        tickets += applied;
        messages += outbox.length;
        if (due.length < BATCH || !applied) break;
      }
      return { tickets, messages };
    },
  };
}
