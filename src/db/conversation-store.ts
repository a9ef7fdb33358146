import type { ChannelName, Lang, Place, TicketStatus } from "../core/domain.js";
import type { ConversationState } from "../core/flow/engine.js";
import type { Reply, TicketSummary } from "../core/flow/types.js";
import type { ConversationStore, StoredResident, StoredSession, WriteSet } from "../core/ports.js";
import { wallTime } from "../core/zoned.js";
import type { Database } from "./client.js";
import { GroupCommitter } from "./committer.js";
import { placeOf } from "./rows.js";

/** The intake's storage on Prisma: reads through the client, writes through the group committer. */
export class PrismaConversationStore implements ConversationStore {
  readonly committer: GroupCommitter;
  private readonly counters = new Map<string, Promise<{ value: number }>>();

  constructor(private readonly db: Database) {
    this.committer = new GroupCommitter(db);
  }

  async loadSession(key: string): Promise<StoredSession | undefined> {
    const row = await this.db.conversationSession.findUnique({ where: { id: key } });
    if (!row) return undefined;
    return {
      key,
      propertyId: row.propertyId,
      channel: row.channel as ChannelName,
      userId: row.userId,
      conversation: JSON.parse(row.state) as ConversationState,
      updatedAt: row.updatedAt,
      expiresAt: row.expiresAt,
    };
  }

  async loadResident(key: string): Promise<StoredResident | undefined> {
    const row = await this.db.residentIdentity.findUnique({ where: { id: key } });
    if (!row) return undefined;
    return {
      id: row.id,
      propertyId: row.propertyId,
      ...(row.lastPlace ? { place: row.lastPlace as unknown as Place } : {}),
      ...(row.lastPhone ? { phone: row.lastPhone } : {}),
      ...(row.displayName ? { displayName: row.displayName } : {}),
      lang: row.lang as Lang,
    };
  }

  async repliesTo(channel: ChannelName, account: string, externalId: string): Promise<Reply[] | undefined> {
    const inbound = await this.db.inboundMessage.findUnique({ where: { channel_account_externalId: { channel, account, externalId } } });
    if (!inbound) return undefined;
    const rows = await this.db.outboxMessage.findMany({ where: { inboundId: inbound.id }, orderBy: { createdAt: "asc" } });
    return rows.map((r) => JSON.parse(r.payload) as Reply);
  }

  commit(ws: WriteSet): Promise<void> {
    return this.committer.commit(ws);
  }

  async listForResident(residentId: string, statuses: readonly TicketStatus[], limit: number): Promise<TicketSummary[]> {
    const rows = await this.db.ticket.findMany({
      where: { residentId, status: { in: [...statuses] } },
      orderBy: { receivedAt: "desc" },
      take: limit,
    });
    return rows.map((r) => {
      const place = placeOf(r);
      return {
        id: r.id,
        number: r.number,
        status: r.status as TicketStatus,
        description: r.description,
        place: place ? (place.kind === "room" ? r.room : place.location) : null,
        appointmentAt: r.appointmentAt,
        asap: r.asap,
        receivedAt: r.receivedAt,
      };
    });
  }

  /** BS + the property's local date + a daily sequence; seeded once per day from the highest number stored. */
  async nextNumber(_propertyId: string, now: Date, timezone: string): Promise<string> {
    const w = wallTime(now, timezone);
    const prefix = `BS${w.year}${String(w.month).padStart(2, "0")}${String(w.day).padStart(2, "0")}-`;
    let counter = this.counters.get(prefix);
    if (!counter) {
      counter = this.db.ticket
        .findFirst({ where: { number: { startsWith: prefix } }, orderBy: { number: "desc" }, select: { number: true } })
        .then((row) => ({ value: row ? Number(row.number.slice(prefix.length)) : 0 }));
      this.counters.set(prefix, counter);
    }
    const c = await counter;
    c.value += 1;
    return `${prefix}${String(c.value).padStart(4, "0")}`;
  }
}
