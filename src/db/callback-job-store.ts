import type { CallbackChange, DueCallback } from "../core/callbacks/callback-reminders.js";
import type { OutboxRecord } from "../core/ports.js";
import { VISIT_NATURES } from "../core/ticket/domain.js";
import { workerTitle } from "../core/conversation/text.js";
import type { HotPath } from "./hot-path.js";
import { placeText } from "./rows.js";
import { param, query } from "./sql/query.js";
import { readDate } from "./sql/values.js";

const due = query<Record<string, unknown>>((k) =>
  k
    .selectFrom("Callback as c")
    .innerJoin("Ticket as t", "t.id", "c.ticketId")
    .leftJoin("Staff as w", "w.id", "t.assigneeId")
    .select([
      "c.id",
      "c.kind",
      "c.remindCount",
      "c.dueAt",
      "c.nextAt",
      "c.stewardId",
      "t.id as ticketId",
      "t.number",
      "t.propertyId",
      "t.building",
      "t.unit",
      "t.roomNo",
      "t.location",
      "t.description",
      "t.phone",
      "t.completedAt",
      "t.nature",
      "w.name as worker",
    ])
    .where("c.nextAt", "<=", param("now"))
    .where("c.status", "=", "pending")
    .orderBy("c.nextAt")
    .orderBy("c.id")
    .limit(param("limit")),
);

/** The callback job's storage: due callbacks through the index on Callback.nextAt; each change only if unchanged since read. */
export class CallbackJobStore {
  constructor(private readonly hot: HotPath) {}

  async due(now: Date, limit: number): Promise<DueCallback[]> {
    const rows = await this.hot.db.all(due, { now, limit });
    const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
    return rows.map((r) => ({
      id: String(r.id),
      kind: r.kind as DueCallback["kind"],
      remindCount: Number(r.remindCount),
      dueAt: readDate(r.dueAt)!,
      nextAt: readDate(r.nextAt)!,
      stewardId: s(r.stewardId),
      ticket: {
        id: String(r.ticketId),
        number: String(r.number),
        propertyId: String(r.propertyId),
        place: placeText({ building: s(r.building), unit: s(r.unit), roomNo: s(r.roomNo), location: s(r.location) }),
        building: s(r.building),
        description: String(r.description),
        phone: s(r.phone),
        completedAt: readDate(r.completedAt),
        worker: r.worker === null ? null : VISIT_NATURES.includes(String(r.nature)) ? workerTitle(String(r.worker)) : String(r.worker),
      },
    }));
  }

  apply(changes: readonly CallbackChange[]): Promise<{ applied: number; outbox: OutboxRecord[] }> {
    return this.hot.db.transaction(async (tx) => {
      const outbox: OutboxRecord[] = [];
      let applied = 0;
      for (const c of changes) {
        if ((await this.hot.update(tx, "Callback", c.id, c.set, { status: "pending", remindCount: c.expect.remindCount })) !== 1) continue;
        await this.hot.records(tx, c);
        applied++;
        outbox.push(...c.outbox);
      }
      return { applied, outbox };
    });
  }
}
