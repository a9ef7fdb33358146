import { z } from "zod";

/** A duration as people write it: 15m, 2h, 24h, 3d, "3 working days", 3工作日. */
export interface Duration {
  minutes: number;
  /** counted on working days only (skips weekends and configured holidays) */
  working: boolean;
}

const UNIT_MINUTES: Record<string, number> = {
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
  分钟: 1,
  h: 60,
  hour: 60,
  hours: 60,
  小时: 60,
  d: 1440,
  day: 1440,
  days: 1440,
  天: 1440,
  日: 1440,
};

export function parseDuration(input: string): Duration | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(working\s+days?|工作日|[a-z\u4e00-\u9fff]+)\s*$/i.exec(input);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase().replace(/\s+/g, " ");
  if (/^working days?$|^工作日$/.test(unit)) return { minutes: n * 1440, working: true };
  const per = UNIT_MINUTES[unit];
  return per === undefined ? undefined : { minutes: Math.round(n * per), working: false };
}

export const durationSchema = z.string().transform((s, ctx) => {
  const d = parseDuration(s);
  if (!d) {
    ctx.addIssue({ code: "custom", message: `"${s}" is not a duration (write e.g. 15m, 4h, 3d, 3 working days)` });
    return z.NEVER;
  }
  return d;
});
