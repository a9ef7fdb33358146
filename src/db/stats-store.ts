import type { Expression, SqlBool } from "kysely";
import { param, query, type Builder, type Query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";
import { readDate } from "./sql/values.js";
import type { StatsRows } from "../core/statistics/figures.js";

type Row = Record<string, unknown>;

/**
 * A ticket was late if any deadline of it was missed: the sweep wrote an event for each (a reminder or an
 * escalation), or counted an unanswered order as refused (its "ticket.refused" is the scheduler's own).
 * The one definition of "late" the statistics, the monthly report and the registers use.
 */
export const late = (eb: any): Expression<SqlBool> =>
  eb.exists(
    eb
      .selectFrom("Event as e")
      .select("e.id")
      .whereRef("e.ticketId", "=", "t.id")
      .where((w: typeof eb) => w.or([w("e.type", "like", "deadline.%"), w.and([w("e.type", "=", "ticket.refused"), w("e.actor", "=", "scheduler")])])),
  );

const inProperties = (n: number) => (eb: any) =>
  eb(
    "t.propertyId",
    "in",
    Array.from({ length: n }, (_, i) => param<string>(`p${i}`)),
  );

/** The period's raw rows, for n properties (the figures are computed from them in core/statistics). */
function queries(n: number) {
  const scope = inProperties(n);
  const tickets = (k: Builder) => k.selectFrom("Ticket as t").leftJoin("Staff as s", "s.id", "t.assigneeId").where(scope);
  return {
    received: query<Row>((k) =>
      tickets(k)
        .select([
          "t.id",
          "t.nature",
          "t.category",
          "t.building",
          "t.channel",
          "t.status",
          "t.severity",
          "t.domain",
          "t.receivedAt",
          "t.dispatchedAt",
          "t.acceptedAt",
          "t.arrivedAt",
          "t.completedAt",
          "t.visitedAt",
        ])
        .where("t.receivedAt", ">=", param("from"))
        .where("t.receivedAt", "<", param("to")),
    ),
    completed: query<Row>((k) =>
      tickets(k)
        .select((eb) => [
          "t.id",
          "t.assigneeId",
          "s.name as assignee",
          eb.case().when(late(eb)).then(1).else(0).end().as("late"),
          eb
            .selectFrom("Callback as c")
            .select("c.residentRating")
            .whereRef("c.ticketId", "=", "t.id")
            .where("c.residentRating", "is not", null)
            .orderBy("c.seq")
            .limit(1)
            .as("rating"),
          eb
            .selectFrom("Callback as c")
            .select("c.satisfaction")
            .whereRef("c.ticketId", "=", "t.id")
            .where("c.status", "=", "done")
            .where("c.satisfaction", "is not", null)
            .orderBy("c.doneAt", "desc")
            .limit(1)
            .as("satisfaction"),
        ])
        .where("t.completedAt", ">=", param("from"))
        .where("t.completedAt", "<", param("to")),
    ),
    callbacks: query<Row>((k) =>
      k
        .selectFrom("Callback as c")
        .innerJoin("Ticket as t", "t.id", "c.ticketId")
        .leftJoin("Staff as s", "s.id", "c.stewardId")
        .select(["c.stewardId", "s.name as steward", "c.status", "c.dueAt", "c.doneAt"])
        .where(scope)
        .where("c.dueAt", ">=", param("from"))
        .where("c.dueAt", "<", param("to")),
    ),
    offers: query<Row>((k) =>
      k
        .selectFrom("Assignment as a")
        .innerJoin("Ticket as t", "t.id", "a.ticketId")
        .innerJoin("Staff as s", "s.id", "a.staffId")
        .select(["a.staffId", "s.name", "a.status"])
        .where(scope)
        .where("a.offeredAt", ">=", param("from"))
        .where("a.offeredAt", "<", param("to")),
    ),
  };
}

/** The statistics' reads over one period and a set of properties, on either database. */
export class StatsStore {
  private readonly byCount = new Map<number, ReturnType<typeof queries>>();
  constructor(private readonly sql: Runner) {}

  async rows(properties: readonly string[], from: Date, to: Date): Promise<StatsRows> {
    if (!properties.length) return { received: [], completed: [], callbacks: [], offers: [] };
    let q = this.byCount.get(properties.length);
    if (!q) this.byCount.set(properties.length, (q = queries(properties.length)));
    const values: Record<string, unknown> = { from, to };
    properties.forEach((p, i) => {
      values[`p${i}`] = p;
    });
    const all = (x: Query<Row>) => this.sql.all(x, values);
    const [received, completed, callbacks, offers] = [await all(q.received), await all(q.completed), await all(q.callbacks), await all(q.offers)];
    const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
    return {
      received: received.map((r) => ({
        id: String(r.id),
        nature: String(r.nature),
        category: s(r.category),
        building: s(r.building),
        channel: String(r.channel),
        status: String(r.status),
        severity: s(r.severity),
        domain: s(r.domain),
        receivedAt: readDate(r.receivedAt)!,
        dispatchedAt: readDate(r.dispatchedAt),
        acceptedAt: readDate(r.acceptedAt),
        arrivedAt: readDate(r.arrivedAt),
        completedAt: readDate(r.completedAt),
        visitedAt: readDate(r.visitedAt),
      })),
      completed: completed.map((r) => ({
        id: String(r.id),
        assigneeId: s(r.assigneeId),
        assignee: s(r.assignee),
        late: Number(r.late) === 1,
        rating: s(r.rating),
        satisfaction: s(r.satisfaction),
      })),
      callbacks: callbacks.map((r) => ({
        stewardId: s(r.stewardId),
        steward: s(r.steward),
        done: r.status === "done",
        dueAt: readDate(r.dueAt)!,
        doneAt: readDate(r.doneAt),
      })),
      offers: offers.map((r) => ({ staffId: String(r.staffId), name: String(r.name), status: String(r.status) })),
    };
  }
}
