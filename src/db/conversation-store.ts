// (Over 200 lines: the store behind the intake's ports (sessions, residents, readers, the workforce, ticket numbers); the store seam of issue 13 splits it by port.)
import { OPEN_STATUSES, type Category, type ChannelName, type Place, type TicketStatus } from "../core/ticket/domain.js";
import type { Reply, SimilarTicket, TicketSummary } from "../core/conversation/types.js";
import type { ConversationStore, StoredResident, StoredSession, WriteSet } from "../core/ports.js";
import type { BoundStaff, OfferedOrder, StaffStore } from "../core/staff/staff-turn.js";
import type { Reachable, Workforce } from "../core/dispatch/records.js";
import type { Roster } from "../core/dispatch/roster.js";
import type { Callback, Ticket } from "../generated/prisma/client.js";
import type { CallbackStore, CallbackView } from "../core/callbacks/callback-desk.js";
import type { QuoteStore } from "../core/quotes/quote-desk.js";
import type { NewTimeStore } from "../core/visits/new-time.js";
import { wallTime } from "../core/policy/zoned.js";
import type { Database } from "./client.js";
import { GroupCommitter } from "./committer.js";
import type { HotPath } from "./hot-path.js";
import { nextValue } from "./counters.js";
import { ResidentReads } from "./resident-reads.js";
import { deadlinesOfRow, placeText } from "./rows.js";

/**
 * The intake's storage: the per-message path (session, resident, group commit) through the query layer,
 * the rarer reads (progress, redeliveries) through Prisma; either database.
 */
export class DbConversationStore implements ConversationStore, StaffStore, Workforce, CallbackStore, QuoteStore, NewTimeStore {
  readonly committer: GroupCommitter;
  /** the report flow's reads before filing (repeats, the day's count) */
  private readonly reads: ResidentReads;
  /** the day prefixes whose counter this process has seeded from the numbers stored */
  private readonly seeded = new Map<string, Promise<number>>();

  constructor(
    private readonly db: Database,
    private readonly hot: HotPath,
  ) {
    this.committer = new GroupCommitter(hot.writeAll);
    if (hot.db.provider === "postgresql") this.exclusive = (key, work) => hot.exclusive(key, work);
    this.reads = new ResidentReads(hot.db);
  }

  async loadSession(key: string): Promise<StoredSession | undefined> {
    return this.hot.loadSession(key);
  }

  async loadResident(key: string): Promise<StoredResident | undefined> {
    return this.hot.loadResident(key);
  }

  async repliesTo(channel: ChannelName, account: string, externalId: string): Promise<Reply[] | undefined> {
    const inbound = await this.db.inboundMessage.findUnique({ where: { channel_account_externalId: { channel, account, externalId } } });
    if (!inbound) return undefined;
    const rows = await this.db.outboxMessage.findMany({ where: { inboundId: inbound.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map((r) => JSON.parse(r.payload) as Reply);
  }

  commit(ws: WriteSet): Promise<void> {
    return this.committer.commit(ws);
  }

  /** Several instances share a PostgreSQL database: each chat's turn takes its lock (see ConversationStore). */
  readonly exclusive?: ConversationStore["exclusive"];

  async listForResident(residentId: string, statuses: readonly TicketStatus[], limit: number): Promise<TicketSummary[]> {
    const rows = await this.db.ticket.findMany({
      where: { residentId, status: { in: [...statuses] } },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: limit,
    });
    return rows.map(summary);
  }

  async openSince(residentId: string, place: Place | null, since: Date): Promise<SimilarTicket[]> {
    return this.reads.openSince(residentId, place, since);
  }

  async filedSince(residentId: string, since: Date): Promise<number> {
    return this.reads.filedSince(residentId, since);
  }

  /**
   * Is this chat a staff member's? Asked of every message by the desks, so kept 5 s (a resident's "no" too), as the
   * staff list is; a binding or a staff change here forgets it at once (forgetWorkforce), elsewhere within 5 s.
   */
  async staffByIdentity(channel: ChannelName, externalId: string): Promise<BoundStaff | undefined> {
    const key = `${channel}:${externalId}`;
    const hit = this.identities.get(key);
    if (hit && Date.now() - hit.at < 5000) return hit.staff;
    const row = await this.db.staffIdentity.findUnique({ where: { channel_externalId: { channel, externalId } }, include: { staff: true } });
    const staff = row?.staff.active ? { id: row.staff.id, name: row.staff.name, propertyId: row.staff.propertyId } : undefined;
    if (this.identities.size >= 50_000) this.identities.clear();
    this.identities.set(key, { staff, at: Date.now() });
    return staff;
  }
  private readonly identities = new Map<string, { staff: BoundStaff | undefined; at: number }>();

  async bindCode(code: string) {
    const row = await this.db.bindCode.findUnique({ where: { code }, include: { staff: true } });
    return row
      ? { staffId: row.staffId, staffName: row.staff.name, propertyId: row.staff.propertyId, expiresAt: row.expiresAt, usedAt: row.usedAt }
      : undefined;
  }

  async openOrdersOf(staffId: string): Promise<TicketSummary[]> {
    const rows = await this.db.ticket.findMany({
      where: { assigneeId: staffId, status: { in: [...OPEN_STATUSES] } },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      take: 20,
    });
    return rows.map(summary);
  }

  async ordersIn(staffId: string, statuses: readonly TicketStatus[]): Promise<OfferedOrder["ticket"][]> {
    const rows = await this.db.ticket.findMany({
      where: { assigneeId: staffId, status: { in: [...statuses] } },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      take: 20,
    });
    return rows.map(orderTicket);
  }

  async awaitingQuote(propertyId: string): Promise<OfferedOrder["ticket"][]> {
    const rows = await this.db.ticket.findMany({
      where: { propertyId, status: "received", quoteStatus: "requested" },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      take: 20,
    });
    return rows.map(orderTicket);
  }

  async lastUrge(ticketId: string): Promise<{ status: string; level: number } | undefined> {
    const e = await this.db.event.findFirst({ where: { ticketId, type: "ticket.urged" }, orderBy: [{ at: "desc" }, { id: "desc" }] });
    const data = e?.data as { status?: string; level?: number } | null | undefined;
    return data?.status ? { status: data.status, level: data.level ?? 0 } : undefined;
  }

  async ticketById(ticketId: string) {
    const t = await this.db.ticket.findUnique({ where: { id: ticketId } });
    return t ? { ...orderTicket(t), quoteStatus: t.quoteStatus, quoteFen: t.quoteFen, quoteNote: t.quoteNote } : undefined;
  }

  async assignment(id: string): Promise<OfferedOrder | undefined> {
    const a = await this.db.assignment.findUnique({ where: { id }, include: { staff: true, ticket: true } });
    if (!a) return undefined;
    return {
      id: a.id,
      status: a.status,
      staffId: a.staffId,
      level: a.level,
      staff: { name: a.staff.name, phone: a.staff.phone },
      ticket: orderTicket(a.ticket),
    };
  }

  async callback(id: string): Promise<CallbackView | undefined> {
    return this.callbackView(await this.db.callback.findUnique({ where: { id }, include: { ticket: true } }));
  }

  async firstCallbackOf(ticketId: string): Promise<CallbackView | undefined> {
    return this.callbackView(await this.db.callback.findFirst({ where: { ticketId, kind: "first" }, orderBy: { seq: "desc" }, include: { ticket: true } }));
  }

  async lastRecordedBy(staffId: string, since: Date): Promise<CallbackView | undefined> {
    return this.callbackView(
      await this.db.callback.findFirst({
        where: { stewardId: staffId, status: "done", doneAt: { gte: since } },
        orderBy: [{ doneAt: "desc" }, { id: "desc" }],
        include: { ticket: true },
      }),
    );
  }

  private async callbackView(c: (Callback & { ticket: Ticket }) | null): Promise<CallbackView | undefined> {
    if (!c) return undefined;
    const othersPending = await this.db.callback.count({ where: { ticketId: c.ticketId, status: "pending", id: { not: c.id } } });
    const t = c.ticket;
    return {
      id: c.id,
      kind: c.kind as CallbackView["kind"],
      status: c.status,
      residentRating: c.residentRating,
      othersPending,
      ticket: {
        id: t.id,
        number: t.number,
        status: t.status as TicketStatus,
        propertyId: t.propertyId,
        place: placeText(t),
        description: t.description,
        urgency: t.urgency,
        assigneeId: t.assigneeId,
        residentId: t.residentId,
      },
    };
  }

  private readonly workforce = new Map<string, { at: number; staff: Promise<Reachable[]> }>();

  /**
   * Active staff with their open load and reachable chat accounts. Read on every filed report, so
   * kept for a few seconds (staff change rarely; a binding clears it at once); `fresh` reads anew.
   */
  staffOf(propertyId: string, opts: { fresh?: boolean } = {}): Promise<Reachable[]> {
    const hit = this.workforce.get(propertyId);
    if (!opts.fresh && hit && Date.now() - hit.at < 5000) return hit.staff;
    const staff = this.readStaff(propertyId);
    this.workforce.set(propertyId, { at: Date.now(), staff });
    return staff;
  }

  /** a binding (or any staff change) is seen by the next dispatch */
  forgetWorkforce(): void {
    this.workforce.clear();
    this.identities.clear();
  }

  private async readStaff(propertyId: string): Promise<Reachable[]> {
    const rows = await this.db.staff.findMany({ where: { propertyId, active: true }, include: { identities: { where: { unreachable: false } } } });
    const loads = await this.db.ticket.groupBy({
      by: ["assigneeId"],
      where: { propertyId, assigneeId: { not: null }, status: { in: [...OPEN_STATUSES] } },
      _count: true,
    });
    const load = new Map(loads.map((l) => [l.assigneeId, l._count]));
    return rows.map((s) => ({
      id: s.id,
      name: s.name,
      roles: s.roles as string[],
      skills: s.skills as string[],
      buildings: s.buildings as string[],
      roster: (s.roster as Roster | null) ?? null,
      lang: s.lang === "en" ? ("en" as const) : ("zh" as const),
      superiorId: s.superiorId,
      openLoad: load.get(s.id) ?? 0,
      lastAssignedAt: s.lastAssignedAt,
      contacts: s.identities.map((i) => ({ channel: i.channel as ChannelName, externalId: i.externalId })),
    }));
  }

  /**
   * BS + the property's local date + a daily sequence, counted in the database (atomic: several instances
   * never give one number twice). The first number a process gives on a day is at least one past the highest
   * stored (numbers given before the counter existed).
   */
  async nextNumber(_propertyId: string, now: Date, timezone: string): Promise<string> {
    const w = wallTime(now, timezone);
    const prefix = `BS${w.year}${String(w.month).padStart(2, "0")}${String(w.day).padStart(2, "0")}-`;
    let seed = this.seeded.get(prefix);
    if (!seed) {
      seed = this.db.ticket
        .findFirst({ where: { number: { startsWith: prefix } }, orderBy: { number: "desc" }, select: { number: true } })
        .then((row) => (row ? Number(row.number.slice(prefix.length)) : 0) + 1);
      this.seeded.set(prefix, seed);
      const value = await nextValue(this.hot.db, prefix, await seed);
      return `${prefix}${String(value).padStart(4, "0")}`;
    }
    await seed;
    return `${prefix}${String(await nextValue(this.hot.db, prefix)).padStart(4, "0")}`;
  }
}

function summary(r: Ticket): TicketSummary {
  return {
    id: r.id,
    number: r.number,
    status: r.status as TicketStatus,
    description: r.description,
    place: placeText(r),
    appointmentAt: r.appointmentAt,
    asap: r.asap,
    receivedAt: r.receivedAt,
  };
}

function orderTicket(t: Ticket): OfferedOrder["ticket"] {
  return {
    id: t.id,
    number: t.number,
    status: t.status as TicketStatus,
    residentId: t.residentId,
    propertyId: t.propertyId,
    description: t.description,
    place: placeText(t),
    phone: t.phone,
    appointmentAt: t.appointmentAt,
    arriveDueAt: t.arriveDueAt,
    category: (t.category as Category | null) ?? null,
    urgency: t.urgency,
    nature: t.nature,
    severity: t.severity,
    resolveDueAt: t.resolveDueAt,
    building: t.building,
    attachments: Array.isArray(t.attachments) ? t.attachments.length : 0,
    pausedAt: t.pausedAt,
    pausedMs: t.pausedMs,
    holdReason: t.holdReason,
    holdFrom: t.holdFrom,
    deadlines: deadlinesOfRow(t),
    assigneeId: t.assigneeId,
    receivedAt: t.receivedAt,
    nextDueAt: t.nextDueAt,
    urges: t.urges,
    lastUrgedAt: t.lastUrgedAt,
  };
}
