import { sql, type ExpressionBuilder } from "kysely";
import type { DB } from "../generated/kysely/tables.js";
import { param, query, type Query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";
import { readDate } from "./sql/values.js";
import { currentDeadline, STATUSES_OF_STEP, STEP_COLUMN, STEPS, type Step } from "../core/deadlines/escalation.js";
import { STATUSES, type TicketStatus } from "../core/ticket/domain.js";

/** What the board (报事池) shows: the filters of its URL, already checked. */
export interface BoardFilter {
  /** the properties one may see; undefined = every property */
  properties?: readonly string[];
  /** a technician's own orders: held by or offered to this staff member */
  ownOf?: string;
  /** a status; "open" = waiting or done today; "all" = everything */
  status: string;
  category?: string;
  nature?: string;
  urgency?: string;
  building?: string;
  assigneeId?: string;
  channel?: string;
  /** received from / before */
  from?: Date;
  to?: Date;
  /** overdue now, or due within the hour */
  due?: "overdue" | "hour";
  /** a number, a room, the phone's last four digits or words of the description */
  q?: string;
  sort: "activity" | "urgency";
  page: number;
  pageSize: number;
}

export interface BoardRow {
  number: string;
  propertyId: string;
  status: string;
  category: string | null;
  nature: string;
  urgency: string;
  severity: string | null;
  room: string | null;
  location: string | null;
  description: string;
  channel: string;
  assignee: string | null;
  receivedAt: Date;
  updatedAt: Date;
  /** the deadline worked to now, and its step */
  deadline: { step: Step; due: Date } | null;
  phoneTail: string | null;
}

const OPEN = ["received", "dispatched", "accepted", "arrived", "on_hold", "refused", "reopened", "escalated"];

export type Eb = ExpressionBuilder<DB & { t: DB["Ticket"] }, "t">;

/** The WHERE of a filter's shape: only the clauses the filter uses, so each shape has its own (indexed) plan. */
export function boardWhere(eb: Eb, f: BoardFilter) {
  const and = [];
  if (f.properties)
    and.push(
      eb(
        "t.propertyId",
        "in",
        f.properties.map((_, i) => param<string>(`p${i}`)),
      ),
    );
  if (f.ownOf) and.push(eb.exists(eb.selectFrom("Assignment as a").select("a.id").whereRef("a.ticketId", "=", "t.id").where("a.staffId", "=", param("ownOf"))));
  if (f.status === "open")
    and.push(
      eb.or([
        eb(
          "t.status",
          "in",
          OPEN.map((s) => param<string>(`open${s}`)),
        ),
        eb("t.updatedAt", ">=", param("todayStart")),
      ]),
    );
  else if (f.status !== "all") and.push(eb("t.status", "=", param("status")));
  for (const k of ["category", "nature", "urgency", "building", "assigneeId", "channel"] as const)
    if (f[k]) and.push(unset(k, f[k]) ? eb(`t.${k}`, "is", null) : eb(`t.${k}`, "=", param(k)));
  if (f.from) and.push(eb("t.receivedAt", ">=", param("from")));
  if (f.to) and.push(eb("t.receivedAt", "<", param("to")));
  if (f.due) {
    // a step's deadline counts only in the statuses where it is live, and on hold only the hold's own
    const window = (col: `t.${(typeof STEP_COLUMN)[Step]}`) =>
      f.due === "overdue" ? eb(col, "<=", param("now")) : eb.and([eb(col, ">", param("now")), eb(col, "<=", param("hour"))]);
    and.push(
      eb.or(
        STEPS.map((step) =>
          eb.and([
            eb(
              "t.status",
              "in",
              STATUSES_OF_STEP[step].map((s) => param<string>(`live${s}`)),
            ),
            window(`t.${STEP_COLUMN[step]}`),
            ...(step === "hold" ? [] : [eb("t.holdDueAt", "is", null)]),
          ]),
        ),
      ),
    );
  }
  if (f.q) {
    const any = [eb("t.number", "=", param("qExact")), eb("t.room", "like", param("qLike")), eb("t.description", "like", param("qLike"))];
    if (/^\d{4}$/.test(f.q)) any.push(eb("t.phone", "like", param("qTail")));
    and.push(eb.or(any));
  }
  return eb.and(and);
}

/** "none" for a category or a building: the tickets without one (the statistics' — and 公共区域 bars) */
export const UNSET = "none";
const unset = (k: string, v: unknown) => v === UNSET && (k === "category" || k === "building");

export const shapeOf = (f: BoardFilter) =>
  JSON.stringify([
    f.properties?.length ?? -1,
    !!f.ownOf,
    f.status === "open" || f.status === "all" ? f.status : "one",
    ...(["category", "nature", "urgency", "building", "assigneeId", "channel", "from", "to"] as const).map((k) => (unset(k, f[k]) ? "none" : !!f[k])),
    f.due ?? "",
    f.q ? (/^\d{4}$/.test(f.q) ? "tail" : "q") : "",
    f.sort,
  ]);

function pageQuery(f: BoardFilter) {
  return query<Record<string, unknown>>((k) => {
    let q = k
      .selectFrom("Ticket as t")
      .leftJoin("Staff as s", "s.id", "t.assigneeId")
      .select([
        "t.number",
        "t.propertyId",
        "t.status",
        "t.category",
        "t.nature",
        "t.urgency",
        "t.severity",
        "t.room",
        "t.location",
        "t.description",
        "t.channel",
        "t.receivedAt",
        "t.updatedAt",
        "t.dispatchDueAt",
        "t.acceptDueAt",
        "t.arriveDueAt",
        "t.firstReplyDueAt",
        "t.resolveDueAt",
        "t.holdDueAt",
        "t.phone",
        "s.name as assignee",
      ])
      .where((eb) => boardWhere(eb as unknown as Eb, f));
    q =
      f.sort === "urgency"
        ? q
            .orderBy(sql`case t.urgency when '非常紧急' then 0 when '紧急' then 1 else 2 end`)
            .orderBy(sql`case when t."nextDueAt" is null then 1 else 0 end`)
            .orderBy("t.nextDueAt")
            .orderBy("t.updatedAt", "desc")
        : q.orderBy("t.updatedAt", "desc");
    return q.orderBy("t.id", "desc").limit(param("limit")).offset(param("offset"));
  });
}

function countQuery(f: BoardFilter) {
  return query<{ n: unknown }>((k) =>
    k
      .selectFrom("Ticket as t")
      .select((eb) => eb.fn.countAll().as("n"))
      .where((eb) => boardWhere(eb as unknown as Eb, f)),
  );
}

/**
 * The board's reads: one page of tickets under a filter, and how many match. A query per filter shape, built once
 * and remembered (a bounded set: each filter is present or not), so every shape is one prepared statement.
 */
export class BoardStore {
  private readonly shapes = new Map<string, { page: Query<Record<string, unknown>>; count: Query<{ n: unknown }> }>();
  /** answers of the last second, by filter: many open boards with one view refresh on one ping, and share one read */
  private readonly recent = new Map<string, { second: number; answer: Promise<{ rows: BoardRow[]; total: number }> }>();
  constructor(
    private readonly sql: Runner,
    private readonly shareMs = 1000,
  ) {}

  /**
   * One page under the filter. `shared`: a live board's refresh after a ping — boards with the same view within
   * the same second share one read (dropped as soon as the feed sees another change, so none is stale after it).
   */
  page(f: BoardFilter, now: Date, todayStart: Date, shared = false): Promise<{ rows: BoardRow[]; total: number }> {
    // no property to see (one outside one's scope was asked for): nothing, without asking the database
    if (f.properties?.length === 0) return Promise.resolve({ rows: [], total: 0 });
    if (!shared) return this.read(f, now, todayStart);
    // (wall time: how many boards refresh at once is the machine's matter, not the property's clock)
    const second = Math.floor(Date.now() / this.shareMs);
    const key = `${todayStart.getTime()}:${JSON.stringify(f)}`;
    const hit = this.recent.get(key);
    if (hit && hit.second === second) return hit.answer;
    const answer = this.read(f, now, todayStart);
    this.recent.set(key, { second, answer });
    answer.catch(() => this.recent.delete(key));
    if (this.recent.size > 1000) for (const [k, v] of this.recent) if (v.second !== second) this.recent.delete(k);
    return answer;
  }

  /** Something changed (the live feed saw it): the next read asks the database again. */
  forget(): void {
    this.recent.clear();
  }

  private async read(f: BoardFilter, now: Date, todayStart: Date): Promise<{ rows: BoardRow[]; total: number }> {
    const key = shapeOf(f);
    let qs = this.shapes.get(key);
    if (!qs) this.shapes.set(key, (qs = { page: pageQuery(f), count: countQuery(f) }));
    const values = valuesOf(f, now, todayStart);
    const [rows, count] = await Promise.all([
      this.sql.all(qs.page, { ...values, limit: f.pageSize, offset: (f.page - 1) * f.pageSize }),
      this.sql.one(qs.count, values),
    ]);
    return { rows: rows.map(row), total: Number(count?.n ?? 0) };
  }
}

export function valuesOf(f: BoardFilter, now: Date, todayStart: Date): Record<string, unknown> {
  const v: Record<string, unknown> = { now, hour: new Date(now.getTime() + 3_600_000), todayStart };
  f.properties?.forEach((p, i) => {
    v[`p${i}`] = p;
  });
  for (const s of OPEN) v[`open${s}`] = s;
  for (const s of STATUSES) v[`live${s}`] = s;
  if (f.ownOf) v.ownOf = f.ownOf;
  v.status = f.status;
  for (const k of ["category", "nature", "urgency", "building", "assigneeId", "channel", "from", "to"] as const) if (f[k] && !unset(k, f[k])) v[k] = f[k];
  if (f.q) {
    // LIKE's own wildcards in what was typed are taken literally
    const plain = f.q.replace(/[%_]/g, "");
    Object.assign(v, { qExact: f.q.toUpperCase(), qLike: `%${plain}%`, qTail: `%${plain}` });
  }
  return v;
}

const row = (r: Record<string, unknown>): BoardRow => ({
  number: String(r.number),
  propertyId: String(r.propertyId),
  status: String(r.status),
  category: (r.category as string | null) ?? null,
  nature: String(r.nature),
  urgency: String(r.urgency),
  severity: (r.severity as string | null) ?? null,
  room: (r.room as string | null) ?? null,
  location: (r.location as string | null) ?? null,
  description: String(r.description),
  channel: String(r.channel),
  assignee: (r.assignee as string | null) ?? null,
  receivedAt: readDate(r.receivedAt)!,
  updatedAt: readDate(r.updatedAt)!,
  deadline: currentDeadline(r.status as TicketStatus, Object.fromEntries(Object.values(STEP_COLUMN).map((c) => [c, readDate(r[c])]))),
  // only the last four digits leave the store: the board never shows a full phone
  phoneTail: typeof r.phone === "string" ? r.phone.slice(-4) : null,
});
