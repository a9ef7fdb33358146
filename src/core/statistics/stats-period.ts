import { z } from "zod";
import { dayPeriod, monthPeriod, type Period } from "../policy/periods.js";
import { wallTime } from "../policy/zoned.js";

/** What the statistics' URL asks for: a day, a week (Monday first), a month, or days from–to; in the property's zone. */
export const periodQuery = z.object({
  period: z.enum(["day", "week", "month", "custom"]).default("month"),
  /** the day (YYYY-MM-DD; of a week: any day in it) or month (YYYY-MM); default: see defaultDate */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}(-\d{2})?$/, "a day as YYYY-MM-DD or a month as YYYY-MM")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type PeriodQuery = z.output<typeof periodQuery>;

export interface StatsPeriod extends Period {
  kind: PeriodQuery["period"];
  /** the first and last day, YYYY-MM-DD (what the board's from/to take) */
  firstDay: string;
  lastDay: string;
  days: number;
}

const pad = (n: number) => String(n).padStart(2, "0");
const utcDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const keyOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const parts = (s: string) => s.split("-").map(Number) as [number, number, number];

function span(kind: PeriodQuery["period"], key: string, first: Date, days: number, tz: string): StatsPeriod {
  const last = utcDay(first.getUTCFullYear(), first.getUTCMonth() + 1, first.getUTCDate() + days - 1);
  const a = dayPeriod(first.getUTCFullYear(), first.getUTCMonth() + 1, first.getUTCDate(), tz);
  const b = dayPeriod(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate(), tz);
  return { kind, key, from: a.from, to: b.to, firstDay: keyOf(first), lastDay: keyOf(last), days };
}

export class PeriodError extends Error {}

/**
 * The period asked for. Without a date: a month is last month until the 7th (the monthly report's days), this
 * month after; a week is this week; a day is today. Custom: from–to, both days included, at most 366 days.
 */
export function statsPeriod(q: PeriodQuery, now: Date, tz: string): StatsPeriod {
  const w = wallTime(now, tz);
  const today = utcDay(w.year, w.month, w.day);
  if (q.period === "custom") {
    if (!q.from || !q.to) throw new PeriodError("a custom period needs from and to (YYYY-MM-DD)");
    const a = utcDay(...parts(q.from));
    const b = utcDay(...parts(q.to));
    const days = Math.round((b.getTime() - a.getTime()) / 86_400_000) + 1;
    if (days < 1 || days > 366) throw new PeriodError("from must come before to, at most 366 days apart");
    return span("custom", `${keyOf(a)}..${keyOf(b)}`, a, days, tz);
  }
  if (q.period === "month") {
    let y = w.year;
    let m = w.month;
    if (q.date) [y, m] = parts(q.date);
    else if (w.day <= 7) [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1];
    if (!(m >= 1 && m <= 12)) throw new PeriodError("no such month");
    const p = monthPeriod(y, m, tz);
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { ...span("month", p.key, utcDay(y, m, 1), days, tz), key: p.key };
  }
  // (a month given for a day or week: its first day)
  const day = q.date ? utcDay(...parts(q.date.length === 7 ? `${q.date}-01` : q.date)) : today;
  if (Number.isNaN(day.getTime())) throw new PeriodError("no such day");
  if (q.period === "day") return span("day", keyOf(day), day, 1, tz);
  const monday = utcDay(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return span("week", `${keyOf(monday)}/W`, monday, 7, tz);
}

/** The period just before, as long (a month: the month before). */
export function previousPeriod(p: StatsPeriod, tz: string): StatsPeriod {
  const [y, m, d] = parts(p.firstDay);
  if (p.kind === "month") return statsPeriod({ period: "month", date: m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}` }, p.from, tz);
  const first = utcDay(y, m, d - p.days);
  return span(
    p.kind,
    p.kind === "day" ? keyOf(first) : p.kind === "week" ? `${keyOf(first)}/W` : `${keyOf(first)}..${keyOf(utcDay(y, m, d - 1))}`,
    first,
    p.days,
    tz,
  );
}

/** The days of the period (YYYY-MM-DD), or its months (YYYY-MM) when it is longer than two months. */
export function buckets(p: StatsPeriod): string[] {
  const [y, m, d] = parts(p.firstDay);
  const out: string[] = [];
  for (let i = 0; i < p.days; i++) out.push(keyOf(utcDay(y, m, d + i)));
  return p.days > 62 ? [...new Set(out.map((k) => k.slice(0, 7)))] : out;
}
