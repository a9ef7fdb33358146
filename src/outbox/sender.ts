import type { Clock } from "../core/policy/clock.js";
import type { ChannelName } from "../core/ticket/domain.js";
import type { Reply } from "../core/conversation/types.js";
import type { Logger } from "../core/log.js";

/** What became of one attempt to send. */
export type Delivery =
  | { kind: "sent" }
  /** try again later: Telegram's 429 says when; 5xx and network errors back off */
  | { kind: "retry"; afterMs?: number; reason: string }
  /** the person blocked the bot or left: stop, and tell a steward */
  | { kind: "unreachable"; reason: string }
  /** the channel refused this message for good (400) */
  | { kind: "failed"; reason: string }
  /** not sent here: another sender claimed the row, or it is already done */
  | { kind: "taken" };

/** A channel account's way of sending one message. */
export interface Deliverer {
  readonly channel: ChannelName;
  readonly account: string;
  deliver(recipient: string, payload: Reply): Promise<Delivery>;
}

/** Paces sending (Telegram: per bot, per chat, per group). */
export interface SendLimiter {
  schedule<T>(recipient: string, task: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export interface OutboxRow {
  id: string;
  recipient: string;
  payload: Reply;
  attempts: number;
}

/** What the sender reads and writes. */
export interface OutboxStore {
  /** oldest due rows of this account, never of the recipients listed (their chain is running),
   *  nor of a recipient whose earlier message waits for a retry (order within a chat) */
  due(channel: ChannelName, account: string, now: Date, busy: readonly string[], limit: number): Promise<OutboxRow[]>;
  /**
   * The one permission to send this row (its id is the idempotency key): pending → sending, made
   * durable before the message leaves. false when another sender (instance) holds it or it is done.
   */
  claim(id: string, at: Date): Promise<boolean>;
  markSent(id: string, at: Date): Promise<void>;
  retryLater(id: string, attempts: number, at: Date, error: string): Promise<void>;
  /** given up: the row is dead and a steward is alerted on another channel, in one transaction */
  markDead(id: string, attempts: number, at: Date, error: string): Promise<void>;
  /** the recipient blocked us: the identity is marked and a steward-facing event recorded */
  markUnreachable(channel: ChannelName, recipient: string, at: Date, reason: string): Promise<void>;
}

export interface SenderOptions {
  maxAttempts: number;
  /** how often due rows (retries, and rows left from before a restart) are looked for */
  pollMs?: number;
  /** first back-off after a 5xx or network error; doubles each time, up to a minute */
  backoffMs?: number;
  /** waits up to this long are slept in the chain (keeping the chat's order); longer ones go back to the poller */
  maxInlineWaitMs?: number;
}

/**
 * Sends one channel account's outbox: each chat's messages in order (one chain per chat),
 * different chats side by side, every send through the limiter. Rows just committed are handed
 * over directly (offer); a poll finds the rest — retries that fell due, and whatever a restart
 * left pending. The rows are the truth; memory only saves a query.
 */
export class OutboxSender {
  private readonly busy = new Set<string>();
  private readonly queued = new Map<string, OutboxRow[]>();
  private readonly known = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private polling = false;
  private readonly chains = new Set<Promise<void>>();

  constructor(
    private readonly store: OutboxStore,
    private readonly deliverer: Deliverer,
    private readonly limiter: SendLimiter,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly opts: SenderOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs ?? 1000);
    void this.poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.limiter.stop();
    await Promise.allSettled([...this.chains]);
  }

  /** Rows just committed, in commit order. */
  offer(rows: readonly OutboxRow[]): void {
    if (this.stopped) return;
    for (const row of rows) {
      if (this.known.has(row.id)) continue;
      this.known.add(row.id);
      this.queued.set(row.recipient, [...(this.queued.get(row.recipient) ?? []), row]);
      this.kick(row.recipient);
    }
  }

  /** resolves when nothing is being sent (tests, shutdown) */
  async idle(): Promise<void> {
    while (this.chains.size || this.polling) await Promise.allSettled([...this.chains, new Promise((r) => setImmediate(r))]);
  }

  /** Looks for due rows the sender does not hold yet. */
  async poll(): Promise<void> {
    if (this.stopped || this.polling) return;
    this.polling = true;
    try {
      this.offer(await this.store.due(this.deliverer.channel, this.deliverer.account, this.clock.now(), [...this.busy], 500));
    } catch (err) {
      this.log.error({ channel: this.deliverer.channel, err: String(err) }, "outbox: reading due messages failed");
    } finally {
      this.polling = false;
    }
  }

  private kick(recipient: string): void {
    if (this.busy.has(recipient)) return;
    this.busy.add(recipient);
    const chain = this.chain(recipient).finally(() => {
      this.busy.delete(recipient);
      this.chains.delete(chain);
    });
    this.chains.add(chain);
  }

  /** One chat's messages, strictly in order: a message that must wait holds back those after it. */
  private async chain(recipient: string): Promise<void> {
    for (let row = this.queued.get(recipient)?.shift(); row; row = this.queued.get(recipient)?.shift()) {
      const held = await this.send(recipient, row);
      this.known.delete(row.id);
      if (held) {
        // the rest go back to the database's order; the poll offers them once this one is sent
        for (const r of this.queued.get(recipient) ?? []) this.known.delete(r.id);
        break;
      }
    }
    this.queued.delete(recipient);
  }

  /** Sends one row, retrying short waits in place; true when it must wait longer (or the chat is lost). */
  private async send(recipient: string, row: OutboxRow): Promise<boolean> {
    let attempts = row.attempts;
    for (;;) {
      if (this.stopped) return true;
      attempts++;
      // claimed just before it queues for its slot: the limiter spaces the sends themselves, not the claims (a
      // database round trip of varying length), and a claim is never old unless the sender died (at most ~500 rows
      // are in flight, about 17 s at Telegram's 30/s, against JOB_LEASE's two minutes)
      const claimed = await this.store.claim(row.id, this.clock.now()).catch((err: unknown) => String(err));
      const outcome: Delivery =
        claimed === true
          ? await this.limiter
              .schedule(recipient, (): Promise<Delivery> => this.deliverer.deliver(recipient, row.payload))
              .catch((err): Delivery => ({ kind: "retry", reason: String(err) }))
          : claimed === false
            ? { kind: "taken" }
            : { kind: "retry", reason: claimed };
      const now = this.clock.now();
      if (outcome.kind === "taken") return false;
      if (outcome.kind === "sent") {
        await this.store.markSent(row.id, now);
        return false;
      }
      if (outcome.kind === "unreachable") {
        this.log.warn({ channel: this.deliverer.channel, recipient, reason: outcome.reason }, "outbox: recipient unreachable");
        await this.store.markUnreachable(this.deliverer.channel, recipient, now, outcome.reason);
        for (const r of [row, ...(this.queued.get(recipient) ?? [])]) await this.store.markDead(r.id, attempts, now, outcome.reason);
        return true;
      }
      if (outcome.kind === "failed" || attempts >= this.opts.maxAttempts) {
        this.log.error({ channel: this.deliverer.channel, recipient, attempts, reason: outcome.reason }, "outbox: message given up");
        await this.store.markDead(row.id, attempts, now, outcome.reason);
        return false;
      }
      const wait = outcome.afterMs ?? Math.min(60_000, (this.opts.backoffMs ?? 500) * 2 ** (attempts - 1));
      await this.store.retryLater(row.id, attempts, new Date(now.getTime() + wait), outcome.reason);
      this.log.warn({ channel: this.deliverer.channel, recipient, attempts, waitMs: wait, reason: outcome.reason }, "outbox: will retry");
      if (wait > (this.opts.maxInlineWaitMs ?? 30_000)) return true;
      // pacing the channel asked for: real time by nature, like the limiter's own timers
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
