import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A message the bot sent, as the double recorded it. */
export interface Sent {
  message_id: number;
  chat_id: string;
  text: string;
  reply_markup?: any;
  at: number;
}

export interface Limits {
  perSecond: number;
  chatPerSecond: number;
  chatBurst: number;
  groupPerMinute: number;
}

type Forced = { code: number; description: string; retry_after?: number };

/**
 * Plays Telegram's Bot API over real HTTP on loopback: grammY's own client talks to it through
 * TELEGRAM_API_ROOT. It keeps updates for getUpdates (long polling) or posts them to a webhook,
 * records every call, enforces the sending limits (429 with retry_after, counted as violations),
 * and can be told to fail: 429 or 500 storms, a user who blocked the bot (403).
 */
export class BotApiDouble {
  readonly me = {
    id: 777000,
    is_bot: true,
    first_name: "阳光花园报事",
    username: "sunny_baoshi_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
  readonly sent: Sent[] = [];
  readonly calls: { method: string; body: any }[] = [];
  violations = 0;
  webhook: { url: string; secret?: string } | undefined;
  /** told of every message the bot sends (the benchmark measures update → reply with it) */
  onSent: ((s: Sent) => void) | undefined;
  private server!: Server;
  private updates: any[] = [];
  private nextUpdateId = 1000;
  private nextMessageId = 1;
  private waiters: (() => void)[] = [];
  private forced: Forced[] = [];
  private readonly blocked = new Set<string>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly recentSends: number[] = [];
  url = "";

  constructor(private readonly limits: Limits) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const w of this.waiters.splice(0)) w();
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  // ---- what users do ----

  /** A user writes to the bot (in a private chat, or in a group when chat is given). */
  say(
    user: { id: number; first_name: string; last_name?: string },
    text: string,
    opts: { chat?: { id: number; type: "group" | "supergroup" }; entities?: any[]; replyToBot?: boolean; replyTo?: { text: string } } = {},
  ) {
    const entities =
      opts.entities ?? [...text.matchAll(/(^|\s)(\/\w+(@\w+)?)/g)].map((m) => ({ type: "bot_command", offset: m.index! + m[1]!.length, length: m[2]!.length }));
    return this.message(
      user,
      {
        text,
        ...(entities.length ? { entities } : {}),
        ...(opts.replyToBot || opts.replyTo
          ? { reply_to_message: { message_id: 1, date: 0, chat: { id: opts.chat?.id }, from: this.me, ...(opts.replyTo ? { text: opts.replyTo.text } : {}) } }
          : {}),
      },
      opts.chat,
    );
  }
  shareContact(user: { id: number; first_name: string }, phone: string) {
    return this.message(user, { contact: { phone_number: phone, first_name: user.first_name, user_id: user.id } });
  }
  sendPhoto(user: { id: number; first_name: string }, caption?: string) {
    return this.message(user, {
      photo: [
        { file_id: "small-1", file_unique_id: "s1", width: 90, height: 90 },
        { file_id: "big-1", file_unique_id: "b1", width: 1280, height: 960 },
      ],
      ...(caption ? { caption } : {}),
    });
  }
  /** A user presses an inline button of a message the bot sent. */
  press(user: { id: number; first_name: string }, sent: Sent, label: string) {
    const button = (sent.reply_markup?.inline_keyboard ?? []).flat().find((b: any) => b.text.includes(label));
    if (!button) throw new Error(`no button "${label}" on: ${sent.text}`);
    return this.push({
      callback_query: {
        id: `cb${this.nextUpdateId}`,
        from: { ...user, is_bot: false },
        chat_instance: "ci",
        data: button.callback_data,
        message: { message_id: sent.message_id, date: 0, chat: { id: Number(sent.chat_id), type: "private" }, text: sent.text },
      },
    });
  }

  private message(user: { id: number; first_name: string; last_name?: string }, content: object, chat?: { id: number; type: string }) {
    return this.push({
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        from: { ...user, is_bot: false },
        chat: chat ?? { id: user.id, type: "private", first_name: user.first_name },
        ...content,
      },
    });
  }

  /** Queues an update (or delivers it to the webhook); the same update may be pushed twice, as Telegram redelivers. */
  push(body: object, updateId = this.nextUpdateId++): any {
    const update = { update_id: updateId, ...body };
    this.updates.push(update);
    for (const w of this.waiters.splice(0)) w();
    return update;
  }

  /** Webhook mode: posts an update the way Telegram does; returns the HTTP status. */
  async deliver(update: any, secret = this.webhook?.secret): Promise<number> {
    const res = await fetch(this.webhook!.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
      body: JSON.stringify(update),
    });
    return res.status;
  }

  // ---- failures ----

  /** The next n sendMessage calls fail with this answer. */
  fail(n: number, answer: Forced) {
    for (let i = 0; i < n; i++) this.forced.push(answer);
  }
  /** Messages to this chat are taken (recorded as sent) but never answered: the sender cannot know they arrived. */
  hold(chatId: number) {
    this.held.add(String(chatId));
  }
  private readonly held = new Set<string>();
  block(chatId: number) {
    this.blocked.add(String(chatId));
  }

  // ---- reading what happened ----

  /** photos, voice notes, videos and files the bot sent, in order */
  readonly media: { method: string; chat_id: string; file: string; caption?: string }[] = [];

  sentTo(chatId: number): Sent[] {
    return this.sent.filter((s) => s.chat_id === String(chatId));
  }
  lastTo(chatId: number): Sent {
    const all = this.sentTo(chatId);
    if (!all.length) throw new Error(`nothing sent to ${chatId}`);
    return all.at(-1)!;
  }
  callsOf(method: string) {
    return this.calls.filter((c) => c.method === method);
  }
  /** Waits (real time: this is I/O with the service) until the condition holds. */
  async until(condition: () => boolean, what: string, ms = 15000): Promise<void> {
    const end = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; sent: ${JSON.stringify(this.sent.map((s) => [s.chat_id, s.text.slice(0, 30)]))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  /** Waits for the n-th message to this chat and returns it. */
  async nth(chatId: number, n: number): Promise<Sent> {
    await this.until(() => this.sentTo(chatId).length >= n, `message ${n} to ${chatId}`);
    return this.sentTo(chatId)[n - 1]!;
  }

  // ---- the Bot API ----

  /** a 1×1 PNG: what every file the double holds contains */
  static readonly PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

  private async route(req: IncomingMessage, res: ServerResponse) {
    // a file's bytes, as Telegram serves them after getFile
    if (/^\/file\/bot[^/]+\/photos\//.test(req.url ?? "")) {
      res.writeHead(200, { "content-type": "image/png", "content-length": BotApiDouble.PNG.length });
      return res.end(BotApiDouble.PNG);
    }
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    let raw = "";
    for await (const chunk of req) raw += chunk;
    if (!m) return this.reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const method = m[2]!;
    const body = raw ? JSON.parse(raw) : {};
    this.calls.push({ method, body });
    switch (method) {
      case "getMe":
        return this.ok(res, this.me);
      case "getUpdates":
        return this.getUpdates(req, res, body);
      case "sendMessage":
        return this.sendMessage(res, body);
      case "sendPhoto":
      case "sendVoice":
      case "sendVideo":
      case "sendDocument": {
        // files the bot sends on (a resident's photo to the steward): kept apart from the text messages
        const file = body.photo ?? body.voice ?? body.video ?? body.document;
        this.media.push({ method, chat_id: String(body.chat_id), file: String(file), caption: body.caption });
        return this.ok(res, { message_id: this.nextMessageId++, date: 0, chat: { id: body.chat_id, type: "private" } });
      }
      case "setWebhook":
        this.webhook = { url: body.url, secret: body.secret_token };
        return this.ok(res, true);
      case "deleteWebhook":
        this.webhook = undefined;
        return this.ok(res, true);
      case "getFile":
        return this.ok(res, {
          file_id: body.file_id,
          file_unique_id: `u-${body.file_id}`,
          file_size: BotApiDouble.PNG.length,
          file_path: `photos/${body.file_id}.png`,
        });
      case "setMyCommands":
      case "answerCallbackQuery":
        return this.ok(res, true);
      case "editMessageReplyMarkup":
        return this.ok(res, { message_id: body.message_id, date: 0, chat: { id: body.chat_id, type: "private" } });
      default:
        return this.reply(res, 404, { ok: false, error_code: 404, description: `Not Found: method ${method}` });
    }
  }

  private async getUpdates(req: IncomingMessage, res: ServerResponse, body: any) {
    const offset = body.offset ?? 0;
    this.updates = this.updates.filter((u) => u.update_id >= offset);
    if (!this.updates.length && body.timeout) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, body.timeout * 1000);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
        req.on("close", () => resolve());
      });
    }
    if (res.destroyed) return;
    this.ok(res, this.updates.slice(0, body.limit ?? 100));
  }

  private sendMessage(res: ServerResponse, body: any) {
    const forced = this.forced.shift();
    if (forced)
      return this.reply(res, forced.code, {
        ok: false,
        error_code: forced.code,
        description: forced.description,
        ...(forced.retry_after ? { parameters: { retry_after: forced.retry_after } } : {}),
      });
    const chat = String(body.chat_id);
    if (this.blocked.has(chat)) return this.reply(res, 403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    const now = Date.now();
    if (!this.take(chat, now)) {
      this.violations++;
      return this.reply(res, 429, { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    }
    const sent: Sent = { message_id: this.nextMessageId++, chat_id: chat, text: body.text, reply_markup: body.reply_markup, at: now };
    this.sent.push(sent);
    this.onSent?.(sent);
    if (this.held.has(chat)) return;
    this.ok(res, {
      message_id: sent.message_id,
      date: Math.floor(now / 1000),
      chat: { id: Number(chat), type: chat.startsWith("-") ? "group" : "private" },
      text: body.text,
    });
  }

  /** Telegram's limits: the bot's sends in any second, and each chat's token bucket. */
  private take(chat: string, now: number): boolean {
    // a sliding second, with a little slack for timer jitter between two processes
    while (this.recentSends.length && now - this.recentSends[0]! >= 950) this.recentSends.shift();
    if (this.recentSends.length >= this.limits.perSecond) return false;
    const group = chat.startsWith("-");
    const capacity = group ? this.limits.groupPerMinute : this.limits.chatBurst;
    const refillMs = group ? 60000 / this.limits.groupPerMinute : 1000 / this.limits.chatPerSecond;
    const b = this.buckets.get(chat) ?? { tokens: capacity, at: now };
    // a little slack for timer jitter between two processes' clocks
    b.tokens = Math.min(capacity, b.tokens + (now - b.at) / (refillMs * 0.9));
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(chat, b);
      return false;
    }
    b.tokens -= 1;
    this.buckets.set(chat, b);
    this.recentSends.push(now);
    return true;
  }

  private ok(res: ServerResponse, result: unknown) {
    this.reply(res, 200, { ok: true, result });
  }
  private reply(res: ServerResponse, status: number, body: unknown) {
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }
}
