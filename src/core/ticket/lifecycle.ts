import type { TicketStatus } from "./domain.js";

/**
 * The ticket's state machine (SPEC §3): every status change goes through `move`, which refuses
 * an illegal one with the reason. received → dispatched → accepted → arrived → completed →
 * visited → closed, plus invalid, cancelled, refused, reopened, on_hold and escalated.
 */
const EDGES: Record<TicketStatus, readonly TicketStatus[]> = {
  // received → on_hold: a paid job waits for the resident to accept the supervisor's quote
  received: ["dispatched", "on_hold", "cancelled", "escalated", "invalid"],
  dispatched: ["accepted", "refused", "cancelled", "escalated", "dispatched"],
  // accepted → completed: reports without a visit (a complaint is resolved once taken on)
  accepted: ["arrived", "completed", "refused", "cancelled", "on_hold", "escalated", "dispatched"],
  arrived: ["completed", "on_hold", "escalated"],
  completed: ["visited", "reopened", "closed"],
  visited: ["closed", "reopened"],
  closed: ["reopened"],
  invalid: ["received"],
  cancelled: [],
  refused: ["dispatched", "escalated", "cancelled"],
  reopened: ["dispatched", "escalated", "cancelled"],
  on_hold: ["dispatched", "accepted", "arrived", "cancelled", "escalated"],
  escalated: ["dispatched", "accepted", "arrived", "completed", "cancelled"],
};

/** Where a ticket may go from here (the console's choices). */
export const nextStatuses = (from: TicketStatus): readonly TicketStatus[] => EDGES[from] ?? [];

/** The timestamp column each arrival sets. */
export const STEP_TIMESTAMP: Partial<Record<TicketStatus, string>> = {
  dispatched: "dispatchedAt",
  accepted: "acceptedAt",
  arrived: "arrivedAt",
  completed: "completedAt",
  visited: "visitedAt",
  closed: "closedAt",
  cancelled: "cancelledAt",
};

/**
 * Why a move was refused (the words are composed in conversations/vocabulary.ts): cancelled already, on site
 * already (no cancelling from chat), only an accepted or arrived order can be held, not on hold, a held order resumes only to where it
 * was (`to`), or any other illegal step.
 */
export type MoveRefusal = { why: "cancelled" | "onSite" | "notHoldable" | "notOnHold" | "resumeOnlyTo" | "illegal"; from: TicketStatus; to: TicketStatus };

export type Move = { ok: true; to: TicketStatus; stamp?: string } | { ok: false; reason: MoveRefusal };

export function move(from: TicketStatus, to: TicketStatus): Move {
  if (EDGES[from].includes(to)) return { ok: true, to, ...(STEP_TIMESTAMP[to] ? { stamp: STEP_TIMESTAMP[to] } : {}) };
  if (from === "cancelled") return { ok: false, reason: { why: "cancelled", from, to } };
  if (to === "cancelled" && (from === "arrived" || from === "completed" || from === "visited" || from === "closed")) {
    return { ok: false, reason: { why: "onSite", from, to } };
  }
  return { ok: false, reason: { why: "illegal", from, to } };
}

/** Every status a ticket may reach `to` from (the guard of a conditional update). */
export const fromStatuses = (to: TicketStatus): TicketStatus[] => (Object.keys(EDGES) as TicketStatus[]).filter((s) => EDGES[s].includes(to));

/** The owner may cancel before the technician arrives (SPEC §3): the statuses with an edge to cancelled. */
export const CANCELLABLE_STATUSES: readonly TicketStatus[] = (Object.keys(EDGES) as TicketStatus[]).filter((s) => EDGES[s].includes("cancelled"));
