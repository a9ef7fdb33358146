import type { TicketPatch } from "../patches.js";
import type { TicketStatus } from "../ticket/domain.js";
import { addDuration, elapsed, hoursFor, later } from "../policy/calendar.js";
import { STEP_COLUMN, type StepDeadlines } from "../deadlines/escalation.js";
import { move, type MoveRefusal } from "../ticket/lifecycle.js";
import type { Policy } from "../policy/policy.js";
import type { TicketMove } from "../ports.js";

/**
 * On hold (挂起): the work waits for parts, for the owner or for another department. The ticket's
 * clock stops while it is on hold: at resumption every deadline moves on by the time it stood
 * still (on the ticket's own clock), and the pause is added to pausedMs. A hold lasting past the
 * policy's `maxHold` reminds the supervisor (the sweep's "hold" step), and climbs from there.
 *
 * Who: the assignee from chat (挂起 / 恢复), and the office through the API's transition.
 * From: an accepted or arrived order (work has started; a quote waiting for the resident is another
 * kind of on_hold, without a stopped clock).
 */
export interface HoldableTicket {
  id: string;
  status: TicketStatus;
  urgency: string;
  pausedAt: Date | null;
  pausedMs: number;
  holdFrom: string | null;
  deadlines: StepDeadlines;
}

const HOLDS_FROM: readonly TicketStatus[] = ["accepted", "arrived"];

export type HoldMove = { ok: true; move: Omit<TicketMove, "at">; until?: Date } | { ok: false; reason: MoveRefusal };

export function holdMove(tk: HoldableTicket, reason: string, now: Date, policy: Policy): HoldMove {
  if (!HOLDS_FROM.includes(tk.status)) {
    const m = move(tk.status, "on_hold");
    return { ok: false, reason: m.ok ? { why: "notHoldable", from: tk.status, to: "on_hold" } : m.reason };
  }
  const until = addDuration(now, policy.maxHold, policy, hoursFor(tk.urgency));
  return {
    ok: true,
    until,
    move: {
      ticketId: tk.id,
      from: [tk.status],
      to: "on_hold",
      set: { pausedAt: now, holdReason: reason.slice(0, 100), holdFrom: tk.status, holdDueAt: until },
    },
  };
}

export function resumeMove(tk: HoldableTicket, now: Date, policy: Policy): HoldMove & { pausedMs?: number } {
  if (tk.status !== "on_hold" || !tk.pausedAt || !tk.holdFrom) return { ok: false, reason: { why: "notOnHold", from: tk.status, to: tk.status } };
  const hours = hoursFor(tk.urgency);
  const paused = elapsed(tk.pausedAt, now, policy, hours);
  const set: TicketPatch = {
    pausedAt: null,
    holdReason: null,
    holdFrom: null,
    holdDueAt: null,
    pausedMs: tk.pausedMs + paused,
  };
  // every deadline moves on by the time the clock stood still
  for (const column of Object.values(STEP_COLUMN)) {
    const due = tk.deadlines[column];
    if (column !== "holdDueAt" && due) set[column] = later(due, paused / 60000, policy, hours);
  }
  return { ok: true, pausedMs: paused, move: { ticketId: tk.id, from: ["on_hold"], to: tk.holdFrom as TicketStatus, set } };
}
