/** Wall-clock arithmetic in a property's time zone, whatever the host's zone is. */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    partsFormatters.set(tz, f);
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The zone's clock read through Intl (costly: the offsets it gives are cached per hour below). */
function formattedWallTime(instant: Date, tz: string): WallTime {
  const p: Record<string, string> = {};
  for (const part of partsFormatter(tz).formatToParts(instant)) p[part.type] = part.value;
  return {
    year: +p.year!,
    month: +p.month!,
    day: +p.day!,
    hour: +p.hour!,
    minute: +p.minute!,
    second: +p.second!,
    weekday: WEEKDAYS.indexOf(p.weekday!),
  };
}

/**
 * Offsets by zone and UTC hour: zones change their offset only at the top of an hour (DST and
 * law changes), so one Intl reading serves the whole hour. The calendar's arithmetic reads the
 * clock many times per ticket; this keeps that cheap.
 */
const offsets = new Map<string, Map<number, number>>();

/** Offset of the zone from UTC at that instant, in minutes (Asia/Shanghai → 480). */
export function offsetMinutes(instant: Date, tz: string): number {
  const hour = Math.floor(instant.getTime() / 3600000);
  let byHour = offsets.get(tz);
  if (!byHour) offsets.set(tz, (byHour = new Map()));
  let off = byHour.get(hour);
  if (off === undefined) {
    const at = new Date(hour * 3600000);
    const w = formattedWallTime(at, tz);
    off = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - at.getTime()) / 60000);
    if (byHour.size > 50_000) byHour.clear();
    byHour.set(hour, off);
  }
  return off;
}

export function wallTime(instant: Date, tz: string): WallTime {
  const d = new Date(instant.getTime() + offsetMinutes(instant, tz) * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** The instant at which the zone's clock shows this wall time. */
export function fromWallTime(w: Omit<WallTime, "weekday" | "second"> & { second?: number }, tz: string): Date {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
  let instant = new Date(guess - offsetMinutes(new Date(guess), tz) * 60000);
  // one correction step covers a DST change between the guess and the answer
  instant = new Date(guess - offsetMinutes(instant, tz) * 60000);
  return instant;
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, "0");
const WEEKDAY_ZH = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

/** "11月24日（周二）15:00" / "Tue 24 Nov 15:00" in the property's zone. */
export function formatWhen(instant: Date, tz: string, lang: "zh" | "en"): string {
  const w = wallTime(instant, tz);
  return `${formatDay(instant, tz, lang)}${lang === "zh" ? "" : " "}${pad(w.hour)}:${pad(w.minute)}`;
}

/** "11月24日（周二）" / "Tue 24 Nov": the day and its weekday in the property's zone. */
export function formatDay(instant: Date, tz: string, lang: "zh" | "en"): string {
  const w = wallTime(instant, tz);
  if (lang === "zh") return `${w.month}月${w.day}日（${WEEKDAY_ZH[w.weekday]}）`;
  const month = new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2000, w.month - 1, 1)));
  return `${WEEKDAYS[w.weekday]} ${w.day} ${month}`;
}

/** ISO 8601 with the zone's offset, e.g. 2026-11-24T15:00:00+08:00 (what the API shows). */
export function isoInZone(instant: Date, tz: string): string {
  const w = wallTime(instant, tz);
  const off = offsetMinutes(instant, tz);
  const sign = off >= 0 ? "+" : "-";
  const abs = Math.abs(off);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Midnight of the zone's calendar day at this instant. */
export function startOfDay(instant: Date, tz: string): Date {
  const w = wallTime(instant, tz);
  return fromWallTime({ year: w.year, month: w.month, day: w.day, hour: 0, minute: 0 }, tz);
}

/** Minutes since midnight on the zone's clock. */
export function minuteOfDay(instant: Date, tz: string): number {
  const w = wallTime(instant, tz);
  return w.hour * 60 + w.minute;
}
