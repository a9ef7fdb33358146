import type { Policy } from "./policy.js";
import { fromWallTime, wallTime } from "./zoned.js";

/**
 * Which daily and monthly reports have fallen due, on the property's clock (SPEC §4: the day's
 * follow-up at 15:30; last month's statistics by the 2nd).
 */
const pad = (n: number) => String(n).padStart(2, "0");
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A local calendar day or month, and the instants it runs between. */
export interface Period {
  key: string;
  from: Date;
  to: Date;
}

export function dayPeriod(year: number, month: number, day: number, tz: string): Period {
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return {
    key: `${year}-${pad(month)}-${pad(day)}`,
    from: fromWallTime({ year, month, day, hour: 0, minute: 0 }, tz),
    to: fromWallTime({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 }, tz),
  };
}

export function monthPeriod(year: number, month: number, tz: string): Period {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    key: `${year}-${pad(month)}`,
    from: fromWallTime({ year, month, day: 1, hour: 0, minute: 0 }, tz),
    to: fromWallTime({ ...next, day: 1, hour: 0, minute: 0 }, tz),
  };
}

/** The property's calendar date now, as a period key (2026-12-01). */
export function dayKey(now: Date, tz: string): string {
  const w = wallTime(now, tz);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** The days whose follow-up is due by now, newest last: today once past digestAt, and up to `back` days before (catch-up). */
export function dueDays(now: Date, policy: Policy, back = 6): Period[] {
  const w = wallTime(now, policy.timezone);
  const todayDue = w.hour * 60 + w.minute >= minutesOf(policy.digestAt);
  const out: Period[] = [];
  for (let k = back; k >= (todayDue ? 0 : 1); k--) {
    const d = new Date(Date.UTC(w.year, w.month - 1, w.day - k));
    out.push(dayPeriod(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), policy.timezone));
  }
  return out;
}

/**
 * Last month, once this month's report day and hour have come; else undefined. Later in the month
 * only when catching up (an earlier month was reported, so this one was missed, not never due).
 */
export function dueMonth(now: Date, policy: Policy, catchUp: boolean): Period | undefined {
  const w = wallTime(now, policy.timezone);
  const onTheDay = w.day === policy.monthlyReportDay && w.hour * 60 + w.minute >= minutesOf(policy.digestAt);
  const reached = onTheDay || (catchUp && w.day > policy.monthlyReportDay);
  if (!reached) return undefined;
  return w.month === 1 ? monthPeriod(w.year - 1, 12, policy.timezone) : monthPeriod(w.year, w.month - 1, policy.timezone);
}
