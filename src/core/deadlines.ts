import type { Appointment, Nature, Severity, Urgency } from "./domain.js";
import type { Duration } from "./duration.js";
import type { Deadlines } from "./flow/types.js";
import type { Policy } from "./policy.js";
import { fromWallTime, wallTime } from "./zoned.js";

/** Adds a policy duration; working durations skip weekends and holidays of the property's calendar. */
export function addDuration(from: Date, d: Duration, policy: Policy): Date {
  if (!d.working) return new Date(from.getTime() + d.minutes * 60000);
  const tz = policy.timezone;
  let days = Math.round(d.minutes / 1440);
  const w = wallTime(from, tz);
  let cursor = new Date(Date.UTC(w.year, w.month - 1, w.day));
  while (days > 0) {
    cursor = new Date(cursor.getTime() + 86400000);
    if (isWorkingDay(cursor, policy)) days--;
  }
  return fromWallTime(
    { year: cursor.getUTCFullYear(), month: cursor.getUTCMonth() + 1, day: cursor.getUTCDate(), hour: w.hour, minute: w.minute },
    tz,
  );
}

/** A calendar day (as a UTC midnight) is a working day unless a weekend or a holiday; workdays override. */
export function isWorkingDay(day: Date, policy: Policy): boolean {
  const iso = day.toISOString().slice(0, 10);
  if (policy.workdays.includes(iso)) return true;
  if (policy.holidays.includes(iso)) return false;
  const wd = day.getUTCDay();
  return wd !== 0 && wd !== 6;
}

function endOfDay(at: Date, tz: string): Date {
  const w = wallTime(at, tz);
  return fromWallTime({ year: w.year, month: w.month, day: w.day, hour: 23, minute: 59 }, tz);
}

export interface DeadlineInput {
  nature: Nature;
  urgency: Urgency;
  severity: Severity | null;
  appointment: Appointment | null;
  receivedAt: Date;
}

/** The deadlines a new report starts with (SPEC §4); later steps add their own. */
export function deadlinesFor(t: DeadlineInput, policy: Policy): Deadlines {
  const d = policy.deadlines;
  const at = (x: Duration, from = t.receivedAt) => addDuration(from, x, policy);
  if (t.urgency === "非常紧急") {
    return { firstReplyDueAt: at(d.veryUrgentResponse), dispatchDueAt: t.receivedAt, arriveDueAt: at(d.veryUrgentResponse) };
  }
  switch (t.nature) {
    case "投诉":
      if (t.severity === "重大") return { dispatchDueAt: endOfDay(t.receivedAt, policy.timezone), firstReplyDueAt: at(d.majorComplaintAnswer), resolveDueAt: at(d.majorComplaintResolve) };
      if (t.severity === "重要") return { dispatchDueAt: at(d.importantComplaintForward), resolveDueAt: at(d.importantComplaintResolve) };
      return { dispatchDueAt: at(d.minorComplaintForward), resolveDueAt: at(d.minorComplaintResolve) };
    case "建议":
      return { resolveDueAt: at(d.suggestionAnswer) };
    case "咨询":
      return { resolveDueAt: at(d.consultationAnswer) };
    default: {
      const arrive =
        t.appointment && !t.appointment.asap
          ? new Date(new Date(t.appointment.at).getTime() - d.arriveBeforeAppointment.minutes * 60000)
          : at(d.arriveNoAppointment);
      return { dispatchDueAt: at(d.dispatch), arriveDueAt: arrive };
    }
  }
}
