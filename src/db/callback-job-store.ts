import type { CallbackChange, DueCallback } from "../core/callbacks/callback-reminders.js";
import type { OutboxRecord } from "../core/ports.js";
import { VISIT_NATURES } from "../core/ticket/domain.js";
import { workerTitle } from "../core/conversation/text.js";
import { ts, type SqliteHotPath } from "./hot-path.js";
import { placeText } from "./rows.js";

/** The callback job's storage: due callbacks through the index on Callback.nextAt; each change only if unchanged since read. */
export class CallbackJobStore {
  private readonly q;

  constructor(private readonly hot: SqliteHotPath) {
    const p = (sql: string) => hot.db.prepare(sql);
    this.q = {
      due: p(`SELECT c.id, c.kind, c.remindCount, c.dueAt, c.nextAt, c.stewardId, t.id AS ticketId, t.number, t.propertyId, t.building, t.unit, t.roomNo,
          t.location, t.description, t.phone, t.completedAt, t.nature, (SELECT name FROM Staff WHERE id = t.assigneeId) AS worker
        FROM Callback c JOIN Ticket t ON t.id = c.ticketId
        WHERE c.nextAt <= ? AND c.status = 'pending' ORDER BY c.nextAt LIMIT ?`),
    };
  }

  due(now: Date, limit: number): DueCallback[] {
    const rows = this.q.due.all(ts(now), limit) as Record<string, string | number | null>[];
    const s = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));
    return rows.map((r) => ({
      id: String(r.id),
      kind: r.kind as DueCallback["kind"],
      remindCount: Number(r.remindCount),
      dueAt: new Date(String(r.dueAt)),
      nextAt: new Date(String(r.nextAt)),
      stewardId: s(r.stewardId),
      ticket: {
        id: String(r.ticketId),
        number: String(r.number),
        propertyId: String(r.propertyId),
        place: placeText({ building: s(r.building), unit: s(r.unit), roomNo: s(r.roomNo), location: s(r.location) }),
        building: s(r.building),
        description: String(r.description),
        phone: s(r.phone),
        completedAt: r.completedAt ? new Date(String(r.completedAt)) : null,
        worker: r.worker === null ? null : VISIT_NATURES.includes(String(r.nature)) ? workerTitle(String(r.worker)) : String(r.worker),
      },
    }));
  }

  apply(changes: readonly CallbackChange[]): { applied: number; outbox: OutboxRecord[] } {
    const outbox: OutboxRecord[] = [];
    let applied = 0;
    this.hot.db.transaction(() => {
      for (const c of changes) {
        if (this.hot.update("Callback", c.id, c.set, "status = 'pending' AND remindCount = ?", [c.expect.remindCount]) !== 1) continue;
        this.hot.records(c);
        applied++;
        outbox.push(...c.outbox);
      }
    })();
    return { applied, outbox };
  }
}
