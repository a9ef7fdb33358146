// (Over 200 lines: the one writer of a message's changes — each kind of change it may carry is a few lines here; the queries are in hot-path-queries.ts.)
import { roomLabel, type ChannelName, type Lang, type Place, type TicketStatus } from "../core/ticket/domain.js";
import { nextDeadline, type Escalations } from "../core/deadlines/escalation.js";
import type { Policy } from "../core/policy/policy.js";
import type { ConversationState } from "../core/conversation/engine.js";
import type { StoredResident, StoredSession, TicketMove, WriteSet } from "../core/ports.js";
import type { CallbackPatch, TicketPatch } from "../core/patches.js";
import { ConflictError } from "../core/errors.js";
import { writeHandoff } from "./handoff-store.js";
import { placeColumns } from "./rows.js";
import { deadlinesOf, guardValues, Q, updateQuery, type Guard } from "./hot-path-queries.js";
import type { Runner } from "./sql/runner.js";
import { Semaphore } from "./sql/semaphore.js";
import { readDate, readJson } from "./sql/values.js";

// (the queries and the record types the sweeps share, for those who import them from here)
export { DEADLINE_COLUMNS, deadlinesOf, insertEvent, insertOutbox, type DeadlineRow, type Guard } from "./hot-path-queries.js";
import { nextValue } from "./counters.js";
import { orderedId } from "../core/ids.js";

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
    for (const h of s.handoffs ?? []) await writeHandoff(tx, h);
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
  change(c: {
    handoffs?: WriteSet["handoffs"];
    moves?: TicketMove[];
    assignments?: WriteSet["assignments"];
    events?: WriteSet["events"];
    outbox?: WriteSet["outbox"];
    callbackAnswer?: WriteSet["callbackAnswer"];
  }): Promise<void> {
    return this.db.transaction(async (tx) => {
      if (c.callbackAnswer) await this.answerCallback(tx, c.callbackAnswer);
      for (const h of c.handoffs ?? []) await writeHandoff(tx, h);
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
