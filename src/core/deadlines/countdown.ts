import { elapsed, hoursFor, isOfficeTime } from "../policy/calendar.js";
import type { Policy } from "../policy/policy.js";

/**
 * What is left of a deadline on the ticket's own clock — office time for a non-urgent ticket, every minute for a
 * very urgent one — negative once it is past; and whether that clock is running now (the office is open).
 */
export function countdown(due: Date, now: Date, policy: Policy, urgency: string): { leftMs: number; ticking: boolean } {
  const hours = hoursFor(urgency);
  const leftMs = due > now ? elapsed(now, due, policy, hours) : -elapsed(due, now, policy, hours);
  return { leftMs, ticking: hours === "round" || isOfficeTime(now, policy) };
}
