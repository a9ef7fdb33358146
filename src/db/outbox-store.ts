// (Over 200 lines: every prepared statement of the outbox in one place (due rows, claims, retries, dead letters and their alerts, crash recovery), on the one connection.)
import { randomUUID } from "node:crypto";
import type BetterSqlite3 from "better-sqlite3";
import type { ChannelName, Lang, Text } from "../core/ticket/domain.js";
import { fill } from "../core/conversation/text.js";
import type { Reply } from "../core/conversation/types.js";
import type { OutboxRow, OutboxStore } from "../outbox/sender.js";
import { ts } from "./hot-path.js";
import { Batch } from "./batch.js";

/** How a dead-letter alert begins (and how one is recognised, so alerts never alert about themselves). */
/** What a steward is told of a message that could not be confirmed delivered (conversations/outbox-texts.ts). */
export interface DeadLetterTexts {
  /** every such alert starts with it (an alert about an alert is never sent) */
  mark: Text;
  /** {mark} {about} {reason} {text} */
  message: Text;
  aboutTicket: Text;
  ownerPhone: Text;
  aboutUser: Text;
  /** the reason when a crash interrupted the send */
  interrupted: Text;
}

/**
 * The outbox on the hot-path connection: the process writes through one connection only, so the
 * dispatcher's updates never wait on the intake's commits (SQLite has one writer at a time).
 */
export class SqliteOutboxStore implements OutboxStore {
  private readonly q;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly defaultProperty: string,
    private readonly texts: DeadLetterTexts,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      due: p(`SELECT id, recipient, payload, attempts FROM OutboxMessage
        WHERE status = 'pending' AND channel = @channel AND account = @account AND nextAttemptAt <= @now
          AND recipient NOT IN (SELECT value FROM json_each(@busy))
          AND recipient NOT IN (SELECT recipient FROM OutboxMessage WHERE status = 'pending' AND channel = @channel AND account = @account AND nextAttemptAt > @now)
        ORDER BY createdAt, id LIMIT @limit`),
      sent: p(`UPDATE OutboxMessage SET status = 'sent', sentAt = ?, attempts = attempts + 1 WHERE id = ?`),
      claim: p(`UPDATE OutboxMessage SET status = 'sending', claimedAt = ? WHERE id = ? AND status = 'pending'`),
      retry: p(`UPDATE OutboxMessage SET status = 'pending', attempts = ?, nextAttemptAt = ?, lastError = ? WHERE id = ?`),
      dead: p(`UPDATE OutboxMessage SET status = 'dead', attempts = ?, nextAttemptAt = ?, lastError = ? WHERE id = ?`),
      row: p(
        `SELECT o.channel, o.recipient, o.payload, o.ticketId, t.number, t.propertyId, t.phone FROM OutboxMessage o LEFT JOIN Ticket t ON t.id = o.ticketId WHERE o.id = ?`,
      ),
      stale: p(`SELECT id FROM OutboxMessage WHERE status = 'sending' AND claimedAt <= ? ORDER BY claimedAt LIMIT 500`),
      release: p(`UPDATE OutboxMessage SET status = 'pending' WHERE status = 'held' AND nextAttemptAt <= ?`),
      unconfirmed: p(`UPDATE OutboxMessage SET status = 'unconfirmed', lastError = ? WHERE id = ? AND status = 'sending'`),
      stewards: p(`SELECT s.name, s.roles, s.lang, i.channel, i.externalId FROM Staff s JOIN StaffIdentity i ON i.staffId = s.id
        WHERE s.propertyId = ? AND s.active = 1 AND i.unreachable = 0 AND (s.roles LIKE '%"steward"%' OR s.roles LIKE '%"supervisor"%')`),
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
    this.sent = new Batch<{ id: string; at: Date }, void>((batch) => {
      db.pragma("synchronous = NORMAL");
      try {
        markSent(batch);
      } finally {
        db.pragma("synchronous = FULL");
      }
      return batch.map(() => undefined);
    });
    const claim = db.transaction((batch: { id: string; at: Date }[]) => batch.map((b) => this.q.claim.run(ts(b.at), b.id).changes === 1));
    this.claims = new Batch(claim);
    this.markUnreachableTx = db.transaction((channel: ChannelName, recipient: string, at: Date, reason: string) => {
      const resident = this.q.resident.get(channel, recipient) as { id: string; propertyId: string } | undefined;
      const staff = this.q.staff.get(channel, recipient) as { staffId: string; propertyId: string } | undefined;
      if (resident) this.q.residentUnreachable.run(ts(at), resident.id);
      if (staff) this.q.staffUnreachable.run(channel, recipient);
      const data = { recipient, reason, resident: resident?.id ?? null, staff: staff?.staffId ?? null };
      this.q.event.run(
        randomUUID(),
        resident?.propertyId ?? staff?.propertyId ?? this.defaultProperty,
        `${channel}:bot`,
        channel,
        JSON.stringify(data),
        ts(at),
      );
    });
  }

  private readonly claims: Batch<{ id: string; at: Date }, boolean>;
  /** the running senders (channel → account) and how to hand them rows: set by the app once channels exist */
  senders: () => ReadonlyMap<ChannelName, string> = () => new Map();
  offer: (alerts: { channel: ChannelName; row: OutboxRow }[]) => void = () => undefined;

  /** Claims of one event-loop turn share one durable transaction (one fsync before those sends). */
  claim(id: string, at: Date): Promise<boolean> {
    return this.claims.add({ id, at });
  }

  private readonly markUnreachableTx: (channel: ChannelName, recipient: string, at: Date, reason: string) => void;
  private readonly sent: Batch<{ id: string; at: Date }, void>;

  async due(channel: ChannelName, account: string, now: Date, busy: readonly string[], limit: number): Promise<OutboxRow[]> {
    const rows = this.q.due.all({ channel, account, now: ts(now), busy: JSON.stringify(busy), limit }) as {
      id: string;
      recipient: string;
      payload: string;
      attempts: number;
    }[];
    return rows.map((r) => ({ id: r.id, recipient: r.recipient, payload: JSON.parse(r.payload) as Reply, attempts: r.attempts }));
  }

  /** Sent marks of one event-loop turn share one transaction (one fsync), as the intake's commits do. */
  markSent(id: string, at: Date): Promise<void> {
    return this.sent.add({ id, at });
  }

  async retryLater(id: string, attempts: number, at: Date, error: string): Promise<void> {
    this.q.retry.run(attempts, ts(at), error.slice(0, 500), id);
  }

  async markDead(id: string, attempts: number, at: Date, error: string): Promise<void> {
    let alerts: { channel: ChannelName; row: OutboxRow }[] = [];
    this.db.transaction(() => {
      this.q.dead.run(attempts, ts(at), error.slice(0, 500), id);
      alerts = this.deadLetter(id, "outbox.dead", error, at);
    })();
    this.offer(alerts);
  }

  /**
   * Rows a sender claimed and never marked (the process died mid-send, perhaps after Telegram took
   * the message): never sent again, so nothing is doubled; marked unconfirmed and a steward alerted to
   * check by phone. Claims older than `olderThan` only (a live sender finishes in seconds).
   */
  /** Quiet hours over: held messages become pending, and the senders' next look sends them. */
  releaseHeld(now: Date): number {
    return this.q.release.run(ts(now)).changes;
  }

  recoverClaims(olderThan: Date, at: Date): number {
    const alerts: { channel: ChannelName; row: OutboxRow }[] = [];
    let n = 0;
    this.db.transaction(() => {
      for (const { id } of this.q.stale.all(ts(olderThan)) as { id: string }[]) {
        if (this.q.unconfirmed.run("the sender stopped after claiming it: delivery unknown, not resent", id).changes !== 1) continue;
        n++;
        alerts.push(...this.deadLetter(id, "outbox.unconfirmed", this.texts.interrupted.zh, at));
      }
    })();
    this.offer(alerts);
    return n;
  }

  /** A message that did not (surely) arrive: an event, and the property's stewards (else supervisors) told, on another channel where they can be. */
  private deadLetter(id: string, type: string, reason: string, at: Date): { channel: ChannelName; row: OutboxRow }[] {
    const r = this.q.row.get(id) as
      | {
          channel: ChannelName;
          recipient: string;
          payload: string;
          ticketId: string | null;
          number: string | null;
          propertyId: string | null;
          phone: string | null;
        }
      | undefined;
    if (!r) return [];
    const text = (JSON.parse(r.payload) as Reply).text;
    const propertyId = r.propertyId ?? this.defaultProperty;
    this.q.eventOf.run(
      randomUUID(),
      propertyId,
      type,
      "outbox",
      JSON.stringify({ outboxId: id, channel: r.channel, ticketId: r.ticketId, reason: reason.slice(0, 200) }),
      ts(at),
    );
    // an alert about an alert would bounce between failing channels: stop at one
    if (text.startsWith(this.texts.mark.zh) || text.startsWith(this.texts.mark.en)) return [];
    const senders = this.senders();
    const staff = (this.q.stewards.all(propertyId) as { name: string; roles: string; lang: string; channel: ChannelName; externalId: string }[]).filter(
      (s) => senders.has(s.channel) && !(s.channel === r.channel && s.externalId === r.recipient),
    );
    const stewards = staff.filter((s) => s.roles.includes('"steward"'));
    const pool = stewards.length ? stewards : staff;
    // one account per person, preferring a channel other than the failed one
    const byPerson = new Map<string, (typeof pool)[number]>();
    for (const s of [...pool].sort((a, b) => Number(a.channel === r.channel) - Number(b.channel === r.channel)))
      if (!byPerson.has(s.name)) byPerson.set(s.name, s);
    const w = this.texts;
    // each steward reads it in their own language
    const payloadFor = (lang: Lang): Reply => {
      const phone = r.phone ? fill(w.ownerPhone[lang], { phone: r.phone.replace(/^\+86/, "") }) : "";
      const about = r.number ? fill(w.aboutTicket[lang], { number: r.number, phone }) : fill(w.aboutUser[lang], { channel: r.channel, user: r.recipient });
      return { text: fill(w.message[lang], { mark: w.mark[lang], about, reason: reason.slice(0, 60), text: text.slice(0, 40) }) };
    };
    const out: { channel: ChannelName; row: OutboxRow }[] = [];
    for (const s of byPerson.values()) {
      const payload = payloadFor(s.lang === "en" ? "en" : "zh");
      const rowId = randomUUID();
      this.db
        .prepare(
          `INSERT INTO OutboxMessage (id, channel, account, recipient, payload, status, attempts, nextAttemptAt, ticketId, createdAt) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
        )
        .run(rowId, s.channel, senders.get(s.channel)!, s.externalId, JSON.stringify(payload), ts(at), r.ticketId, ts(at));
      out.push({ channel: s.channel, row: { id: rowId, recipient: s.externalId, payload, attempts: 0 } });
    }
    return out;
  }

  /**
   * An alert to every bound, reachable staff account on the given channels (with the account each
   * channel sends from); returns the rows to hand to the senders. One transaction with its event.
   */
  alertStaff(
    text: string,
    senders: ReadonlyMap<ChannelName, string>,
    event: { propertyId: string; type: string; at: Date },
  ): { channel: ChannelName; row: OutboxRow }[] {
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
          .prepare(
            `INSERT INTO OutboxMessage (id, channel, account, recipient, payload, status, attempts, nextAttemptAt, createdAt) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
          )
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
