import type { Urgency } from "../ticket/domain.js";
import type { Duration } from "./duration.js";
import type { Policy } from "./policy.js";
import { fromWallTime, wallTime, type WallTime } from "./zoned.js";

/**
 * The property's working calendar (SPEC §4): office hours on working days (weekends and holidays
 * off, extra working days on). Every deadline, the sweep, the daily "overdue" list and the monthly
 * timeliness rate count time through these functions, so they always agree.
 *
 * - "office": a non-urgent ticket's clock runs only in office hours. Durations under a day are
 *   counted in office minutes (a 5-minute dispatch step at 23:40 is due at 08:05); a day or more is
 *   counted in calendar days (working days when the policy says so), then moved into office hours.
 * - "round": a very urgent ticket's clock never stops.
 */
export type Hours = "office" | "round";

export const hoursFor = (urgency: Urgency | string | null | undefined): Hours => (urgency === "非常紧急" ? "round" : "office");

const DAY = 86400000;
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** A wall date (as a UTC midnight) is a working day unless a weekend or a holiday; extra working days override. */
export function isWorkingDay(day: Date, policy: Policy): boolean {
  const iso = day.toISOString().slice(0, 10);
  if (policy.workdays.includes(iso)) return true;
  if (policy.holidays.includes(iso)) return false;
  const wd = day.getUTCDay();
  return wd !== 0 && wd !== 6;
}

const dateOf = (w: WallTime) => new Date(Date.UTC(w.year, w.month - 1, w.day));
function at(day: Date, minuteOfDay: number, tz: string): Date {
  return fromWallTime(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 },
    tz,
  );
}

/** Office windows already worked out, per policy (a reloaded policy is a new object) and day. */
const windows = new WeakMap<Policy, Map<number, { start: Date; end: Date }>>();

/** The office window [start, end) of the working day at or after `day`. */
function windowFrom(day: Date, policy: Policy): { start: Date; end: Date } {
  let byDay = windows.get(policy);
  if (!byDay) windows.set(policy, (byDay = new Map()));
  const known = byDay.get(day.getTime());
  if (known) return known;
  let d = day;
  for (let i = 0; i < 400 && !isWorkingDay(d, policy); i++) d = new Date(d.getTime() + DAY);
  const { start, end } = policy.officeHours;
  const w = { start: at(d, toMinutes(start), policy.timezone), end: at(d, toMinutes(end), policy.timezone) };
  if (byDay.size > 5000) byDay.clear();
  byDay.set(day.getTime(), w);
  return w;
}

/** A non-urgent report filed outside office hours waits for the office (very urgent ones never wait). */
export function waitsForTheOffice(t: { urgency: string }, policy: Policy, now: Date): boolean {
  return hoursFor(t.urgency) === "office" && !isOfficeTime(now, policy);
}

/** Is the office open at this instant? */
export function isOfficeTime(instant: Date, policy: Policy): boolean {
  const day = dateOf(wallTime(instant, policy.timezone));
  if (!isWorkingDay(day, policy)) return false;
  const w = windowFrom(day, policy);
  return instant >= w.start && instant < w.end;
}

/** This instant when the office is open, else when it next opens. */
export function nextOfficeStart(instant: Date, policy: Policy): Date {
  const day = dateOf(wallTime(instant, policy.timezone));
  const today = windowFrom(day, policy);
  if (instant < today.start) return today.start;
  if (instant < today.end) return instant;
  return windowFrom(new Date(day.getTime() + DAY), policy).start;
}

/** When the office day that is open at `instant` (or opens next) closes. */
export function officeDayEnd(instant: Date, policy: Policy): Date {
  const open = nextOfficeStart(instant, policy);
  return windowFrom(dateOf(wallTime(open, policy.timezone)), policy).end;
}

/** When the office day open at `instant` (or next to open) opened. */
export function officeDayStart(instant: Date, policy: Policy): Date {
  const open = nextOfficeStart(instant, policy);
  return windowFrom(dateOf(wallTime(open, policy.timezone)), policy).start;
}

/** `minutes` of office time after `from`. */
export function addOfficeMinutes(from: Date, minutes: number, policy: Policy): Date {
  let cursor = nextOfficeStart(from, policy);
  let left = minutes * 60000;
  for (let i = 0; i < 2000; i++) {
    const end = officeDayEnd(cursor, policy);
    if (cursor.getTime() + left <= end.getTime()) return new Date(cursor.getTime() + left);
    left -= end.getTime() - cursor.getTime();
    cursor = nextOfficeStart(end, policy);
  }
  return cursor;
}

/** Office time between two instants, in ms (0 when `to` is not after `from`). */
export function officeMsBetween(from: Date, to: Date, policy: Policy): number {
  let total = 0;
  let cursor = nextOfficeStart(from, policy);
  for (let i = 0; i < 2000 && cursor < to; i++) {
    const end = officeDayEnd(cursor, policy);
    total += Math.min(end.getTime(), to.getTime()) - cursor.getTime();
    cursor = nextOfficeStart(end, policy);
  }
  return Math.max(0, total);
}

/** Time that counts on this clock between two instants, in ms. */
export function elapsed(from: Date, to: Date, policy: Policy, hours: Hours): number {
  return hours === "round" ? Math.max(0, to.getTime() - from.getTime()) : officeMsBetween(from, to, policy);
}

/** `minutes` later on this clock. */
export function later(from: Date, minutes: number, policy: Policy, hours: Hours): Date {
  return hours === "round" ? new Date(from.getTime() + minutes * 60000) : addOfficeMinutes(from, minutes, policy);
}

/** Adds a policy duration on the ticket's clock (see the top of this file). */
export function addDuration(from: Date, d: Duration, policy: Policy, hours: Hours): Date {
  if (hours === "round" && !d.working) return new Date(from.getTime() + d.minutes * 60000);
  if (!d.working && d.minutes < 1440) return addOfficeMinutes(from, d.minutes, policy);
  const tz = policy.timezone;
  const w = wallTime(from, tz);
  let days = Math.round(d.minutes / 1440);
  let cursor = dateOf(w);
  while (days > 0) {
    cursor = new Date(cursor.getTime() + DAY);
    if (!d.working || isWorkingDay(cursor, policy)) days--;
  }
  const due = fromWallTime({ year: cursor.getUTCFullYear(), month: cursor.getUTCMonth() + 1, day: cursor.getUTCDate(), hour: w.hour, minute: w.minute }, tz);
  return hours === "round" ? due : nextOfficeStart(due, policy);
}
