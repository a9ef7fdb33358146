import type { Channel, ChannelTexts } from "../channel.js";
import type { SenderLease } from "../../outbox/sender-lease.js";
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { Bot, BotError, GrammyError } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Clock } from "../../core/policy/clock.js";
import type { Intake } from "../../core/intake/intake.js";
import type { Logger } from "../../core/log.js";
import { sendError } from "../../http/errors.js";
import { OutboxSender, type OutboxRow, type OutboxStore } from "../../outbox/sender.js";
import { telegramDeliverer } from "./deliver.js";
import { toInbound } from "./inbound.js";
import { telegramLimiter, type TelegramLimits } from "./limiter.js";

export interface TelegramSettings {
  token: string;
  apiRoot: string;
  webhookUrl?: string;
  webhookSecret: string;
  propertyId?: string;
  limits: TelegramLimits;
  maxAttempts: number;
  /** long-polling wait, in seconds */
  pollTimeout?: number;
}

const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/**
 * The Telegram channel: updates (long polling or webhook) into the intake, the outbox out through
 * Telegram's limits. An update counts as handled only once its changes are committed; its
 * (bot, update_id) key is committed with them, so a redelivery changes nothing.
 */
export class TelegramChannel implements Channel {
  readonly name = "telegram" as const;
  readonly renders = { choices: "buttons", contactButton: true } as const;
  readonly inline = false;
  readonly bot: Bot;
  private sender: OutboxSender | undefined;
  private lease: SenderLease | undefined;
  private polling: { abort: AbortController; done: Promise<void> } | undefined;

  constructor(
    private readonly s: TelegramSettings,
    private readonly deps: {
      intake: Intake;
      outbox: OutboxStore;
      clock: Clock;
      log: Logger;
      texts: ChannelTexts;
      /** the bot account's lease across instances: only its holder registers the webhook (or polls) and sends */
      senderLease: (name: string, on: { gained(): Promise<void>; lost(): Promise<void>; failed(err: unknown): void }) => SenderLease;
    },
  ) {
    this.bot = new Bot(s.token, { client: { apiRoot: s.apiRoot } });
    this.bot.use(async (ctx) => {
      const msg = toInbound(ctx.update, ctx.me, deps.texts.slashWords, s.propertyId);
      if (!msg) return;
      await deps.intake.handle(msg);
      if (ctx.callbackQuery) {
        // the spinner stops, and the pressed keyboard goes so it cannot be pressed twice
        await ctx.answerCallbackQuery().catch((err) => this.warn("answerCallbackQuery", err));
        await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch((err) => this.warn("editMessageReplyMarkup", err));
      }
    });
  }

  /** A file a resident sent, fetched from the Bot API (its path first: getFile), for the console; at most 20 MB, as the Bot API allows. */
  async file(ref: string): Promise<{ type: string; body: Buffer } | undefined> {
    const f = await this.bot.api.getFile(ref).catch(() => undefined);
    if (!f?.file_path) return undefined;
    const res = await fetch(`${this.s.apiRoot}/file/bot${this.s.token}/${f.file_path}`);
    if (!res.ok) return undefined;
    const type = res.headers.get("content-type") ?? "application/octet-stream";
    return { type, body: Buffer.from(await res.arrayBuffer()) };
  }

  get me(): UserFromGetMe {
    return this.bot.botInfo;
  }

  /** Webhook mode: the route lives on the service's own server (register before it listens). */
  /** the bot's id, once started */
  get account(): string {
    return String(this.me.id);
  }

  routes(app: FastifyInstance): void {
    this.webhookRoute(app);
  }

  webhookRoute(app: FastifyInstance): void {
    if (!this.s.webhookUrl) return;
    const path = new URL(this.s.webhookUrl).pathname;
    const secret = Buffer.from(this.s.webhookSecret);
    app.post(path, async (req, reply) => {
      const given = Buffer.from(String(req.headers["x-telegram-bot-api-secret-token"] ?? ""));
      if (given.length !== secret.length || !timingSafeEqual(given, secret)) return sendError(reply, 403, "forbidden", "wrong or missing secret token");
      const update = req.body as Update;
      if (typeof update?.update_id !== "number") return sendError(reply, 400, "invalid_update", "body: not a Telegram update");
      try {
        await this.handleUpdate(update);
        return { ok: true };
      } catch (err) {
        // not recorded: Telegram sends it again, and the dedupe key keeps a second delivery harmless
        this.deps.log.error({ updateId: update.update_id, err: String(err) }, "telegram: update not recorded");
        return sendError(reply, 500, "not_recorded", "update not recorded; send it again");
      }
    });
  }

  async start(): Promise<void> {
    await this.bot.init();
    const me = this.bot.botInfo;
    this.lease = this.deps.senderLease(`sender:telegram:${me.id}`, {
      gained: () => this.lead(),
      lost: () => this.follow(),
      failed: (err) => this.deps.log.warn({ err: String(err) }, "telegram: the sender's lease could not be renewed"),
    });
    await this.lease.start();
    this.deps.log.info({ bot: me.username, mode: this.s.webhookUrl ? "webhook" : "long polling", sender: this.lease.holds }, "telegram channel started");
  }

  /** This instance holds the bot's lease: it registers the webhook (or polls) and sends for the account. */
  private async lead(): Promise<void> {
    const me = this.bot.botInfo;
    this.sender = new OutboxSender(
      this.deps.outbox,
      telegramDeliverer(this.bot.api, String(me.id), this.deps.texts.sharePhone),
      telegramLimiter(this.s.limits),
      this.deps.clock,
      this.deps.log,
      { maxAttempts: this.s.maxAttempts },
    );
    const menu = (lang: "zh" | "en") => this.deps.texts.commandMenu.map((c) => ({ command: c.command, description: c.description[lang] }));
    await this.bot.api.setMyCommands(menu("zh"), { language_code: "zh" });
    await this.bot.api.setMyCommands(menu("en"));
    if (this.s.webhookUrl) {
      await this.bot.api.setWebhook(this.s.webhookUrl, { secret_token: this.s.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
    } else {
      await this.bot.api.deleteWebhook();
      const abort = new AbortController();
      this.polling = { abort, done: this.poll(abort.signal) };
    }
    this.sender.start();
    this.deps.log.info({ bot: me.username }, "telegram: this instance sends for the bot");
  }

  /** The lease went to another instance: stop polling and sending (webhook updates are still handled here). */
  private async follow(): Promise<void> {
    this.polling?.abort.abort();
    await this.polling?.done;
    this.polling = undefined;
    await this.sender?.stop();
    this.sender = undefined;
  }

  leases(): string[] {
    return this.lease?.holds ? [this.lease.name] : [];
  }

  /** Replies just committed: send them (or, not holding the lease, ask for it: the holder may be gone). */
  offer(rows: readonly OutboxRow[]): void {
    if (this.sender) this.sender.offer(rows);
    else this.lease?.poke();
  }

  /** resolves once every due reply has been sent or given up (tests, benchmark) */
  async flushed(): Promise<void> {
    await this.lease?.settled();
    await this.sender?.idle();
  }

  async stop(): Promise<void> {
    await this.lease?.stop();
    await this.follow();
  }

  /** Handles one update; throws when it could not be recorded. */
  async handleUpdate(update: Update): Promise<void> {
    try {
      await this.bot.handleUpdate(update);
    } catch (err) {
      throw err instanceof BotError ? err.error : err;
    }
  }

  /**
   * Long polling: every update of a batch is handled at once (the intake keeps each chat in
   * order), and the batch is confirmed only up to the first update that could not be recorded.
   */
  private async poll(signal: AbortSignal): Promise<void> {
    let offset = 0;
    while (!signal.aborted) {
      let updates: Update[];
      try {
        updates = await this.bot.api.getUpdates(
          { offset, timeout: this.s.pollTimeout ?? 25, allowed_updates: [...ALLOWED_UPDATES] },
          signal as Parameters<Bot["api"]["getUpdates"]>[1],
        );
      } catch (err) {
        if (signal.aborted) return;
        const wait = err instanceof GrammyError && err.error_code === 429 ? (err.parameters.retry_after ?? 1) * 1000 : 2000;
        this.deps.log.warn({ err: String(err), waitMs: wait }, "telegram: getUpdates failed");
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      const results = await Promise.allSettled(updates.map((u) => this.handleUpdate(u)));
      const failed = results.findIndex((r) => r.status === "rejected");
      if (failed === -1) {
        if (updates.length) offset = updates.at(-1)!.update_id + 1;
      } else {
        offset = updates[failed]!.update_id;
        this.deps.log.error(
          { updateId: offset, err: String((results[failed] as PromiseRejectedResult).reason) },
          "telegram: update not recorded; will fetch it again",
        );
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private warn(call: string, err: unknown) {
    this.deps.log.warn({ call, err: String(err) }, "telegram: call failed");
  }
}
