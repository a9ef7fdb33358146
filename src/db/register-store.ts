import type { BoardFilter, Eb } from "./board-store.js";
import { boardWhere, shapeOf, valuesOf } from "./board-store.js";
import { param, query, type Builder, type Query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";
import { readDate, readJson } from "./sql/values.js";
import { late } from "./stats-store.js";

export const REGISTERS = ["reports", "orders", "complaints", "callbacks"] as const;
export type Register = (typeof REGISTERS)[number];

export type RegisterRow = Record<string, unknown>;

/** how many rows each read brings: the export's memory stays this size whatever the count */
const CHUNK = 1000;

const tickets = (k: Builder, f: BoardFilter) =>
  k
    .selectFrom("Ticket as t")
    .leftJoin("Staff as s", "s.id", "t.assigneeId")
    .where((eb) => boardWhere(eb as unknown as Eb, f));

const ticketColumns = (eb: any) => [
  "t.number",
  "t.propertyId",
  "t.status",
  "t.category",
  "t.nature",
  "t.urgency",
  "t.severity",
  "t.domain",
  "t.room",
  "t.location",
  "t.reporterName",
  "t.phone",
  "t.description",
  "t.appointmentAt",
  "t.asap",
  "t.channel",
  "t.invalidReason",
  "t.receivedAt",
  "t.dispatchedAt",
  "t.acceptedAt",
  "t.completedAt",
  "t.visitedAt",
  "t.closedAt",
  "t.cancelledAt",
  "t.feeCharged",
  "s.name as assignee",
  // who registered it: the staff member of its "ticket.received" event (a resident's own report has none)
  eb
    .selectFrom("Event as e")
    .innerJoin("Staff as r", "r.id", "e.actor")
    .select("r.name")
    .whereRef("e.ticketId", "=", "t.id")
    .where("e.type", "=", "ticket.received")
    .limit(1)
    .as("registeredBy"),
  // what the worker wrote on completion (notes, materials, fee) is kept with its event
  eb
    .selectFrom("Event as d")
    .select("d.data")
    .whereRef("d.ticketId", "=", "t.id")
    .where("d.type", "=", "ticket.completed")
    .orderBy("d.at", "desc")
    .limit(1)
    .as("completion"),
  eb
    .selectFrom("Callback as c")
    .select("c.doneAt")
    .whereRef("c.ticketId", "=", "t.id")
    .where("c.status", "=", "done")
    .orderBy("c.doneAt")
    .limit(1)
    .as("calledBackAt"),
  eb.case().when(late(eb)).then(1).else(0).end().as("late"),
];

const orderColumns = [
  "o.id as key",
  "o.staffId as workerId",
  "w.name as worker",
  "o.status as orderStatus",
  "o.reason as orderReason",
  "o.offeredAt",
  "o.respondedAt",
  "t.arrivedAt",
] as const;

/** one work order, for its printed 派工单 */
const oneOrder = query<RegisterRow>((k) =>
  k
    .selectFrom("Ticket as t")
    .leftJoin("Staff as s", "s.id", "t.assigneeId")
    .innerJoin("Assignment as o", "o.ticketId", "t.id")
    .innerJoin("Staff as w", "w.id", "o.staffId")
    .select((eb) => [...(ticketColumns(eb) as []), ...orderColumns])
    .where("o.id", "=", param("orderId")),
);

function build(register: Register, f: BoardFilter): Query<RegisterRow> {
  return query<RegisterRow>((k) => {
    if (register === "orders")
      return tickets(k, f)
        .innerJoin("Assignment as o", "o.ticketId", "t.id")
        .innerJoin("Staff as w", "w.id", "o.staffId")
        .select((eb) => [...(ticketColumns(eb) as []), ...orderColumns])
        .where("o.id", ">", param("after"))
        .orderBy("o.id")
        .limit(CHUNK);
    if (register === "callbacks")
      return tickets(k, f)
        .innerJoin("Callback as c", "c.ticketId", "t.id")
        .leftJoin("Staff as st", "st.id", "c.stewardId")
        .select((eb) => [
          ...(ticketColumns(eb) as []),
          "c.id as key",
          "c.kind",
          "c.status as callbackStatus",
          "c.dueAt",
          "c.doneAt",
          "c.method",
          "c.satisfaction",
          "c.timeliness",
          "c.comment",
          "c.residentRating",
          "st.name as steward",
        ])
        .where("c.id", ">", param("after"))
        .orderBy("c.id")
        .limit(CHUNK);
    const q = tickets(k, f).select((eb) => [...(ticketColumns(eb) as []), "t.id as key"]);
    return (register === "complaints" ? q.where("t.nature", "=", "投诉") : q).where("t.id", ">", param("after")).orderBy("t.id").limit(CHUNK);
  });
}

const DATES = [
  "appointmentAt",
  "receivedAt",
  "dispatchedAt",
  "acceptedAt",
  "arrivedAt",
  "completedAt",
  "visitedAt",
  "closedAt",
  "cancelledAt",
  "calledBackAt",
  "offeredAt",
  "respondedAt",
  "dueAt",
  "doneAt",
];

/** dates as dates, the completion's notes, materials and fee as columns */
function read(r: RegisterRow): RegisterRow {
  for (const d of DATES) if (d in r) r[d] = readDate(r[d]);
  const done = readJson<{ notes?: string; materials?: string; feeYuan?: number }>(r.completion) ?? {};
  Object.assign(r, { notes: done.notes ?? null, materials: done.materials ?? null, feeYuan: done.feeYuan ?? null });
  r.late = Number(r.late) === 1;
  return r;
}

/** The registers' rows under the board's filter, read a chunk at a time (keyset on the row's id). */
export class RegisterStore {
  private readonly shapes = new Map<string, Query<RegisterRow>>();
  constructor(private readonly sql: Runner) {}

  async *rows(register: Register, f: BoardFilter, now: Date, todayStart: Date): AsyncGenerator<RegisterRow[]> {
    if (f.properties?.length === 0) return;
    const key = `${register}:${shapeOf(f)}`;
    let q = this.shapes.get(key);
    if (!q) this.shapes.set(key, (q = build(register, f)));
    const values = valuesOf(f, now, todayStart);
    let after = "";
    for (;;) {
      const rows = await this.sql.all(q, { ...values, after });
      if (!rows.length) return;
      for (const r of rows) read(r);
      yield rows;
      if (rows.length < CHUNK) return;
      after = String(rows.at(-1)!.key);
    }
  }

  /** one work order with its ticket, as the 派工单 register has it (undefined: no such order) */
  async order(orderId: string): Promise<RegisterRow | undefined> {
    const r = await this.sql.one(oneOrder, { orderId });
    return r ? read(r) : undefined;
  }
}
