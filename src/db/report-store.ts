import type { Period } from "../core/policy/periods.js";
import type { DailyDigest, MonthlyStats } from "../core/statistics/digests.js";
import type { OutboxRecord } from "../core/ports.js";
import { OPEN_STATUSES } from "../core/ticket/domain.js";
import { STEPS } from "../core/deadlines/escalation.js";
import type { HotPath } from "./hot-path.js";
import { placeText } from "./rows.js";
import { late, StatsStore } from "./stats-store.js";
import { figures } from "../core/statistics/figures.js";
import { param, query } from "./sql/query.js";
import { readDate, readJson } from "./sql/values.js";

type Row = Record<string, unknown>;
const OPEN = OPEN_STATUSES.filter((s) => s !== "completed");
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const place = (r: Row) => placeText({ building: str(r.building), unit: str(r.unit), roomNo: str(r.roomNo), location: str(r.location) });

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

/** Daily follow-up and monthly statistics: queries over the tickets, stored once per property and period. */
export class ReportStore {
  private readonly stats: StatsStore;
  constructor(private readonly hot: HotPath) {
    this.stats = new StatsStore(hot.db);
  }

  private async n(q: (typeof Q)["received"], values: Record<string, unknown>): Promise<number> {
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

  /** Last month's figures as the monthly report keeps them: the statistics' own (core/statistics/figures.ts). */
  async monthly(propertyId: string, month: Period): Promise<MonthlyStats> {
    const f = figures(await this.stats.rows([propertyId], month.from, month.to));
    return {
      month: month.key,
      received: f.received,
      invalid: f.invalid,
      cancelled: f.cancelled,
      byCategory: f.byCategory,
      byNature: f.byNature,
      byBuilding: f.byBuilding,
      byChannel: f.byChannel,
      timeliness: f.timeliness,
      callbacks: f.callbacks,
      satisfaction: f.satisfaction,
      complaints: f.complaints,
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
