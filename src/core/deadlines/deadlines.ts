import type { Appointment, Nature, Severity, Urgency } from "../ticket/domain.js";
import type { Duration } from "../policy/duration.js";
import type { Deadlines } from "../conversation/types.js";
import type { Policy } from "../policy/policy.js";
import { addDuration, hoursFor, officeDayEnd } from "../policy/calendar.js";

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
  const hours = hoursFor(t.urgency);
  const at = (x: Duration, from = t.receivedAt) => addDuration(from, x, policy, hours);
  if (t.urgency === "非常紧急") {
    return { firstReplyDueAt: at(d.veryUrgentResponse), dispatchDueAt: t.receivedAt, arriveDueAt: at(d.veryUrgentResponse) };
  }
  switch (t.nature) {
    case "投诉":
      if (t.severity === "重大")
        return { dispatchDueAt: officeDayEnd(t.receivedAt, policy), firstReplyDueAt: at(d.majorComplaintAnswer), resolveDueAt: at(d.majorComplaintResolve) };
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
