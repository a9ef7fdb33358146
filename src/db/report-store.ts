// (Over 200 lines: data first — one definition per figure the daily follow-up and the monthly statistics show — then
// the store that runs them; issue 15 rebuilds the statistics.)
import type { Expression, SqlBool } from "kysely";
import type { Period } from "../core/policy/periods.js";
import type { DailyDigest, MonthlyStats } from "../core/statistics/digests.js";
import type { OutboxRecord } from "../core/ports.js";
import { OPEN_STATUSES } from "../core/ticket/domain.js";
import { STEPS } from "../core/deadlines/escalation.js";
import type { HotPath } from "./hot-path.js";
import { placeText } from "./rows.js";
import { param, query, type Builder } from "./sql/query.js";
import { readDate, readJson } from "./sql/values.js";

type Row = Record<string, unknown>;
const OPEN = OPEN_STATUSES.filter((s) => s !== "completed");
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const place = (r: Row) => placeText({ building: str(r.building), unit: str(r.unit), roomNo: str(r.roomNo), location: str(r.location) });

/**
 * A ticket was late if any deadline of it was missed: the sweep wrote an event for each (a reminder or an
 * escalation), or counted an unanswered order as refused (its "ticket.refused" is the scheduler's own).
 */
const late = (eb: any): Expression<SqlBool> =>
  eb.exists(
    eb
      .selectFrom("Event as e")
      .select("e.id")
      .whereRef("e.ticketId", "=", "t.id")
      .where((w: typeof eb) => w.or([w("e.type", "like", "deadline.%"), w.and([w("e.type", "=", "ticket.refused"), w("e.actor", "=", "scheduler")])])),
  );

const inMonth = (k: Builder) =>
  k
    .selectFrom("Ticket as t")
    .where("t.propertyId", "=", param("propertyId"))
    .where("t.receivedAt", ">=", param("from"))
    .where("t.receivedAt", "<", param("to"));
const valid = (k: Builder) => inMonth(k).where("t.status", "not in", ["invalid", "cancelled"]);
const complaints = (k: Builder) => inMonth(k).where("t.nature", "=", "投诉");
type Grouped = { k: unknown; n: unknown };

const Q = {
  lastPeriod: query<{ p: string | null }>((k) =>
    k
      .selectFrom("StoredReport")
      .select((eb) => eb.fn.max("period").as("p"))
      .where("propertyId", "=", param("propertyId"))
      .where("kind", "=", param("kind")),
  ),
  received: query<{ n: unknown }>((k) =>
    k
      .selectFrom("Ticket")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("propertyId", "=", param("propertyId"))
      .where("receivedAt", ">=", param("from"))
      .where("receivedAt", "<", param("to")),
  ),
  completed: query<{ n: unknown }>((k) =>
    k
      .selectFrom("Ticket")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("propertyId", "=", param("propertyId"))
      .where("completedAt", ">=", param("from"))
      .where("completedAt", "<", param("to")),
  ),
  openComplaints: query<Row>((k) =>
    k
      .selectFrom("Ticket")
      .select(["number", "building", "unit", "roomNo", "location", "description", "severity", "status", "receivedAt"])
      .where("propertyId", "=", param("propertyId"))
      .where("nature", "=", "投诉")
      .where("status", "in", OPEN)
      .where("receivedAt", "<", param("to"))
      .orderBy("receivedAt")
      .orderBy("id"),
  ),
  overdue: query<Row>((k) =>
    k
      .selectFrom("Ticket as t")
      .select(["t.number", "t.building", "t.unit", "t.roomNo", "t.location", "t.description", "t.status", "t.escalations"])
      .where("t.propertyId", "=", param("propertyId"))
      .where("t.status", "in", OPEN)
      .where(late)
      .orderBy("t.receivedAt")
      .orderBy("t.id"),
  ),
  overdueCallbacks: query<Row>((k) =>
    k
      .selectFrom("Callback as c")
      .innerJoin("Ticket as t", "t.id", "c.ticketId")
      .leftJoin("Staff as s", "s.id", "c.stewardId")
      .select(["t.number", "c.dueAt", "s.name"])
      .where("t.propertyId", "=", param("propertyId"))
      .where("c.status", "=", "pending")
      .where("c.dueAt", "<=", param("now"))
      .orderBy("c.dueAt")
      .orderBy("c.id"),
  ),
  count: query<{ n: unknown }>((k) => inMonth(k).select((eb) => eb.fn.countAll().as("n"))),
  invalid: query<{ n: unknown }>((k) =>
    inMonth(k)
      .where("t.status", "=", "invalid")
      .select((eb) => eb.fn.countAll().as("n")),
  ),
  cancelled: query<{ n: unknown }>((k) =>
    inMonth(k)
      .where("t.status", "=", "cancelled")
      .select((eb) => eb.fn.countAll().as("n")),
  ),
  eligible: query<{ n: unknown }>((k) =>
    valid(k)
      .where("t.nature", "!=", "咨询")
      .select((eb) => eb.fn.countAll().as("n")),
  ),
  late: query<{ n: unknown }>((k) =>
    valid(k)
      .where("t.nature", "!=", "咨询")
      .where(late)
      .select((eb) => eb.fn.countAll().as("n")),
  ),
  callbacks: query<{ due: unknown; done: unknown; onTime: unknown }>((k) =>
    k
      .selectFrom("Callback as c")
      .innerJoin("Ticket as t", "t.id", "c.ticketId")
      .select((eb) => [
        eb.fn.countAll().as("due"),
        eb.fn.sum(eb.case().when("c.status", "=", "done").then(1).else(0).end()).as("done"),
        eb.fn
          .sum(
            eb
              .case()
              .when(eb.and([eb("c.status", "=", "done"), eb("c.doneAt", "<=", eb.ref("c.dueAt"))]))
              .then(1)
              .else(0)
              .end(),
          )
          .as("onTime"),
      ])
      .where("t.propertyId", "=", param("propertyId"))
      .where("c.kind", "=", "first")
      .where("c.createdAt", ">=", param("from"))
      .where("c.createdAt", "<", param("to")),
  ),
  satisfaction: query<Grouped>((k) =>
    k
      .selectFrom("Callback as c")
      .innerJoin("Ticket as t", "t.id", "c.ticketId")
      .select((eb) => ["c.satisfaction as k", eb.fn.countAll().as("n")])
      .where("t.propertyId", "=", param("propertyId"))
      .where("c.status", "=", "done")
      .where("c.doneAt", ">=", param("from"))
      .where("c.doneAt", "<", param("to"))
      .groupBy("c.satisfaction"),
  ),
  resolved: query<{ receivedAt: unknown; completedAt: unknown }>((k) =>
    complaints(k).select(["t.receivedAt", "t.completedAt"]).where("t.completedAt", "is not", null),
  ),
  byCategory: query<Grouped>((k) =>
    valid(k)
      .select((eb) => ["t.category as k", eb.fn.countAll().as("n")])
      .groupBy("t.category")
      .orderBy("t.category"),
  ),
  byNature: query<Grouped>((k) =>
    inMonth(k)
      .select((eb) => ["t.nature as k", eb.fn.countAll().as("n")])
      .groupBy("t.nature"),
  ),
  byBuilding: query<Grouped>((k) =>
    valid(k)
      .select((eb) => ["t.building as k", eb.fn.countAll().as("n")])
      .groupBy("t.building"),
  ),
  byChannel: query<Grouped>((k) =>
    inMonth(k)
      .select((eb) => ["t.channel as k", eb.fn.countAll().as("n")])
      .groupBy("t.channel"),
  ),
  complaintsTotal: query<{ n: unknown }>((k) => complaints(k).select((eb) => eb.fn.countAll().as("n"))),
  bySeverity: query<Grouped>((k) =>
    complaints(k)
      .select((eb) => ["t.severity as k", eb.fn.countAll().as("n")])
      .groupBy("t.severity"),
  ),
  byDomain: query<Grouped>((k) =>
    complaints(k)
      .select((eb) => ["t.domain as k", eb.fn.countAll().as("n")])
      .groupBy("t.domain"),
  ),
  save: query((k) =>
    k
      .insertInto("StoredReport")
      .values({
        id: param("id"),
        propertyId: param("propertyId"),
        kind: param("kind"),
        period: param("period"),
        content: param("content"),
        createdAt: param("at"),
      })
      .onConflict((oc) => oc.columns(["propertyId", "kind", "period"]).doNothing()),
  ),
};

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 10000) / 10000 : null);

/** Largest first (a tie in the order the database gave), a missing key as "—" (a public area: "公共区域"). */
function counts(rows: readonly Grouped[], missing = "—", sorted = true): Record<string, number> {
  const list = rows.map((r) => [r.k === null || r.k === undefined ? missing : String(r.k), Number(r.n)] as const);
  return Object.fromEntries(sorted ? [...list].sort((a, b) => b[1] - a[1]) : list);
}

/** Daily follow-up and monthly statistics: queries over the tickets, stored once per property and period. */
export class ReportStore {
  constructor(private readonly hot: HotPath) {}

  private async n(q: (typeof Q)["count"], values: Record<string, unknown>): Promise<number> {
    return Number((await this.hot.db.one(q, values))?.n ?? 0);
  }

  /** the newest period stored of a kind, if any */
  async lastPeriod(propertyId: string, kind: string): Promise<string | undefined> {
    return (await this.hot.db.one(Q.lastPeriod, { propertyId, kind }))?.p ?? undefined;
  }

  async daily(propertyId: string, day: Period, now: Date): Promise<DailyDigest> {
    const db = this.hot.db;
    const range = { propertyId, from: day.from, to: day.to };
    return {
      day: day.key,
      received: await this.n(Q.received, range),
      completed: await this.n(Q.completed, range),
      openComplaints: (await db.all(Q.openComplaints, range)).map((r) => ({
        number: String(r.number),
        place: place(r),
        description: String(r.description),
        severity: str(r.severity),
        status: String(r.status),
        today: readDate(r.receivedAt)! >= day.from,
      })),
      overdue: (await db.all(Q.overdue, { propertyId })).map((r) => ({
        number: String(r.number),
        place: place(r),
        description: String(r.description),
        status: String(r.status),
        steps: Object.keys(readJson<object>(r.escalations) ?? {}).filter((k) => (STEPS as readonly string[]).includes(k)),
      })),
      overdueCallbacks: (await db.all(Q.overdueCallbacks, { propertyId, now })).map((r) => ({
        number: String(r.number),
        dueAt: readDate(r.dueAt)!.toISOString().replace("Z", "+00:00"),
        steward: str(r.name),
      })),
    };
  }

  async monthly(propertyId: string, month: Period): Promise<MonthlyStats> {
    const db = this.hot.db;
    const range = { propertyId, from: month.from, to: month.to };
    const eligible = await this.n(Q.eligible, range);
    const lateCount = await this.n(Q.late, range);
    const cb = await db.one(Q.callbacks, range);
    const sat = counts(await db.all(Q.satisfaction, range));
    const satisfaction = { 满意: sat["满意"] ?? 0, 基本满意: sat["基本满意"] ?? 0, 不满意: sat["不满意"] ?? 0 };
    const rated = satisfaction.满意 + satisfaction.基本满意 + satisfaction.不满意;
    // hours to resolve, averaged here: the two databases count time between timestamps differently
    const resolved = (await db.all(Q.resolved, range)).map((r) => (readDate(r.completedAt)!.getTime() - readDate(r.receivedAt)!.getTime()) / 3_600_000);
    const avg = resolved.length ? resolved.reduce((a, b) => a + b, 0) / resolved.length : null;
    const [due, done, onTime] = [Number(cb?.due ?? 0), Number(cb?.done ?? 0), Number(cb?.onTime ?? 0)];
    return {
      month: month.key,
      received: await this.n(Q.count, range),
      invalid: await this.n(Q.invalid, range),
      cancelled: await this.n(Q.cancelled, range),
      byCategory: counts(await db.all(Q.byCategory, range), "—", false),
      byNature: counts(await db.all(Q.byNature, range)),
      byBuilding: counts(await db.all(Q.byBuilding, range), "公共区域"),
      byChannel: counts(await db.all(Q.byChannel, range)),
      timeliness: { eligible, onTime: eligible - lateCount, rate: rate(eligible - lateCount, eligible) },
      callbacks: { due, done, onTime, rate: rate(done, due) },
      satisfaction: { ...satisfaction, rate: rate(satisfaction.满意 + satisfaction.基本满意, rated) },
      complaints: {
        total: await this.n(Q.complaintsTotal, range),
        bySeverity: counts(await db.all(Q.bySeverity, range), "—", false),
        byDomain: counts(await db.all(Q.byDomain, range), "—", false),
        resolved: resolved.length,
        avgHoursToResolve: avg === null ? null : Math.round(avg * 10) / 10,
      },
    };
  }

  /** Stores the report and its messages together; false (nothing written) if this period was stored already. */
  save(r: { id: string; propertyId: string; kind: string; period: string; content: unknown; at: Date }, outbox: readonly OutboxRecord[]): Promise<boolean> {
    return this.hot.db.transaction(async (tx) => {
      if ((await tx.run(Q.save, r)) !== 1) return false;
      await this.hot.records(tx, {
        outbox: [...outbox],
        events: [
          {
            id: r.id,
            propertyId: r.propertyId,
            ticketId: null,
            type: `report.${r.kind}`,
            actor: "scheduler",
            channel: null,
            data: { period: r.period, sentTo: outbox.length },
            at: r.at,
          },
        ],
      });
      return true;
    });
  }
}
