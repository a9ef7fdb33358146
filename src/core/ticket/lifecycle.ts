import type { Text, TicketStatus } from "./domain.js";
import { STATUS_TEXT } from "./domain.js";

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

export type Move = { ok: true; to: TicketStatus; stamp?: string } | { ok: false; reason: Text };

export function move(from: TicketStatus, to: TicketStatus): Move {
  if (EDGES[from].includes(to)) return { ok: true, to, ...(STEP_TIMESTAMP[to] ? { stamp: STEP_TIMESTAMP[to] } : {}) };
  if (from === "cancelled") return { ok: false, reason: { zh: "这条报事已经取消了。", en: "This report has been cancelled." } };
  if (to === "cancelled" && (from === "arrived" || from === "completed" || from === "visited" || from === "closed")) {
    return {
      ok: false,
      reason: { zh: "师傅已经到场，不能在这里取消了，如有需要请转人工。", en: "The technician is already on site; it can no longer be cancelled here." },
    };
  }
  return {
    ok: false,
    reason: {
      zh: `报事当前状态是「${STATUS_TEXT[from].zh}」，不能改为「${STATUS_TEXT[to].zh}」。`,
      en: `The report is "${STATUS_TEXT[from].en}"; it cannot become "${STATUS_TEXT[to].en}".`,
    },
  };
}

/** Every status a ticket may reach `to` from (the guard of a conditional update). */
export const fromStatuses = (to: TicketStatus): TicketStatus[] => (Object.keys(EDGES) as TicketStatus[]).filter((s) => EDGES[s].includes(to));

/** The owner may cancel before the technician arrives (SPEC §3): the statuses with an edge to cancelled. */
export const CANCELLABLE_STATUSES: readonly TicketStatus[] = (Object.keys(EDGES) as TicketStatus[]).filter((s) => EDGES[s].includes("cancelled"));
