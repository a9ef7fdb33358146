import type { TicketStatus } from "./ticket/domain.js";
import type { Escalations } from "./deadlines/steps.js";

/**
 * What a change may set on a ticket besides its status, typed — dates as Dates, flags as booleans, the
 * escalations as an object: the store encodes them for its database.
 */
export interface TicketPatch {
  status?: TicketStatus;
  assigneeId?: string | null;
  dispatchedAt?: Date | null;
  appointmentAt?: Date | null;
  asap?: boolean;
  quoteStatus?: string | null;
  quoteFen?: number | null;
  quoteNote?: string | null;
  feeCharged?: number | null;
  reopenedAt?: Date | null;
  urges?: number;
  lastUrgedAt?: Date | null;
  pausedAt?: Date | null;
  pausedMs?: number;
  holdReason?: string | null;
  holdFrom?: TicketStatus | null;
  escalations?: Escalations;
  nextDueAt?: Date | null;
  firstReplyDueAt?: Date | null;
  dispatchDueAt?: Date | null;
  acceptDueAt?: Date | null;
  arriveDueAt?: Date | null;
  resolveDueAt?: Date | null;
  callbackDueAt?: Date | null;
  holdDueAt?: Date | null;
}

/** What a change may set on a callback (回访), typed. */
export interface CallbackPatch {
  status?: "pending" | "done" | "missed";
  stewardId?: string | null;
  satisfaction?: string | null;
  timeliness?: string | null;
  method?: string | null;
  comment?: string | null;
  residentRating?: string | null;
  residentComment?: string | null;
  doneAt?: Date | null;
  nextAt?: Date | null;
  remindedAt?: Date | null;
  remindCount?: number;
}
