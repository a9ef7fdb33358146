import type { Category, ChannelName, Text, TicketStatus } from "../ticket/domain.js";
import type { AssignmentRecord } from "../dispatch/records.js";
import type { Policy } from "../policy/policy.js";
import type { StepDeadlines } from "../deadlines/escalation.js";
import type { CallbackAnswer, CallbackRecord } from "../callbacks/callbacks.js";
import type { Reply, TicketSummary } from "../conversation/types.js";
import type { OutboxRecord, TicketMove } from "../ports.js";
import { toResident } from "../dispatch/notify.js";
import type { HandoffChange } from "../handoff/handoff.js";
import type { ForResident } from "../conversation/engine.js";

/** Localises a text and fills its {placeholders}. */
export type Translate = (x: Text, v?: Record<string, string | number>) => string;

/** Where a resident's chat can be reached from (undefined: replies only in the page) and the property's policy. */
export interface Reach {
  accountOf(channel: ChannelName): string | undefined;
  policyOf(propertyId: string): Policy;
}

export interface BoundStaff {
  id: string;
  name: string;
  propertyId: string;
}

/** A work order as the staff desk reads it. */
export interface OfferedOrder {
  id: string;
  status: string;
  staffId: string;
  level: number;
  staff: { name: string; phone: string | null };
  ticket: {
    id: string;
    number: string;
    status: TicketStatus;
    residentId: string | null;
    propertyId: string;
    description: string;
    place: string | null;
    phone: string | null;
    appointmentAt: Date | null;
    arriveDueAt: Date | null;
    category: Category | null;
    urgency: string;
    nature: string;
    severity: string | null;
    resolveDueAt: Date | null;
    building: string | null;
    attachments: number;
    /** on hold: since when, why, and the status it returns to */
    pausedAt: Date | null;
    pausedMs: number;
    holdReason: string | null;
    holdFrom: string | null;
    deadlines: StepDeadlines;
    assigneeId: string | null;
    receivedAt: Date;
    nextDueAt: Date | null;
    /** 催单: how often the resident urged it, and when last */
    urges: number;
    lastUrgedAt: Date | null;
  };
}

/** What the staff desk reads. */
export interface StaffStore {
  assignment(id: string): Promise<OfferedOrder | undefined>;
  staffByIdentity(channel: ChannelName, externalId: string): Promise<BoundStaff | undefined>;
  bindCode(code: string): Promise<{ staffId: string; staffName: string; propertyId: string; expiresAt: Date; usedAt: Date | null } | undefined>;
  openOrdersOf(staffId: string): Promise<TicketSummary[]>;
  /** the property's tickets waiting for a supervisor's quote, oldest first */
  awaitingQuote(propertyId: string): Promise<OfferedOrder["ticket"][]>;
  /** the staff member's tickets in these statuses, oldest first */
  ordersIn(staffId: string, statuses: readonly TicketStatus[]): Promise<OfferedOrder["ticket"][]>;
}

export interface StaffTurn {
  replies: Reply[];
  /** the worker's answer to an offer: written only while the offer is still open */
  answer?: { assignmentId: string; status: "accepted" | "refused"; reason?: string };
  /** a new offer (a refusal climbing the chain) */
  assignments?: AssignmentRecord[];
  /** the ticket's status changes this causes */
  moves?: Omit<TicketMove, "at">[];
  outbox?: Omit<OutboxRecord, "createdAt" | "inboundId">[];
  events?: { type: string; ticketId: string | null; propertyId: string; data: Record<string, unknown> }[];
  /** 转人工: a handoff taken, ended or rated (each only while its row still allows it) */
  handoffs?: HandoffChange[];
  binding?: { code: string; staffId: string; propertyId: string; channel: ChannelName; externalId: string };
  /** 代报: run the report flow for this staff member, filing for a resident (the text after 代报 starts it) */
  /** text: what the report flow is given (its trigger word, then what the staff member said) */
  onBehalf?: { staffId: string; name: string; text: string; forResident?: ForResident };
  /** 转单: the worker's accepted order handed over (written only while it is still theirs and accepted) */
  handOver?: { ticketId: string; staffId: string; reason: string };
  /** callback tasks created (completion) */
  callbacks?: CallbackRecord[];
  /** a callback's result, rating or comment */
  callbackAnswer?: CallbackAnswer;
}

/** Messages as a staff turn carries them: the intake adds the inbound message's id and time. */
export const turnRows = (rows: readonly OutboxRecord[]): NonNullable<StaffTurn["outbox"]> => rows.map(({ createdAt: _c, inboundId: _i, ...o }) => o);

/** A message to the resident of a ticket, as a staff turn carries it. */
export function residentRow(tk: OfferedOrder["ticket"], said: string | Reply, now: Date, reach: Reach): NonNullable<StaffTurn["outbox"]>[number] | undefined {
  const row = toResident(tk.residentId, typeof said === "string" ? { text: said } : said, tk.id, now, reach.accountOf);
  return row ? turnRows([row])[0] : undefined;
}
