import type { FastifyInstance } from "fastify";
import { wechatQrRoute, type LoginState } from "./qr-route.js";
export type { LoginState } from "./qr-route.js";
import type { Channel, ChannelTexts } from "../channel.js";
import type { SenderLease } from "../../outbox/sender-lease.js";
import { createRequire } from "node:module";
import { WechatyBuilder, type Message, type Wechaty } from "wechaty";
import type { WechatyOptions } from "wechaty";
import type { Clock } from "../../core/policy/clock.js";
import type { Intake } from "../../core/intake/intake.js";
import type { Logger } from "../../core/log.js";
import { OutboxSender, type Deliverer, type Delivery, type OutboxRow, type OutboxStore } from "../../outbox/sender.js";
import { toInbound } from "./inbound.js";
import { withNumberedChoices } from "./numbered.js";
import { wechatPacing, type WechatPacing } from "./pacing.js";

export interface WechatSettings {
  /** puppet package name (WECHATY_PUPPET) */
  puppet: string;
  puppetToken?: string;
  /** memory name: the login is remembered as <name>.memory-card.json where the puppet allows */
  name: string;
  propertyId?: string;
  pacing: WechatPacing;
  maxAttempts: number;
}

export class PuppetMissingError extends Error {}

/** untyped package: imported by name */
const QR_TERMINAL: string = "qrcode-terminal";

/**
 * The WeChat channel through Wechaty: the same flows as everywhere, choices as numbered replies,
 * groups only when the account is @mentioned (and replies @mention the sender). The puppet is the
 * deployer's choice; tests hand in wechaty-puppet-mock.
 */
export class WechatChannel implements Channel {
  readonly name = "wechat" as const;
  readonly renders = { choices: "numbered", contactButton: false } as const;
  readonly inline = false;
  private bot: Wechaty | undefined;
  private sender: OutboxSender | undefined;
  private lease: SenderLease | undefined;
  login: LoginState;

  constructor(
    private readonly s: WechatSettings,
    private readonly deps: {
      intake: Intake;
      outbox: OutboxStore;
      clock: Clock;
      log: Logger;
      /** a puppet instance (tests); otherwise the package named in the settings */
      puppet?: WechatyOptions["puppet"];
      /** tells bound staff on another channel (a logout must not go unnoticed) */
      alertStaff: (text: string) => Promise<void>;
      /** the login's lease across instances: only its holder runs the puppet and sends */
      senderLease: (name: string, on: { gained(): Promise<void>; lost(): Promise<void>; failed(err: unknown): void }) => SenderLease;
      texts: ChannelTexts;
    },
  ) {
    this.login = { status: "starting", at: deps.clock.now() };
  }

  /** the login QR code, for the admin (GET /api/wechat/qr) */
  adminRoutes(api: FastifyInstance): void {
    wechatQrRoute(api, this);
  }

  /** A photo or file a resident sent, fetched through the puppet (only the instance running the login can). */
  async file(ref: string): Promise<{ type: string; body: Buffer } | undefined> {
    const id = /^wechat-message:(.+)$/.exec(ref)?.[1];
    const m = id && this.bot ? await this.bot.Message.find({ id }).catch(() => undefined) : undefined;
    if (!m) return undefined;
    const box = await m.toFileBox();
    const body = await box.toBuffer();
    const type = box.mediaType && box.mediaType !== "application/unknown" ? box.mediaType : /\.png$/i.test(box.name) ? "image/png" : "image/jpeg";
    return { type, body };
  }

  /** the account id replies are recorded under */
  get account(): string {
    return this.s.name;
  }

  /**
   * The login lives in one puppet: only the instance holding this account's lease runs it (receives and sends);
   * another takes over within JOB_LEASE when the holder dies (and logs in again, a QR scan if the puppet needs one).
   */
  async start(): Promise<void> {
    this.lease = this.deps.senderLease(`sender:wechat:${this.s.name}`, {
      gained: () => this.lead(),
      lost: () => this.follow(),
      failed: (err) => this.deps.log.warn({ err: String(err) }, "wechat: the sender's lease could not be renewed"),
    });
    await this.lease.start();
  }

  leases(): string[] {
    return this.lease?.holds ? [this.lease.name] : [];
  }

  private async lead(): Promise<void> {
    const { log } = this.deps;
    const bot = WechatyBuilder.build({
      name: this.s.name,
      puppet: (this.deps.puppet ?? this.s.puppet) as WechatyOptions["puppet"],
      ...(this.s.puppetToken ? { puppetOptions: { token: this.s.puppetToken } } : {}),
    });
    this.bot = bot;
    bot.on("scan", (qrcode, status) => {
      this.login = { status: "scan", qrcode, at: this.deps.clock.now() };
      log.info(
        { status, url: `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}` },
        "wechat: scan the QR code to log in (also at GET /api/wechat/qrcode)",
      );
      // printed in the terminal for whoever started the service
      void import(QR_TERMINAL)
        .then((q: { default: { generate(text: string, opts: { small: boolean }): void } }) => q.default.generate(qrcode, { small: true }))
        .catch(() => undefined);
    });
    bot.on("login", (user) => {
      this.login = { status: "logged_in", user: user.name(), at: this.deps.clock.now() };
      log.info({ user: user.name() }, "wechat: logged in");
      void this.sender?.poll();
    });
    bot.on("logout", (user, reason) => {
      this.login = { status: "logged_out", at: this.deps.clock.now() };
      log.warn({ user: user.name(), reason }, "wechat: logged out");
      void this.deps
        .alertStaff(this.deps.texts.wechatLoggedOut.replace("{name}", user.name()))
        .catch((err) => log.error({ err: String(err) }, "wechat: could not alert staff"));
    });
    bot.on("error", (err) => log.error({ err: String(err) }, "wechat: puppet error"));
    bot.on("message", (m) => void this.handleMessage(m).catch((err) => log.error({ messageId: m.id, err: String(err) }, "wechat: message not recorded")));

    this.sender = new OutboxSender(this.deps.outbox, this.deliverer(bot), wechatPacing(this.s.pacing), this.deps.clock, log, {
      maxAttempts: this.s.maxAttempts,
    });
    await bot.start();
    this.sender.start();
    log.info({ puppet: this.s.puppet }, "wechat channel started");
  }

  /** One message in; a repeated message id changes nothing (the intake's dedupe key). */
  async handleMessage(m: Message): Promise<void> {
    const msg = await toInbound(m, this.account, this.s.propertyId);
    if (msg) await this.deps.intake.handle(msg);
  }

  offer(rows: readonly OutboxRow[]): void {
    if (this.sender) this.sender.offer(rows);
    else this.lease?.poke();
  }

  async flushed(): Promise<void> {
    await this.lease?.settled();
    await this.sender?.idle();
  }

  /** The lease went to another instance: this one stops its puppet and its sender. */
  private async follow(): Promise<void> {
    await this.sender?.stop();
    this.sender = undefined;
    await this.bot?.stop();
    this.bot = undefined;
  }

  async stop(): Promise<void> {
    await this.lease?.stop();
    await this.follow();
  }

  private deliverer(bot: Wechaty): Deliverer {
    const texts = this.deps.texts;
    return {
      channel: "wechat",
      account: this.account,
      async deliver(recipient, payload): Promise<Delivery> {
        if (!bot.isLoggedIn) return { kind: "retry", afterMs: 60_000, reason: "not logged in" };
        try {
          const text = withNumberedChoices(payload, texts.numbered);
          const [roomId, memberId] = recipient.split("|");
          if (memberId) {
            const room = await bot.Room.find({ id: roomId! });
            if (!room) return { kind: "failed", reason: `room ${roomId} not found` };
            const member = await bot.Contact.find({ id: memberId });
            await (member ? room.say(text, member) : room.say(text));
          } else {
            const contact = await bot.Contact.find({ id: recipient });
            if (!contact) return { kind: "unreachable", reason: `contact ${recipient} not found` };
            await contact.say(text);
          }
          return { kind: "sent" };
        } catch (err) {
          return { kind: "retry", reason: String(err) };
        }
      },
    };
  }
}

/** A puppet the deployer named but did not install: one clear line, not a stack trace. */
export function assertPuppetInstalled(name: string): void {
  try {
    createRequire(import.meta.url).resolve(name);
  } catch {
    throw new PuppetMissingError(`config error: WECHATY_PUPPET "${name}" is not installed; run: npm install ${name}`);
  }
}
