import type { FastifyInstance } from "fastify";
import type { ChannelName, Text } from "../core/ticket/domain.js";
import type { OutboxRow } from "../outbox/sender.js";

/**
 * One shape for every chat channel (wechaty's one puppet interface is the model): what the service starts,
 * hands committed replies to, waits for and stops, and what its messages can show. Web chat, Telegram and
 * WeChat implement it; app.ts builds them from a list.
 */
export interface Channel {
  readonly name: ChannelName;
  /** the account replies go from, as recorded on outbox rows ("" when the channel has one) */
  readonly account: string;
  /** how it shows choices (buttons, numbered replies, chips) and whether it can ask for a contact */
  readonly renders: { choices: "buttons" | "numbered" | "chips"; contactButton: boolean };
  /** replies travel in the HTTP answer itself (web chat): their outbox rows are born sent */
  readonly inline: boolean;
  /** connects (after the HTTP server listens: a webhook must be reachable when registered) */
  start(): Promise<void>;
  /** rows just committed: send them */
  offer(rows: readonly OutboxRow[]): void;
  /** resolves once everything due has been sent or given up */
  flushed(): Promise<void>;
  stop(): Promise<void>;
  /** the leases it holds across instances (a bot account's sender), for /healthz */
  leases?(): string[];
  /** routes it adds to the HTTP server (Telegram's webhook), and to the admin API (WeChat's QR code) */
  routes?(app: FastifyInstance): void;
  adminRoutes?(api: FastifyInstance): void;
  /** an attachment's bytes by the ref it was stored under (the console shows a report's photos); undefined when gone */
  file?(ref: string): Promise<{ type: string; body: Buffer } | undefined>;
}

/** What the channels themselves say (kept in conversations/channel-texts.ts, zh and en). */
export interface ChannelTexts {
  /** Telegram's command menu (setMyCommands), in both languages */
  commandMenu: readonly { command: string; description: Text }[];
  /** a slash command as the words the flows already know: /start → 菜单 */
  slashWords: Readonly<Record<string, string>>;
  /** the button that shares the resident's phone (Telegram) */
  sharePhone: string;
  /** numbered choices where there are no buttons (WeChat): "回复 1 确认，2 修改" */
  numbered: { reply: Text; comma: Text };
  /** web chat: too many messages at once */
  tooFast: string;
  /** WeChat logged out: told to bound staff on the other channels ({name}: the account) */
  wechatLoggedOut: string;
}
