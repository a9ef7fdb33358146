import type { Policy } from "../policy/policy.js";
import { hoursFor, isOfficeTime, nextOfficeStart } from "../policy/calendar.js";
import type { Step, TicketKind } from "./steps.js";

/** A step's usual window in minutes (what the policy gives it for this kind of ticket). */
function windowOf(step: Step, k: TicketKind, policy: Policy): number {
  const d = policy.deadlines;
  const veryUrgent = k.urgency === "非常紧急";
  const complaint = k.nature === "投诉";
  switch (step) {
    case "dispatch":
      // a major complaint is forwarded the same day: a window of hours
      if (complaint) return k.severity === "重大" ? 8 * 60 : (k.severity === "重要" ? d.importantComplaintForward : d.minorComplaintForward).minutes;
      return veryUrgent ? 0 : d.dispatch.minutes;
    case "accept":
      return d.acceptWindow.minutes;
    case "arrive":
      return (veryUrgent ? d.veryUrgentResponse : d.arriveNoAppointment).minutes;
    case "answer":
      return (veryUrgent ? d.veryUrgentResponse : d.majorComplaintAnswer).minutes;
    case "resolve":
      if (complaint)
        return (k.severity === "重大" ? d.majorComplaintResolve : k.severity === "重要" ? d.importantComplaintResolve : d.minorComplaintResolve).minutes;
      return (k.nature === "建议" ? d.suggestionAnswer : d.consultationAnswer).minutes;
    case "hold":
      return 0;
  }
}

/**
 * 快超时: how long before a step's deadline the person responsible is warned, once: the policy's
 * `warnBefore`, else 15 minutes for steps of an hour or more and a third of the window for shorter ones.
 * 0: no warning (a step with no window, such as a very urgent ticket's dispatch at filing, or a hold).
 */
export function warnLead(step: Step, k: TicketKind, policy: Policy): number {
  const window = windowOf(step, k, policy);
  if (window <= 0) return 0;
  if (policy.warnBefore) return Math.min(policy.warnBefore.minutes, window);
  return window >= 60 ? 15 : window / 3;
}

/** When the warning is due (in office time for a non-urgent ticket); null when there is none. */
export function warnAt(step: Step, due: Date, k: TicketKind, policy: Policy): Date | null {
  const lead = warnLead(step, k, policy);
  if (!lead) return null;
  let at = new Date(due.getTime() - lead * 60000);
  if (hoursFor(k.urgency) === "office" && !isOfficeTime(at, policy)) at = nextOfficeStart(at, policy);
  return at < due ? at : null;
}
