import pino from "pino";
import { maskPhone, maskPhonesInText } from "./core/conversation/parse/phone.js";
import { isoInZone } from "./core/policy/zoned.js";

/** Deep copy with every phone number masked, in fields and inside text. */
function mask(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return maskPhonesInText(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => mask(v, depth + 1));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = /phone/i.test(k) && typeof v === "string" ? maskPhone(v) : mask(v, depth + 1);
  return out;
}

/** pino with phones masked; readable in a terminal, one JSON line per record otherwise. */
export function createLogger(opts: { level: string; format: "auto" | "pretty" | "json"; destination?: pino.DestinationStream; timeZone?: string }) {
  const pretty = opts.format === "pretty" || (opts.format === "auto" && process.stdout.isTTY && !opts.destination);
  const options: pino.LoggerOptions = {
    level: opts.level,
    base: undefined,
    formatters: { log: (obj) => mask(obj) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === "string" ? maskPhonesInText(a) : a)) as Parameters<typeof method>;
        method.apply(this, masked);
      },
    },
  };
  if (pretty) {
    // the property's clock with its offset ("2026-12-02T05:17:29+08:00"), not the host's (UTC in a container)
    const zone = opts.timeZone ?? "Asia/Shanghai";
    const timestamp = () => `,"time":"${isoInZone(new Date(), zone)}"`;
    return pino({ ...options, timestamp, transport: { target: "pino-pretty", options: { translateTime: false, ignore: "pid,hostname" } } });
  }
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
export type AppLogger = ReturnType<typeof createLogger>;
