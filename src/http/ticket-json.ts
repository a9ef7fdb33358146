import { isoInZone } from "../core/policy/zoned.js";
import { hoursFor } from "../core/policy/calendar.js";
import type { Event, Staff, Ticket } from "../generated/prisma/client.js";

const DEADLINES = ["firstReplyDueAt", "dispatchDueAt", "acceptDueAt", "arriveDueAt", "resolveDueAt", "callbackDueAt", "holdDueAt"] as const;
const STEPS = ["receivedAt", "registeredAt", "dispatchedAt", "acceptedAt", "arrivedAt", "completedAt", "visitedAt", "closedAt", "cancelledAt"] as const;

/** A ticket as the admin API shows it; every time in ISO 8601 with the property's offset. */
export function ticketJson(t: Ticket & { assignee?: Staff | null; events?: Event[] }, tz: string) {
  const iso = (d: Date | null) => (d ? isoInZone(d, tz) : null);
  return {
    number: t.number,
    property: t.propertyId,
    status: t.status,
    category: t.category,
    nature: t.nature,
    severity: t.severity,
    domain: t.domain,
    urgency: t.urgency,
    room: t.room,
    location: t.location,
    said: t.said,
    phone: t.phone,
    reporterName: t.reporterName,
    description: t.description,
    ...(t.asap ? { asap: true as const, appointmentAt: null } : { appointmentAt: iso(t.appointmentAt) }),
    channel: t.channel,
    createdAt: iso(t.createdAt),
    invalidReason: t.invalidReason,
    attachments: t.attachments ?? [],
    assignee: t.assignee ? { id: t.assignee.id, name: t.assignee.name } : null,
    steps: Object.fromEntries(STEPS.map((k) => [k.replace(/At$/, ""), iso(t[k])])),
    deadlines: Object.fromEntries(DEADLINES.map((k) => [k.replace(/DueAt$/, ""), iso(t[k])])),
    /** the clock the deadlines count on: "office" (office hours on working days) or "round" (very urgent: 24 hours) */
    clock: hoursFor(t.urgency),
    /** time the clock stood still while on hold, in ms, and the hold now (if any) */
    pausedMs: t.pausedMs,
    hold: t.pausedAt ? { since: iso(t.pausedAt), reason: t.holdReason, until: iso(t.holdDueAt) } : null,
    urges: t.urges,
    /** when the deadline sweep next looks at it, and how far each missed step has climbed */
    nextDue: iso(t.nextDueAt),
    escalations: t.escalations ?? {},
    ...(t.events ? { events: t.events.map((e) => ({ type: e.type, actor: e.actor, channel: e.channel, at: iso(e.at), data: e.data })) } : {}),
  };
}
