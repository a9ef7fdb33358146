// (Over 200 lines: every query of the per-message transaction, and the conditional update every change uses.)
import { roomLabel, type ChannelName, type Lang, type Place, type TicketStatus } from "../core/ticket/domain.js";
import { CANCELLABLE_STATUSES } from "../core/ticket/lifecycle.js";
import { nextDeadline, STEP_COLUMN, type Escalations, type StepDeadlines } from "../core/deadlines/escalation.js";
import type { Policy } from "../core/policy/policy.js";
import type { ConversationState } from "../core/conversation/engine.js";
import type { StoredResident, StoredSession, TicketMove, WriteSet } from "../core/ports.js";
import type { CallbackPatch, TicketPatch } from "../core/patches.js";
import { ConflictError } from "../core/errors.js";
import { placeColumns } from "./rows.js";
import { sql } from "kysely";
import { param, query, type Query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";
import { Semaphore } from "./sql/semaphore.js";
import { readDate, readJson } from "./sql/values.js";
import { nextValue } from "./counters.js";
import { orderedId } from "../core/ids.js";

/** The deadline columns, as stored. */
export const DEADLINE_COLUMNS = Object.values(STEP_COLUMN);
export type DeadlineRow = { propertyId: string; status: string; nature: string; severity: string | null; urgency: string; escalations: unknown } & Record<
  (typeof DEADLINE_COLUMNS)[number],
  unknown
>;
export const deadlinesOf = (r: DeadlineRow): StepDeadlines => Object.fromEntries(DEADLINE_COLUMNS.map((c) => [c, readDate(r[c])])) as StepDeadlines;

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

const Q = {
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
  outbox: query((k) =>
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
  ),
};

/** What a conditional update may require of the row besides its id: a value, one of several, or none (NULL). */
export type Guard = Readonly<Record<string, string | number | Date | null | readonly string[]>>;

const updates = new Map<string, Query<unknown>>();
/** UPDATE <table> SET <columns> WHERE id = … <guard>, one prepared query per shape (the columns and the guard's). */
function updateQuery(table: "Ticket" | "Callback", columns: readonly string[], guard: Guard): Query<unknown> {
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

function guardValues(guard: Guard): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [c, v] of Object.entries(guard)) {
    if (Array.isArray(v)) for (const [i, x] of v.entries()) out[`guard.${c}.${i}`] = x;
    else if (v !== null) out[`guard.${c}`] = v;
  }
  return out;
}

/**
 * The per-message path, on either database through the query layer (prepared statements on the driver:
 * each Prisma call costs ~0.3–0.5 ms of query compilation, a prepared statement microseconds). Same tables
 * and formats as Prisma's, which reads them back everywhere else.
 */
export class HotPath {
  constructor(
    readonly db: Runner,
    /** the property's policy: a ticket's next deadline depends on its escalation settings */
    private readonly policyOf: (propertyId: string) => Policy,
  ) {}

  async loadSession(key: string, db: Runner = this.db): Promise<StoredSession | undefined> {
    const r = await db.one(Q.session, { id: key });
    if (!r) return undefined;
    return {
      key,
      propertyId: String(r.propertyId),
      channel: r.channel as ChannelName,
      userId: String(r.userId),
      conversation: JSON.parse(String(r.state)) as ConversationState,
      updatedAt: readDate(r.updatedAt)!,
      expiresAt: readDate(r.expiresAt)!,
    };
  }

  async loadResident(key: string, db: Runner = this.db): Promise<StoredResident | undefined> {
    const r = await db.one(Q.resident, { id: key });
    if (!r) return undefined;
    const place = readJson<Place>(r.lastPlace);
    return {
      id: String(r.id),
      propertyId: String(r.propertyId),
      ...(place ? { place } : {}),
      ...(r.lastPhone ? { phone: String(r.lastPhone) } : {}),
      ...(r.displayName ? { displayName: String(r.displayName) } : {}),
      lang: r.lang as Lang,
    };
  }

  /** Writes many messages' changes in one transaction: one fsync for all of them. */
  readonly writeAll = (sets: WriteSet[]): Promise<void> =>
    this.db.transaction(async (tx) => {
      for (const s of sets) await this.write(tx, s);
    });

  /**
   * One chat's turn under its lock across instances (PostgreSQL): an advisory lock on the chat's key, held by the
   * turn's transaction, which reads the session and writes the message's changes. A write that fails (a
   * redelivery's unique key) is rolled back to its savepoint, and the turn ends cleanly.
   */
  exclusive<T>(
    key: string,
    work: (turn: {
      loadSession(key: string): Promise<StoredSession | undefined>;
      loadResident(key: string): Promise<StoredResident | undefined>;
      commit(ws: WriteSet): Promise<void>;
    }) => Promise<T>,
  ): Promise<T> {
    // a turn holds a pooled connection and its reads take others: no more turns at once than leave some free
    return this.turns.run(() =>
      this.db.transaction(async (tx) => {
        await tx.run(Q.chatLock, { key });
        return work({
          loadSession: (k) => this.loadSession(k, tx),
          loadResident: (k) => this.loadResident(k, tx),
          commit: (ws) => tx.transaction((sp) => this.write(sp, ws)),
        });
      }),
    );
  }

  private turnsLimit?: Semaphore;
  private get turns(): Semaphore {
    this.turnsLimit ??= new Semaphore(Math.max(1, Math.floor(this.db.poolSize / 2)));
    return this.turnsLimit;
  }

  private async write(tx: Runner, s: WriteSet): Promise<void> {
    const i = s.inbound;
    await tx.run(Q.inbound, { ...i });
    if (s.resident) {
      const r = s.resident;
      await tx.run(Q.residentUpsert, {
        id: r.id,
        propertyId: r.propertyId,
        channel: r.channel,
        externalId: r.externalId,
        displayName: r.displayName ?? null,
        lastRoom: r.place?.kind === "room" ? roomLabel(r.place) : null,
        lastPlace: r.place ?? null,
        lastPhone: r.phone ?? null,
        lang: r.lang,
        now: i.receivedAt,
      });
    }
    for (const t of s.tickets) {
      await tx.run(Q.ticket, {
        id: t.id,
        number: t.number,
        propertyId: t.propertyId,
        status: t.status,
        category: t.category,
        nature: t.nature,
        severity: t.severity,
        domain: t.domain,
        urgency: t.urgency,
        ...placeColumns(t.place),
        phone: t.phone,
        reporterName: t.reporterName,
        description: t.description,
        said: t.said ?? null,
        appointmentAt: t.appointment && !t.appointment.asap ? new Date(t.appointment.at) : null,
        asap: !!t.appointment?.asap,
        channel: t.channel,
        residentId: t.residentId,
        invalidReason: t.invalidReason,
        attachments: t.attachments.length ? t.attachments : null,
        receivedAt: t.receivedAt,
        registeredAt: t.receivedAt,
        assigneeId: t.assigneeId ?? null,
        quoteStatus: t.quoteStatus ?? null,
        dispatchedAt: t.dispatchedAt ?? null,
        firstReplyDueAt: t.deadlines.firstReplyDueAt ?? null,
        dispatchDueAt: t.deadlines.dispatchDueAt ?? null,
        acceptDueAt: t.deadlines.acceptDueAt ?? null,
        arriveDueAt: t.deadlines.arriveDueAt ?? null,
        resolveDueAt: t.deadlines.resolveDueAt ?? null,
        nextDueAt: nextDeadline(t.status, t.deadlines, {}, this.policyOf(t.propertyId), t),
        createdAt: t.receivedAt,
        updatedAt: t.receivedAt,
      });
    }
    await this.records(tx, { assignments: s.assignments ?? [] });
    for (const c of s.cancellations) {
      // the resident is told "cancelled" only if it was: a ticket that moved on meanwhile rolls this back
      if ((await tx.run(Q.cancel, { at: c.at, id: c.ticketId, residentId: c.residentId })) !== 1)
        throw new ConflictError(`ticket ${c.ticketId} can no longer be cancelled`);
    }
    for (const a of s.amendments ?? []) {
      await this.update(tx, "Ticket", a.ticketId, { ...(a.place ? placeColumns(a.place) : {}), ...(a.phone ? { phone: a.phone } : {}), updatedAt: a.at });
    }
    if (s.offerAnswer) {
      const a = s.offerAnswer;
      // two presses, or a cancel meanwhile: only one outcome is written, the other rolls back
      if ((await tx.run(Q.answerOffer, { status: a.status, reason: a.reason ?? null, at: a.at, id: a.assignmentId })) !== 1)
        throw new ConflictError(`work order ${a.assignmentId} is no longer open`);
    }
    if (s.handOver) {
      const h = s.handOver;
      if ((await tx.run(Q.handOver, { reason: h.reason, at: h.at, ticketId: h.ticketId, staffId: h.staffId })) !== 1)
        throw new ConflictError(`ticket ${h.ticketId} is no longer accepted by ${h.staffId}`);
    }
    for (const m of s.moves ?? []) await this.move(tx, m);
    for (const c of s.callbacks ?? []) {
      // the ticket's callbacks are numbered by a counter in the database: two instances never give one number twice
      const stored = await tx.one(Q.callbackSeq, { ticketId: c.ticketId });
      const seq = await nextValue(tx, `callback:${c.ticketId}`, Number(stored?.n ?? 0) + 1);
      await tx.run(Q.callback, { id: c.id, ticketId: c.ticketId, seq, kind: c.kind, dueAt: c.dueAt, nextAt: c.nextAt, createdAt: c.createdAt });
    }
    if (s.callbackAnswer) await this.answerCallback(tx, s.callbackAnswer);
    if (s.binding) {
      const b = s.binding;
      // claimed inside the transaction: a code used meanwhile rolls the whole message back
      if ((await tx.run(Q.claimCode, { at: b.at, code: b.code })) !== 1) throw new ConflictError(`bind code ${b.code} is no longer valid`);
      await tx.run(Q.bind, {
        id: `${b.channel}:${b.externalId}`,
        staffId: b.staffId,
        channel: b.channel,
        externalId: b.externalId,
        unreachable: false,
        at: b.at,
      });
    }
    if ("put" in s.session) {
      const p = s.session.put;
      await tx.run(Q.sessionPut, {
        id: p.key,
        propertyId: p.propertyId,
        channel: p.channel,
        userId: p.userId,
        state: JSON.stringify(p.conversation),
        needsHuman: !!p.conversation.needsHuman,
        updatedAt: p.updatedAt,
        expiresAt: p.expiresAt,
      });
    } else await tx.run(Q.sessionDelete, { id: s.session.remove });
    await this.records(tx, { events: s.events, outbox: s.outbox });
  }

  /** Offers, events and messages: rows every kind of change may add. */
  async records(tx: Runner, r: { assignments?: WriteSet["assignments"]; events?: WriteSet["events"]; outbox?: WriteSet["outbox"] }): Promise<void> {
    for (const a of r.assignments ?? []) {
      await tx.run(Q.assignment, {
        id: a.id,
        ticketId: a.ticketId,
        staffId: a.staffId,
        level: a.level,
        why: a.why,
        offeredAt: a.offeredAt,
        respondBy: a.respondBy,
      });
      await tx.run(Q.assigned, { at: a.offeredAt, id: a.staffId });
    }
    // an event's id is its place in the log, given as it is written: the log reads back in the order it was
    // written on either database, even when many events share one time
    for (const e of r.events ?? []) await tx.run(Q.event, { ...e, id: orderedId(), data: e.data ?? null });
    for (const o of r.outbox ?? []) {
      await tx.run(Q.outbox, {
        id: o.id,
        channel: o.channel,
        account: o.account,
        recipient: o.recipient,
        payload: JSON.stringify(o.payload),
        status: o.status,
        nextAttemptAt: o.notBefore ?? o.createdAt,
        sentAt: o.status === "sent" ? o.createdAt : null,
        inboundId: o.inboundId,
        ticketId: o.ticketId,
        createdAt: o.createdAt,
      });
    }
  }

  /** Changes made outside a conversation (the admin API): moves, offers, events and messages in one transaction. */
  change(c: { moves?: TicketMove[]; assignments?: WriteSet["assignments"]; events?: WriteSet["events"]; outbox?: WriteSet["outbox"] }): Promise<void> {
    return this.db.transaction(async (tx) => {
      for (const m of c.moves ?? []) await this.move(tx, m);
      await this.records(tx, c);
    });
  }

  /**
   * The conditional update every change uses (moves, callback answers, the sweeps): the row must still be as the
   * guard says. Returns the rows changed (0: the row was no longer as expected).
   */
  update(
    tx: Runner,
    table: "Ticket" | "Callback",
    id: string,
    patch: TicketPatch | CallbackPatch | Readonly<Record<string, unknown>>,
    guard: Guard = {},
  ): Promise<number> {
    // (a typed patch is written as its columns; the runner encodes dates, flags and JSON for its database)
    const set = patch as Readonly<Record<string, unknown>>;
    const columns = Object.keys(set).filter((c) => set[c] !== undefined);
    const values: Record<string, unknown> = { id, ...guardValues(guard) };
    for (const c of columns) values[`set.${c}`] = set[c];
    return tx.run(updateQuery(table, columns, guard), values);
  }

  /** A state-machine move as one conditional update: the ticket must still be in a status it may leave this way. */
  private async move(tx: Runner, m: TicketMove): Promise<void> {
    const set = { status: m.to, updatedAt: m.at, ...(m.stamp ? { [m.stamp]: m.at } : {}), ...m.set };
    if ((await this.update(tx, "Ticket", m.ticketId, set, { status: m.from })) !== 1)
      throw new ConflictError(`ticket ${m.ticketId} is no longer ${m.from.join("/")}`);
    await this.refreshDue(tx, m.ticketId);
  }

  /** A callback's result (only while pending), a rating (only once) or a comment: anything else rolls the message back. */
  private async answerCallback(tx: Runner, a: NonNullable<WriteSet["callbackAnswer"]>): Promise<void> {
    const guard: Guard = a.by === "steward" ? { status: "pending" } : a.by === "resident" ? { residentRating: null } : {};
    if ((await this.update(tx, "Callback", a.id, a.set, guard)) !== 1) throw new ConflictError(`callback ${a.id} was already answered`);
  }

  /** Ticket.nextDueAt follows every change: the deadlines that still matter in the new status, and how far each has climbed. */
  async refreshDue(tx: Runner, ticketId: string): Promise<void> {
    const r = await tx.one(Q.deadlines, { id: ticketId });
    if (!r) return;
    const next = nextDeadline(r.status as TicketStatus, deadlinesOf(r), readJson<Escalations>(r.escalations) ?? {}, this.policyOf(r.propertyId), r);
    await tx.run(Q.setDue, { at: next, id: ticketId });
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
