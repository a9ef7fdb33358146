// (Over 200 lines: every query of the outbox in one place (due rows, claims, retries, dead letters and their alerts, crash recovery).)
import { orderedId } from "../core/ids.js";
import type { ChannelName, Lang } from "../core/ticket/domain.js";
import type { DeadLetterTexts } from "../core/ports.js";
import { fill } from "../core/conversation/text.js";
import type { Reply } from "../core/conversation/types.js";
import type { OutboxRow, OutboxStore } from "../outbox/sender.js";
import { Batch } from "./batch.js";
import { insertEvent, insertOutbox } from "./hot-path-queries.js";
import { param, query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";
import { readJson } from "./sql/values.js";

type Alert = { channel: ChannelName; row: OutboxRow };

/** An alert to a staff account: an outbox row due now, not yet sent, caused by no inbound message. */
const alertRow = (id: string, channel: ChannelName, account: string, recipient: string, payload: Reply, at: Date, ticketId: string | null) => ({
  id,
  channel,
  account,
  recipient,
  payload: JSON.stringify(payload),
  status: "pending",
  nextAttemptAt: at,
  sentAt: null,
  inboundId: null,
  ticketId,
  createdAt: at,
});

const Q = {
  // a recipient whose earlier message waits for a retry keeps its order: nothing later of theirs goes first
  due: query<{ id: string; recipient: string; payload: string; attempts: number }>((k) =>
    k
      .selectFrom("OutboxMessage")
      .select(["id", "recipient", "payload", "attempts"])
      .where("status", "=", "pending")
      .where("channel", "=", param("channel"))
      .where("account", "=", param("account"))
      .where("nextAttemptAt", "<=", param("now"))
      .where("recipient", "not in", (eb) =>
        eb
          .selectFrom("OutboxMessage as w")
          .select("w.recipient")
          .where("w.status", "=", "pending")
          .where("w.channel", "=", param("channel"))
          .where("w.account", "=", param("account"))
          .where("w.nextAttemptAt", ">", param("now")),
      )
      .orderBy("createdAt")
      .orderBy("id")
      .limit(param("limit")),
  ),
  sent: query((k) =>
    k
      .updateTable("OutboxMessage")
      .set((eb) => ({ status: "sent", sentAt: param("at"), attempts: eb("attempts", "+", 1) }))
      .where("id", "=", param("id")),
  ),
  // one winner: on PostgreSQL a row another transaction is claiming is skipped (FOR UPDATE SKIP LOCKED), not waited for
  claim: query((k, _json, provider) => {
    const claim = k.updateTable("OutboxMessage").set({ status: "sending", claimedAt: param("at") });
    return provider === "postgresql"
      ? claim.where("id", "=", (eb) =>
          eb.selectFrom("OutboxMessage as c").select("c.id").where("c.id", "=", param("id")).where("c.status", "=", "pending").forUpdate().skipLocked(),
        )
      : claim.where("id", "=", param("id")).where("status", "=", "pending");
  }),
  retry: query((k) =>
    k
      .updateTable("OutboxMessage")
      .set({ status: "pending", attempts: param("attempts"), nextAttemptAt: param("at"), lastError: param("error") })
      .where("id", "=", param("id")),
  ),
  dead: query((k) =>
    k
      .updateTable("OutboxMessage")
      .set({ status: "dead", attempts: param("attempts"), nextAttemptAt: param("at"), lastError: param("error") })
      .where("id", "=", param("id")),
  ),
  row: query<{
    channel: ChannelName;
    recipient: string;
    payload: string;
    ticketId: string | null;
    number: string | null;
    propertyId: string | null;
    phone: string | null;
  }>((k) =>
    k
      .selectFrom("OutboxMessage as o")
      .leftJoin("Ticket as t", "t.id", "o.ticketId")
      .select(["o.channel", "o.recipient", "o.payload", "o.ticketId", "t.number", "t.propertyId", "t.phone"])
      .where("o.id", "=", param("id")),
  ),
  stale: query<{ id: string }>((k) =>
    k.selectFrom("OutboxMessage").select("id").where("status", "=", "sending").where("claimedAt", "<=", param("before")).orderBy("claimedAt").limit(500),
  ),
  release: query((k) => k.updateTable("OutboxMessage").set({ status: "pending" }).where("status", "=", "held").where("nextAttemptAt", "<=", param("now"))),
  unconfirmed: query((k) =>
    k
      .updateTable("OutboxMessage")
      .set({ status: "unconfirmed", lastError: param("error") })
      .where("id", "=", param("id"))
      .where("status", "=", "sending"),
  ),
  // (roles are JSON: who is a steward or a supervisor is read in code, the same on both databases)
  staffAccounts: query<{ name: string; roles: unknown; lang: string; channel: ChannelName; externalId: string }>((k) =>
    k
      .selectFrom("Staff as s")
      .innerJoin("StaffIdentity as i", "i.staffId", "s.id")
      .select(["s.name", "s.roles", "s.lang", "i.channel", "i.externalId"])
      .where("s.propertyId", "=", param("propertyId"))
      .where("s.active", "=", param<boolean>("yes"))
      .where("i.unreachable", "=", param<boolean>("no")),
  ),
  reachable: query<{ channel: ChannelName; externalId: string }>((k) =>
    k.selectFrom("StaffIdentity").select(["channel", "externalId"]).where("unreachable", "=", param<boolean>("no")),
  ),
  resident: query<{ id: string; propertyId: string }>((k) =>
    k.selectFrom("ResidentIdentity").select(["id", "propertyId"]).where("channel", "=", param("channel")).where("externalId", "=", param("externalId")),
  ),
  staff: query<{ staffId: string; propertyId: string }>((k) =>
    k
      .selectFrom("StaffIdentity as i")
      .innerJoin("Staff as s", "s.id", "i.staffId")
      .select(["i.staffId", "s.propertyId"])
      .where("i.channel", "=", param("channel"))
      .where("i.externalId", "=", param("externalId")),
  ),
  residentUnreachable: query((k) =>
    k
      .updateTable("ResidentIdentity")
      .set({ unreachable: param<boolean>("yes"), updatedAt: param("at") })
      .where("id", "=", param("id")),
  ),
  staffUnreachable: query((k) =>
    k
      .updateTable("StaffIdentity")
      .set({ unreachable: param<boolean>("yes") })
      .where("channel", "=", param("channel"))
      .where("externalId", "=", param("externalId")),
  ),
  event: insertEvent,
  alert: insertOutbox,
};

/**
 * The outbox's storage, on the connection (SQLite: the one the process writes through, so the senders'
 * updates never wait on the intake's commits) or the pool (PostgreSQL).
 */
export class DbOutboxStore implements OutboxStore {
  private readonly claims: Batch<{ id: string; at: Date }, boolean>;
  private readonly sent: Batch<{ id: string; at: Date }, undefined>;
  /** the running senders (channel → account) and how to hand them rows: set by the app once channels exist */
  senders: () => ReadonlyMap<ChannelName, string> = () => new Map();
  offer: (alerts: Alert[]) => void = () => undefined;

  constructor(
    private readonly db: Runner,
    private readonly defaultProperty: string,
    private readonly texts: DeadLetterTexts,
  ) {
    // A sent mark skips its own wait for the disk (lost only to a power cut, and then the message is sent once
    // more: Telegram has no idempotency key, so that window exists in any case).
    this.sent = new Batch((batch) =>
      db.transaction(
        async (tx) => {
          for (const b of batch) await tx.run(Q.sent, b);
          return batch.map(() => undefined);
        },
        { lazy: true },
      ),
    );
    // claims of one event-loop turn share one durable transaction (one fsync before those sends)
    this.claims = new Batch((batch) =>
      db.transaction(async (tx) => {
        const out: boolean[] = [];
        for (const b of batch) out.push((await tx.run(Q.claim, b)) === 1);
        return out;
      }),
    );
  }

  claim(id: string, at: Date): Promise<boolean> {
    return this.claims.add({ id, at });
  }

  async due(channel: ChannelName, account: string, now: Date, busy: readonly string[], limit: number): Promise<OutboxRow[]> {
    // (the recipients whose chain is running are left out here: a list of any length is no prepared statement)
    const skip = new Set(busy);
    const rows = await this.db.all(Q.due, { channel, account, now, limit: limit + skip.size });
    return rows
      .filter((r) => !skip.has(r.recipient))
      .slice(0, limit)
      .map((r) => ({ id: r.id, recipient: r.recipient, payload: JSON.parse(r.payload) as Reply, attempts: Number(r.attempts) }));
  }

  /** Sent marks of one event-loop turn share one transaction, as the intake's commits do. */
  markSent(id: string, at: Date): Promise<void> {
    return this.sent.add({ id, at });
  }

  async retryLater(id: string, attempts: number, at: Date, error: string): Promise<void> {
    await this.db.run(Q.retry, { attempts, at, error: error.slice(0, 500), id });
  }

  async markDead(id: string, attempts: number, at: Date, error: string): Promise<void> {
    const alerts = await this.db.transaction(async (tx) => {
      await tx.run(Q.dead, { attempts, at, error: error.slice(0, 500), id });
      return this.deadLetter(tx, id, "outbox.dead", error, at);
    });
    this.offer(alerts);
  }

  /** Quiet hours over: held messages become pending, and the senders' next look sends them. */
  releaseHeld(now: Date): Promise<number> {
    return this.db.run(Q.release, { now });
  }

  /**
   * Rows a sender claimed and never marked (the process died mid-send, perhaps after Telegram took
   * the message): never sent again, so nothing is doubled; marked unconfirmed and a steward alerted to
   * check by phone. Claims older than `olderThan` only (a live sender finishes in seconds).
   */
  async recoverClaims(olderThan: Date, at: Date): Promise<number> {
    let n = 0;
    const alerts = await this.db.transaction(async (tx) => {
      const out: Alert[] = [];
      for (const { id } of await tx.all(Q.stale, { before: olderThan })) {
        if ((await tx.run(Q.unconfirmed, { error: "the sender stopped after claiming it: delivery unknown, not resent", id })) !== 1) continue;
        n++;
        out.push(...(await this.deadLetter(tx, id, "outbox.unconfirmed", this.texts.interrupted.zh, at)));
      }
      return out;
    });
    this.offer(alerts);
    return n;
  }

  /** A message that did not (surely) arrive: an event, and the property's stewards (else supervisors) told, on another channel where they can be. */
  private async deadLetter(tx: Runner, id: string, type: string, reason: string, at: Date): Promise<Alert[]> {
    const r = await tx.one(Q.row, { id });
    if (!r) return [];
    const text = (JSON.parse(r.payload) as Reply).text;
    const propertyId = r.propertyId ?? this.defaultProperty;
    const data = { outboxId: id, channel: r.channel, ticketId: r.ticketId, reason: reason.slice(0, 200) };
    await tx.run(Q.event, { id: orderedId(), propertyId, ticketId: null, type, actor: "outbox", channel: null, data, at });
    // an alert about an alert would bounce between failing channels: stop at one
    if (text.startsWith(this.texts.mark.zh) || text.startsWith(this.texts.mark.en)) return [];
    const senders = this.senders();
    const staff = (await tx.all(Q.staffAccounts, { propertyId, yes: true, no: false }))
      .map((s) => ({ ...s, roles: readJson<string[]>(s.roles) ?? [] }))
      .filter(
        (s) =>
          (s.roles.includes("steward") || s.roles.includes("supervisor")) &&
          senders.has(s.channel) &&
          !(s.channel === r.channel && s.externalId === r.recipient),
      );
    const stewards = staff.filter((s) => s.roles.includes("steward"));
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
    const out: Alert[] = [];
    for (const s of byPerson.values()) {
      const payload = payloadFor(s.lang === "en" ? "en" : "zh");
      const rowId = orderedId();
      await tx.run(Q.alert, alertRow(rowId, s.channel, senders.get(s.channel)!, s.externalId, payload, at, r.ticketId));
      out.push({ channel: s.channel, row: { id: rowId, recipient: s.externalId, payload, attempts: 0 } });
    }
    return out;
  }

  /**
   * An alert to every bound, reachable staff account on the given channels (with the account each
   * channel sends from); returns the rows to hand to the senders. One transaction with its event.
   */
  alertStaff(text: string, senders: ReadonlyMap<ChannelName, string>, event: { propertyId: string; type: string; at: Date }): Promise<Alert[]> {
    if (!senders.size) return Promise.resolve([]);
    return this.db.transaction(async (tx) => {
      const out: Alert[] = [];
      for (const i of (await tx.all(Q.reachable, { no: false })).filter((i) => senders.has(i.channel))) {
        const id = orderedId();
        const payload = { text };
        await tx.run(Q.alert, alertRow(id, i.channel, senders.get(i.channel)!, i.externalId, payload, event.at, null));
        out.push({ channel: i.channel, row: { id, recipient: i.externalId, payload, attempts: 0 } });
      }
      await tx.run(Q.event, {
        id: orderedId(),
        propertyId: event.propertyId,
        ticketId: null,
        type: event.type,
        actor: "system",
        channel: null,
        data: { alerted: out.length },
        at: event.at,
      });
      return out;
    });
  }

  async markUnreachable(channel: ChannelName, recipient: string, at: Date, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const resident = await tx.one(Q.resident, { channel, externalId: recipient });
      const staff = await tx.one(Q.staff, { channel, externalId: recipient });
      if (resident) await tx.run(Q.residentUnreachable, { yes: true, at, id: resident.id });
      if (staff) await tx.run(Q.staffUnreachable, { yes: true, channel, externalId: recipient });
      const data = { recipient, reason, resident: resident?.id ?? null, staff: staff?.staffId ?? null };
      await tx.run(Q.event, {
        id: orderedId(),
        propertyId: resident?.propertyId ?? staff?.propertyId ?? this.defaultProperty,
        ticketId: null,
        type: "identity.unreachable",
        actor: `${channel}:bot`,
        channel,
        data,
        at,
      });
    });
  }
}
