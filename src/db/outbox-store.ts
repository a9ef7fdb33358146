import { randomUUID } from "node:crypto";
import type BetterSqlite3 from "better-sqlite3";
import type { ChannelName } from "../core/domain.js";
import type { Reply } from "../core/flow/types.js";
import type { OutboxRow, OutboxStore } from "../outbox/dispatcher.js";
import { ts } from "./hot-path.js";

/**
 * The outbox on the hot-path connection: the process writes through one connection only, so the
 * dispatcher's updates never wait on the intake's commits (SQLite has one writer at a time).
 */
export class SqliteOutboxStore implements OutboxStore {
  private readonly q;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly defaultProperty: string,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      due: p(`SELECT id, recipient, payload, attempts FROM OutboxMessage
        WHERE status = 'pending' AND channel = @channel AND account = @account AND nextAttemptAt <= @now
          AND recipient NOT IN (SELECT value FROM json_each(@busy))
          AND recipient NOT IN (SELECT recipient FROM OutboxMessage WHERE status = 'pending' AND channel = @channel AND account = @account AND nextAttemptAt > @now)
        ORDER BY createdAt, id LIMIT @limit`),
      sent: p(`UPDATE OutboxMessage SET status = 'sent', sentAt = ?, attempts = attempts + 1 WHERE id = ?`),
      retry: p(`UPDATE OutboxMessage SET attempts = ?, nextAttemptAt = ?, lastError = ? WHERE id = ?`),
      dead: p(`UPDATE OutboxMessage SET status = 'dead', attempts = ?, nextAttemptAt = ?, lastError = ? WHERE id = ?`),
      resident: p(`SELECT id, propertyId FROM ResidentIdentity WHERE channel = ? AND externalId = ?`),
      staff: p(`SELECT i.staffId, s.propertyId FROM StaffIdentity i JOIN Staff s ON s.id = i.staffId WHERE i.channel = ? AND i.externalId = ?`),
      residentUnreachable: p(`UPDATE ResidentIdentity SET unreachable = 1, updatedAt = ? WHERE id = ?`),
      staffUnreachable: p(`UPDATE StaffIdentity SET unreachable = 1 WHERE channel = ? AND externalId = ?`),
      event: p(`INSERT INTO Event (id, propertyId, ticketId, type, actor, channel, data, at) VALUES (?, ?, NULL, 'identity.unreachable', ?, ?, ?, ?)`),
      eventOf: p(`INSERT INTO Event (id, propertyId, ticketId, type, actor, channel, data, at) VALUES (?, ?, NULL, ?, ?, NULL, ?, ?)`),
    };
    const markSent = db.transaction((batch: { id: string; at: Date }[]) => {
      for (const b of batch) this.q.sent.run(ts(b.at), b.id);
    });
    // A sent mark skips its own fsync (WAL keeps order; the next durable commit carries it).
    // Lost only to a power cut, and then the message is sent once more: Telegram has no
    // idempotency key, so that window exists in any case.
    this.markSentTx = (batch) => {
      db.pragma("synchronous = NORMAL");
      try {
        markSent(batch);
      } finally {
        db.pragma("synchronous = FULL");
      }
    };
    this.markUnreachableTx = db.transaction((channel: ChannelName, recipient: string, at: Date, reason: string) => {
      const resident = this.q.resident.get(channel, recipient) as { id: string; propertyId: string } | undefined;
      const staff = this.q.staff.get(channel, recipient) as { staffId: string; propertyId: string } | undefined;
      if (resident) this.q.residentUnreachable.run(ts(at), resident.id);
      if (staff) this.q.staffUnreachable.run(channel, recipient);
      const data = { recipient, reason, resident: resident?.id ?? null, staff: staff?.staffId ?? null };
      this.q.event.run(randomUUID(), resident?.propertyId ?? staff?.propertyId ?? this.defaultProperty, `${channel}:bot`, channel, JSON.stringify(data), ts(at));
    });
  }

  private readonly markUnreachableTx: (channel: ChannelName, recipient: string, at: Date, reason: string) => void;
  private readonly markSentTx: (batch: { id: string; at: Date }[]) => void;

  async due(channel: ChannelName, account: string, now: Date, busy: readonly string[], limit: number): Promise<OutboxRow[]> {
    const rows = this.q.due.all({ channel, account, now: ts(now), busy: JSON.stringify(busy), limit }) as { id: string; recipient: string; payload: string; attempts: number }[];
    return rows.map((r) => ({ id: r.id, recipient: r.recipient, payload: JSON.parse(r.payload) as Reply, attempts: r.attempts }));
  }

  /** Sent marks of one event-loop turn share one transaction (one fsync), as the intake's commits do. */
  markSent(id: string, at: Date): Promise<void> {
    return new Promise((resolve, reject) => {
      this.sentQueue.push({ id, at, resolve, reject });
      if (this.sentQueue.length === 1) setImmediate(() => this.flushSent());
    });
  }

  private sentQueue: { id: string; at: Date; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushSent() {
    const batch = this.sentQueue;
    this.sentQueue = [];
    try {
      this.markSentTx(batch);
      for (const b of batch) b.resolve();
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }

  async retryLater(id: string, attempts: number, at: Date, error: string): Promise<void> {
    this.q.retry.run(attempts, ts(at), error.slice(0, 500), id);
  }

  async markDead(id: string, attempts: number, at: Date, error: string): Promise<void> {
    this.q.dead.run(attempts, ts(at), error.slice(0, 500), id);
  }

  /**
   * An alert to every bound, reachable staff account on the given channels (with the account each
   * channel sends from); returns the rows to hand to the senders. One transaction with its event.
   */
  alertStaff(text: string, senders: ReadonlyMap<ChannelName, string>, event: { propertyId: string; type: string; at: Date }): { channel: ChannelName; row: OutboxRow }[] {
    const channels = [...senders.keys()];
    if (!channels.length) return [];
    const out: { channel: ChannelName; row: OutboxRow }[] = [];
    this.db.transaction(() => {
      const identities = this.db
        .prepare(`SELECT channel, externalId FROM StaffIdentity WHERE unreachable = 0 AND channel IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(channels)) as { channel: ChannelName; externalId: string }[];
      for (const i of identities) {
        const id = randomUUID();
        const payload = { text };
        this.db
          .prepare(`INSERT INTO OutboxMessage (id, channel, account, recipient, payload, status, attempts, nextAttemptAt, createdAt) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)`)
          .run(id, i.channel, senders.get(i.channel)!, i.externalId, JSON.stringify(payload), ts(event.at), ts(event.at));
        out.push({ channel: i.channel, row: { id, recipient: i.externalId, payload, attempts: 0 } });
      }
      this.q.eventOf.run(randomUUID(), event.propertyId, event.type, "system", JSON.stringify({ alerted: out.length }), ts(event.at));
    })();
    return out;
  }

  async markUnreachable(channel: ChannelName, recipient: string, at: Date, reason: string): Promise<void> {
    this.markUnreachableTx(channel, recipient, at, reason);
  }
}
