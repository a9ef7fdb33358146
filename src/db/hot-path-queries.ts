// (Over 200 lines: data — every query of the per-message transaction, one definition each; hot-path.ts runs them.)
import { sql } from "kysely";
import { CANCELLABLE_STATUSES } from "../core/ticket/lifecycle.js";
import { STEP_COLUMN, type StepDeadlines } from "../core/deadlines/escalation.js";
import { param, query, type Query } from "./sql/query.js";
import { readDate } from "./sql/values.js";

/** The deadline columns, as stored. */
export const DEADLINE_COLUMNS = Object.values(STEP_COLUMN);
export type DeadlineRow = { propertyId: string; status: string; nature: string; severity: string | null; urgency: string; escalations: unknown } & Record<
  (typeof DEADLINE_COLUMNS)[number],
  unknown
>;
export const deadlinesOf = (r: DeadlineRow): StepDeadlines => Object.fromEntries(DEADLINE_COLUMNS.map((c) => [c, readDate(r[c])])) as StepDeadlines;

/** A message to send (every writer of outbox rows uses this one). */
export const insertOutbox = query((k) =>
  k.insertInto("OutboxMessage").values({
    id: param("id"),
    channel: param("channel"),
    account: param("account"),
    recipient: param("recipient"),
    payload: param("payload"),
    status: param("status"),
    attempts: 0,
    nextAttemptAt: param("nextAttemptAt"),
    sentAt: param("sentAt"),
    inboundId: param("inboundId"),
    ticketId: param("ticketId"),
    createdAt: param("createdAt"),
  }),
);

/** An audit event (every writer of events uses this one). */
export const insertEvent = query((k) =>
  k.insertInto("Event").values({
    id: param("id"),
    propertyId: param("propertyId"),
    ticketId: param("ticketId"),
    type: param("type"),
    actor: param("actor"),
    channel: param("channel"),
    data: param("data"),
    at: param<Date>("at"),
  }),
);

export const Q = {
  session: query<Record<string, unknown>>((k) => k.selectFrom("ConversationSession").selectAll().where("id", "=", param("id"))),
  resident: query<Record<string, unknown>>((k) => k.selectFrom("ResidentIdentity").selectAll().where("id", "=", param("id"))),
  inbound: query((k) =>
    k.insertInto("InboundMessage").values({
      id: param("id"),
      channel: param("channel"),
      account: param("account"),
      externalId: param("externalId"),
      userId: param("userId"),
      text: param("text"),
      receivedAt: param("receivedAt"),
    }),
  ),
  residentUpsert: query((k) =>
    k
      .insertInto("ResidentIdentity")
      .values({
        id: param("id"),
        propertyId: param("propertyId"),
        channel: param("channel"),
        externalId: param("externalId"),
        displayName: param("displayName"),
        lastRoom: param("lastRoom"),
        lastPlace: param("lastPlace"),
        lastPhone: param("lastPhone"),
        lang: param("lang"),
        createdAt: param("now"),
        updatedAt: param("now"),
      })
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          propertyId: eb.ref("excluded.propertyId"),
          displayName: eb.ref("excluded.displayName"),
          lastRoom: eb.ref("excluded.lastRoom"),
          lastPlace: eb.ref("excluded.lastPlace"),
          lastPhone: eb.ref("excluded.lastPhone"),
          lang: eb.ref("excluded.lang"),
          updatedAt: eb.ref("excluded.updatedAt"),
        })),
      ),
  ),
  ticket: query((k) =>
    k
      .insertInto("Ticket")
      .values(
        Object.fromEntries(
          [
            "id",
            "number",
            "propertyId",
            "status",
            "category",
            "nature",
            "severity",
            "domain",
            "urgency",
            "room",
            "building",
            "unit",
            "roomNo",
            "location",
            "phone",
            "reporterName",
            "description",
            "said",
            "appointmentAt",
            "asap",
            "channel",
            "residentId",
            "invalidReason",
            "attachments",
            "receivedAt",
            "registeredAt",
            "assigneeId",
            "dispatchedAt",
            "quoteStatus",
            "firstReplyDueAt",
            "dispatchDueAt",
            "acceptDueAt",
            "arriveDueAt",
            "resolveDueAt",
            "nextDueAt",
            "createdAt",
            "updatedAt",
          ].map((c) => [c, param(c)]),
        ) as never,
      ),
  ),
  assignment: query((k) =>
    k.insertInto("Assignment").values({
      id: param("id"),
      ticketId: param("ticketId"),
      staffId: param("staffId"),
      level: param<number>("level"),
      status: "offered",
      why: param("why"),
      offeredAt: param("offeredAt"),
      respondBy: param("respondBy"),
    }),
  ),
  assigned: query((k) =>
    k
      .updateTable("Staff")
      .set({ lastAssignedAt: param("at"), updatedAt: param("at") })
      .where("id", "=", param("id")),
  ),
  handOver: query((k) =>
    k
      .updateTable("Assignment")
      .set({ status: "handed_over", reason: param("reason"), respondedAt: param("at") })
      .where("ticketId", "=", param("ticketId"))
      .where("staffId", "=", param("staffId"))
      .where("status", "=", "accepted"),
  ),
  answerOffer: query((k) =>
    k
      .updateTable("Assignment")
      .set({ status: param("status"), reason: param("reason"), respondedAt: param("at") })
      .where("id", "=", param("id"))
      .where("status", "=", "offered"),
  ),
  cancel: query((k) =>
    k
      .updateTable("Ticket")
      .set({ status: "cancelled", cancelledAt: param("at"), nextDueAt: null, updatedAt: param("at") })
      .where("id", "=", param("id"))
      .where("residentId", "=", param("residentId"))
      .where("status", "in", [...CANCELLABLE_STATUSES]),
  ),
  sessionDelete: query((k) => k.deleteFrom("ConversationSession").where("id", "=", param("id"))),
  sessionPut: query((k) =>
    k
      .insertInto("ConversationSession")
      .values({
        id: param("id"),
        propertyId: param("propertyId"),
        channel: param("channel"),
        userId: param("userId"),
        state: param("state"),
        needsHuman: param<boolean>("needsHuman"),
        updatedAt: param("updatedAt"),
        expiresAt: param("expiresAt"),
      })
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          propertyId: eb.ref("excluded.propertyId"),
          state: eb.ref("excluded.state"),
          needsHuman: eb.ref("excluded.needsHuman"),
          updatedAt: eb.ref("excluded.updatedAt"),
          expiresAt: eb.ref("excluded.expiresAt"),
        })),
      ),
  ),
  event: insertEvent,
  claimCode: query((k) =>
    k
      .updateTable("BindCode")
      .set({ usedAt: param("at") })
      .where("code", "=", param("code"))
      .where("usedAt", "is", null)
      .where("expiresAt", ">", param("at")),
  ),
  bind: query((k) =>
    k
      .insertInto("StaffIdentity")
      .values({
        id: param("id"),
        staffId: param("staffId"),
        channel: param("channel"),
        externalId: param("externalId"),
        unreachable: param<boolean>("unreachable"),
        boundAt: param("at"),
      })
      .onConflict((oc) =>
        oc
          .columns(["channel", "externalId"])
          .doUpdateSet((eb) => ({ staffId: eb.ref("excluded.staffId"), unreachable: eb.ref("excluded.unreachable"), boundAt: eb.ref("excluded.boundAt") })),
      ),
  ),
  callback: query((k) =>
    k.insertInto("Callback").values({
      id: param("id"),
      ticketId: param("ticketId"),
      seq: param<number>("seq"),
      kind: param("kind"),
      status: "pending",
      dueAt: param("dueAt"),
      nextAt: param("nextAt"),
      remindCount: 0,
      createdAt: param("createdAt"),
    }),
  ),
  callbackSeq: query<{ n: number | null }>((k) =>
    k
      .selectFrom("Callback")
      .select((eb) => eb.fn.max("seq").as("n"))
      .where("ticketId", "=", param("ticketId")),
  ),
  deadlines: query<DeadlineRow>((k) =>
    k
      .selectFrom("Ticket")
      .select(["propertyId", "status", "nature", "severity", "urgency", "escalations", ...DEADLINE_COLUMNS])
      .where("id", "=", param("id")),
  ),
  // (PostgreSQL only: SQLite is written by one process, whose in-process queue orders a chat's messages)
  chatLock: query((k) => k.selectNoFrom(sql<number>`pg_advisory_xact_lock(hashtext(${param("key")}))`.as("locked"))),
  setDue: query((k) =>
    k
      .updateTable("Ticket")
      .set({ nextDueAt: param("at") })
      .where("id", "=", param("id")),
  ),
  outbox: insertOutbox,
};

/** What a conditional update may require of the row besides its id: a value, one of several, or none (NULL). */
export type Guard = Readonly<Record<string, string | number | Date | null | readonly string[]>>;

const updates = new Map<string, Query<unknown>>();
/** UPDATE <table> SET <columns> WHERE id = … <guard>, one prepared query per shape (the columns and the guard's). */
export function updateQuery(table: "Ticket" | "Callback", columns: readonly string[], guard: Guard): Query<unknown> {
  const shape = `${table}|${columns.join(",")}|${Object.entries(guard)
    .map(([c, v]) => `${c}:${v === null ? "null" : Array.isArray(v) ? v.length : "="}`)
    .join(",")}`;
  let q = updates.get(shape);
  if (!q) {
    if ([...columns, ...Object.keys(guard)].some((n) => !/^[A-Za-z]+$/.test(n))) throw new Error(`bad column: ${shape}`);
    q = query((k) => {
      // (a column list only known at run time: Kysely's types cannot follow it)
      let u: any = k.updateTable(table as "Ticket").set(Object.fromEntries(columns.map((c) => [c, param(`set.${c}`)])) as never);
      u = u.where("id", "=", param("id"));
      for (const [c, v] of Object.entries(guard)) {
        if (v === null) u = u.where(c, "is", null);
        else if (Array.isArray(v))
          u = u.where(
            c,
            "in",
            v.map((_, i) => param(`guard.${c}.${i}`)),
          );
        else u = u.where(c, "=", param(`guard.${c}`));
      }
      return u;
    });
    updates.set(shape, q);
  }
  return q;
}

export function guardValues(guard: Guard): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [c, v] of Object.entries(guard)) {
    if (Array.isArray(v)) for (const [i, x] of v.entries()) out[`guard.${c}.${i}`] = x;
    else if (v !== null) out[`guard.${c}`] = v;
  }
  return out;
}
