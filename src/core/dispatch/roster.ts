import { wallTime } from "../policy/zoned.js";

/**
 * When a staff member is on duty: weekly shifts in the property's zone ("mon": ["08:00-12:00",
 * "13:00-17:30"]), with dates off and extra shifts. No roster means always on duty.
 */
export interface Roster {
  weekly?: Partial<Record<"sun" | "mon" | "tue" | "wed" | "thu" | "fri" | "sat", string[]>>;
  /** ISO dates off (leave) */
  off?: string[];
  /** extra shifts on given ISO dates */
  extra?: Record<string, string[]>;
}

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

export function onDuty(roster: Roster | null | undefined, at: Date, tz: string): boolean {
  if (!roster) return true;
  const today = dayOf(at, tz);
  const yesterday = dayOf(new Date(at.getTime() - 86_400_000), tz);
  const minute = today.minute;
  if (roster.off?.includes(today.date)) return false;
  // today's shifts, and yesterday's overnight ones (22:00-06:00 listed on Monday covers Tuesday 02:00)
  const todays = shiftsOn(roster, today).some(([start, end]) => (start <= end ? minute >= start && minute < end : minute >= start));
  const overnight = !roster.off?.includes(yesterday.date) && shiftsOn(roster, yesterday).some(([start, end]) => start > end && minute < end);
  return todays || overnight;
}

function dayOf(at: Date, tz: string) {
  const w = wallTime(at, tz);
  return { date: `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`, weekday: DAYS[w.weekday]!, minute: w.hour * 60 + w.minute };
}

function shiftsOn(roster: Roster, day: { date: string; weekday: (typeof DAYS)[number] }): [number, number][] {
  return [...(roster.weekly?.[day.weekday] ?? []), ...(roster.extra?.[day.date] ?? [])].flatMap((s) => {
    const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(s);
    return m ? [[Number(m[1]) * 60 + Number(m[2]), Number(m[3]) * 60 + Number(m[4])] as [number, number]] : [];
  });
}
