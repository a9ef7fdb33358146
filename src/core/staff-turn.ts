import type { Category, ChannelName, Text, TicketStatus } from "./domain.js";
import type { AssignmentRecord } from "./dispatch/dispatcher.js";
import type { Policy } from "./policy.js";
import type { StepDeadlines } from "./escalation.js";
import type { CallbackAnswer, CallbackRecord } from "./callbacks.js";
import type { QuoteWords } from "./quote-desk.js";
import type { NewTimeTexts } from "./new-time.js";
import type { Reply, TicketSummary } from "./flow/types.js";
import type { OutboxRecord, TicketMove } from "./ports.js";
import { toResident } from "./notify.js";

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

/** The words staff use (kept in conversations/staff.ts). */
export interface StaffWords {
  bind: RegExp;
  myOrders: RegExp;
  arrive: RegExp;
  /** 完工, with notes (and a fee: "材料费 30 元") after it */
  complete: RegExp;
  /** asking the resident for a new time when nobody can go */
  newTime: NewTimeTexts;
  /** 报价 and its texts (conversations/quotes.ts) */
  quotes: QuoteWords;
  /** 转单 */
  handOver: RegExp;
  /** 代报, with the report after it (or not: the questions follow) */
  onBehalf: RegExp;
  /** 改约, with the new time agreed with the resident after it */
  reschedule: RegExp;
  /** 挂起 (on hold, waiting for parts or the owner) and 恢复 (resume) */
  hold: RegExp;
  resume: RegExp;
  /** every staff command; unbound users who type one are told it is for staff */
  commands: RegExp;
  texts: {
    bound: Text;
    badCode: Text;
    alreadyBound: Text;
    staffOnly: Text;
    noOrders: Text;
    orders: Text;
    notYet: Text;
    notYours: Text;
    alreadyHandled: Text;
    accepted: Text;
    residentTold: Text;
    noneToArrive: Text;
    noneToComplete: Text;
    whichOrder: Text;
    arrived: Text;
    residentArrived: Text;
    completed: Text;
    residentCompleted: Text;
    refuseWhy: Text;
    handOverWhy: Text;
    handOverNoOne: Text;
    noneToHandOver: Text;
    handedOver: Text;
    residentHandedOver: Text;
    rescheduleHow: Text;
    noneToReschedule: Text;
    rescheduled: Text;
    residentRescheduled: Text;
    refused: Text;
    refusedNoOne: Text;
    /** a complaint (or other report without a visit) taken on, to the staff member and to the resident */
    takenOn: Text;
    residentTakenOn: Text;
    /** a paid job (有偿服务): the fee standard, told to the resident before work starts */
    paidJob: Text;
    holdWhy: Text;
    noneToHold: Text;
    held: Text;
    residentHeld: Text;
    noneOnHold: Text;
    resumed: Text;
    residentResumed: Text;
  };
  /** the resident's rating of a finished job (满意 / 基本满意 / 不满意) */
  ratings: readonly string[];
  /** reasons a worker picks when refusing (拒单) */
  refusalReasons: readonly { code: string; label: Text }[];
  /** reasons a worker picks when putting an order on hold (挂起) */
  holdReasons: readonly { code: string; label: Text }[];
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
  events?: { type: string; ticketId: string; propertyId: string; data: Record<string, unknown> }[];
  binding?: { code: string; staffId: string; propertyId: string; channel: ChannelName; externalId: string };
  /** 代报: run the report flow for this staff member, filing for a resident (the text after 代报 starts it) */
  onBehalf?: { staffId: string; name: string; text: string };
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
