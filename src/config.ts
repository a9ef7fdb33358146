import { isTimeZone } from "./core/policy/policy.js";
import { randomBytes } from "node:crypto";
import cron from "node-cron";
import { z } from "zod";
import { durationSchema } from "./core/policy/duration.js";

/** "1s", "300ms", "1500ms" → milliseconds */
const durationMsSchema = z.string().transform((s, ctx) => {
  const m = /^\s*(\d+)\s*(ms|s)\s*$/.exec(s);
  if (!m) {
    ctx.addIssue({ code: "custom", message: `"${s}" is not a duration (write e.g. 1s or 300ms)` });
    return z.NEVER;
  }
  return Number(m[1]) * (m[2] === "s" ? 1000 : 1);
});

/** A node-cron expression (5 fields, or 6 with seconds). */
const cronSchema = z.string().refine((s) => cron.validate(s), 'is not a cron expression (e.g. "* * * * *" for every minute)');

/** Every setting, from the environment (and .env). No other file reads process.env. */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** file:… the embedded SQLite file (the default); postgresql://… a PostgreSQL server (several instances) */
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:.+|postgres(ql)?:\/\/.+)/,
      'must be a SQLite file URL such as "file:./data/baoshi.db" or a PostgreSQL URL such as "postgresql://user@host/baoshi"',
    )
    .default("file:./data/baoshi.db"),
  /** PostgreSQL connections each instance keeps (per pool: the query layer's and Prisma's) */
  DATABASE_POOL: z.coerce.number().int().min(1).max(200).default(10),
  ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** force pretty or JSON logs; default: pretty in a terminal, JSON otherwise */
  LOG_FORMAT: z.enum(["auto", "pretty", "json"]).default("auto"),
  /** the zone readable logs show their times in (JSON lines keep epoch milliseconds) */
  LOG_TIMEZONE: z.string().default("Asia/Shanghai").refine(isTimeZone, "unknown time zone (e.g. Asia/Shanghai)"),
  /** the property served when a channel names none */
  DEFAULT_PROPERTY: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, "use lower-case letters, digits, - or _")
    .default("demo"),
  /** one YAML file per property (policies/<id>.yaml), read at start and on reload (SIGHUP) */
  POLICIES_DIR: z.string().min(1).default("./policies"),
  /** longest message a resident may send, in characters */
  MAX_MESSAGE_LENGTH: z.coerce.number().int().min(50).max(10000).default(1000),
  /** web chat: messages a visitor may send a minute, and the burst allowed */
  WEBCHAT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  WEBCHAT_BURST: z.coerce.number().int().min(1).default(20),
  /** how long a staff member's one-time bind code stays valid */
  BIND_CODE_TTL: durationSchema.prefault("24h"),
  /** the console: how long a sign-in lasts, and the address sign-in links (登录 in chat) point to */
  SESSION_TTL: durationSchema.prefault("12h"),
  PUBLIC_URL: z.url({ message: "must be a URL, e.g. https://baoshi.example.com" }).optional(),
  /** failed console sign-ins allowed per login and per address in 15 minutes */
  SIGN_IN_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  /** an outgoing message is given up (dead) after this many failed tries */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),

  /** When the scheduled jobs run (cron, server time; what each does is due-driven, so a late tick catches up) */
  SCHEDULE_DEADLINES: cronSchema.default("* * * * *"),
  SCHEDULE_CALLBACKS: cronSchema.default("* * * * *"),
  SCHEDULE_OUTBOX: cronSchema.default("* * * * *"),
  /** 转人工 nobody took within the policy's humanAnswer: the supervisors are told */
  SCHEDULE_HANDOFFS: cronSchema.default("* * * * *"),
  /** daily follow-up and monthly statistics: each property's own time (policy digestAt) is checked on every run */
  SCHEDULE_REPORTS: cronSchema.default("*/5 * * * *"),
  /** how long one instance holds a job before another may take it over (longer than one run) */
  JOB_LEASE: durationMsSchema.prefault("120s"),
  /** off: this instance runs no jobs (another instance does) */
  SCHEDULER: z.enum(["on", "off"]).default("on"),

  /** Telegram: the BotFather token turns the channel on */
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]{20,}$/, "must look like 123456:ABC-DEF… (from @BotFather)")
    .optional(),
  /** any Bot API server: the official one, a self-hosted one, or a test double */
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  /** webhook mode when set (public HTTPS URL whose path this service answers); long polling otherwise */
  TELEGRAM_WEBHOOK_URL: z.url().optional(),
  /** checked on every webhook call (X-Telegram-Bot-Api-Secret-Token); generated when unset */
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "use 1–256 letters, digits, _ or -")
    .optional(),
  /** the property this bot serves (default: DEFAULT_PROPERTY) */
  TELEGRAM_PROPERTY: z.string().optional(),
  /** Telegram's sending limits: per bot, per private chat (with a burst), per group */
  TELEGRAM_MAX_PER_SECOND: z.coerce.number().int().min(1).default(30),
  TELEGRAM_CHAT_PER_SECOND: z.coerce.number().min(0.1).default(1),
  TELEGRAM_CHAT_BURST: z.coerce.number().int().min(1).default(3),
  TELEGRAM_GROUP_PER_MINUTE: z.coerce.number().int().min(1).default(20),

  /** WeChat: the Wechaty puppet package turns the channel on (wechaty-puppet-wechat4u, wechaty-puppet-service, …) */
  WECHATY_PUPPET: z
    .string()
    .regex(/^(@[\w-]+\/)?[\w.-]+$/, "must be an npm package name such as wechaty-puppet-wechat4u")
    .optional(),
  /** token for wechaty-puppet-service (and other token puppets) */
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
  /** the login is remembered under this name (a <name>.memory-card.json file), where the puppet allows */
  WECHATY_NAME: z
    .string()
    .regex(/^[\w-]{1,40}$/, "use letters, digits, _ or -")
    .default("baoshi"),
  /** the property this WeChat account serves (default: DEFAULT_PROPERTY) */
  WECHAT_PROPERTY: z.string().optional(),
  /** pacing against WeChat's risk control: gap between two messages to one contact, per-account cap, random jitter */
  WECHAT_CONTACT_GAP: durationMsSchema.prefault("1s"),
  WECHAT_MAX_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  WECHAT_JITTER: durationMsSchema.prefault("1500ms"),
});

export type Config = z.output<typeof schema> & { ADMIN_TOKEN: string; adminTokenGenerated: boolean; TELEGRAM_WEBHOOK_SECRET: string; PUBLIC_URL: string };

export class ConfigError extends Error {}

/** Pure: parses the given variables, or throws one line naming the variable and what is wrong. */
export function createConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const r = schema.safeParse(present);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const name = String(issue.path[0]);
    const got = present[name] === undefined ? "unset" : `got "${String(present[name]).slice(0, 40)}"`;
    throw new ConfigError(`config error: ${name} ${issue.message} (${got})`);
  }
  const token = r.data.ADMIN_TOKEN;
  return {
    ...r.data,
    ADMIN_TOKEN: token ?? randomBytes(24).toString("base64url"),
    adminTokenGenerated: !token,
    TELEGRAM_WEBHOOK_SECRET: r.data.TELEGRAM_WEBHOOK_SECRET ?? randomBytes(24).toString("base64url"),
    PUBLIC_URL: (r.data.PUBLIC_URL ?? `http://localhost:${r.data.PORT}`).replace(/\/$/, ""),
  };
}

export async function loadConfig(): Promise<Config> {
  const { config } = await import("dotenv");
  config({ quiet: true });
  return createConfig(process.env);
}
