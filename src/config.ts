import { randomBytes } from "node:crypto";
import { z } from "zod";

/** Every setting, from the environment (and .env). No other file reads process.env. */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, 'must be a SQLite file URL such as "file:./data/baoshi.db"')
    .default("file:./data/baoshi.db"),
  ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** force pretty or JSON logs; default: pretty in a terminal, JSON otherwise */
  LOG_FORMAT: z.enum(["auto", "pretty", "json"]).default("auto"),
  /** the property served when a channel names none */
  DEFAULT_PROPERTY: z.string().regex(/^[a-z0-9_-]{1,40}$/, "use lower-case letters, digits, - or _").default("demo"),
  /** create the demo property 阳光花园 when the database has no property */
  DEMO_PROPERTY: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  /** longest message a resident may send, in characters */
  MAX_MESSAGE_LENGTH: z.coerce.number().int().min(50).max(10000).default(1000),
});

export type Config = z.output<typeof schema> & { ADMIN_TOKEN: string; adminTokenGenerated: boolean };

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
  return { ...r.data, ADMIN_TOKEN: token ?? randomBytes(24).toString("base64url"), adminTokenGenerated: !token };
}

export async function loadConfig(): Promise<Config> {
  const { config } = await import("dotenv");
  config({ quiet: true });
  return createConfig(process.env);
}
