// (Over 200 lines: the one vocabulary a flow sees (input, context, replies, effects, slots, tickets to write); split, every flow would import from several files.)
import type { z } from "zod";
import type {
  Appointment,
  Attachment,
  Category,
  ChannelName,
  ComplaintDomain,
  Lang,
  Nature,
  Place,
  Severity,
  Text,
  TicketStatus,
  Urgency,
} from "../ticket/domain.js";
import type { Policy } from "../policy/policy.js";
import type { Span } from "./parse/normalize.js";

/** A button (Telegram), a numbered reply (WeChat) or a chip (web chat). */
export interface Choice {
  label: string;
  value: string;
}
/** One outgoing message, channel-neutral. */
export interface Reply {
  text: string;
  /** files sent on with the text, as the channel knows them (a Telegram file id: the same bot sends it on) */
  attachments?: Attachment[];
  choices?: Choice[];
  /** the slot this message asks for (a channel may offer a matching input, e.g. Telegram's contact button for "phone") */
  expects?: string;
}

/** What a flow sees of one inbound message. */
export interface FlowInput {
  /** normalised text ("" when only a choice or an attachment came) */
  text: string;
  /** the text as the resident wrote it, before any normalising (kept verbatim on the report) */
  raw?: string;
  /** value of a pressed choice */
  choice?: string;
  attachments: Attachment[];
}

/** A ticket as the resident sees it in progress / cancel. */
export interface TicketSummary {
  id: string;
  number: string;
  status: TicketStatus;
  description: string;
  place: string | null;
  appointmentAt: Date | null;
  asap: boolean;
  receivedAt: Date;
}

/** An open ticket that a new report may repeat: the resident's own, or another of the same room. */
export interface SimilarTicket extends TicketSummary {
  category: Category | null;
  /** filed by this resident (else by someone else for the same room: shown without details) */
  mine: boolean;
  assigneeName: string | null;
  arriveDueAt: Date | null;
  dispatchDueAt: Date | null;
}

/** Reads a flow may make. */
export interface TicketReader {
  /** the resident's own tickets in these statuses, newest first */
  listForResident(residentId: string, statuses: readonly TicketStatus[], limit: number): Promise<TicketSummary[]>;
  /** open tickets received since then, by this resident or for this room, newest first */
  openSince(residentId: string, place: Place | null, since: Date): Promise<SimilarTicket[]>;
  /** how many reports this resident filed since then (any outcome) */
  filedSince(residentId: string, since: Date): Promise<number>;
  /** the next report number for the property, e.g. BS20261123-0007 */
  nextNumber(propertyId: string, now: Date, timezone: string): Promise<string>;
}

/** What Baoshi remembers of a returning resident. */
export interface ResidentMemory {
  place?: Place;
  phone?: string;
  displayName?: string;
}

export interface FlowContext {
  now: Date;
  lang: Lang;
  policy: Policy;
  property: { id: string; name: string };
  channel: ChannelName;
  userId: string;
  /** stable id of this chat identity (channel + user) */
  residentId: string;
  resident: ResidentMemory;
  tickets: TicketReader;
  /** localise a text and fill its {placeholders} */
  t(text: Text, vars?: Record<string, string | number>): string;
  /**
   * Sets going what filing this ticket starts (派工, a quote first, the office's wait …) and says what it was,
   * so the filing answer tells what will really happen. Absent where nothing is dispatched (pure flow tests).
   */
  dispatch?(ticket: NewTicket): Promise<DispatchOutcome>;
}

/** What filing a ticket set going. */
export interface DispatchOutcome {
  /**
   * offered: a work order went to a technician (or a complaint to its holder); nobody: nobody could take it, the
   * supervisors were told; quote: a paid job is quoted first (by `due`); waits: filed after hours, handled when the
   * office opens; none: not something that is dispatched.
   */
  kind: "offered" | "nobody" | "quote" | "waits" | "none";
  due?: Date;
  /** nobody could take it: how many supervisors were told (0: nobody could be reached at all) */
  told?: number;
  /** an emergency whose place is not known: the on-duty stewards and the supervisors were told to call */
  alerted?: boolean;
}

/** A ticket to be written, with everything SPEC §2 asks for. */
export interface NewTicket {
  id: string;
  number: string;
  status: Extract<TicketStatus, "received" | "invalid" | "dispatched">;
  category: Category | null;
  nature: Nature;
  severity: Severity | null;
  domain: ComplaintDomain | null;
  urgency: Urgency;
  place: Place | null;
  phone: string | null;
  reporterName: string | null;
  description: string;
  /** the resident's own words while filing, verbatim */
  said?: string | null;
  appointment: Appointment | null;
  invalidReason: string | null;
  attachments: Attachment[];
  receivedAt: Date;
  deadlines: Deadlines;
  /** set when the report is dispatched as it is filed */
  assigneeId?: string;
  dispatchedAt?: Date;
  /** "requested": a paid job outside the fee catalogue waits for the supervisor's quote */
  quoteStatus?: "requested";
}

export interface Deadlines {
  firstReplyDueAt?: Date;
  dispatchDueAt?: Date;
  acceptDueAt?: Date;
  arriveDueAt?: Date;
  resolveDueAt?: Date;
}

/** State changes a flow asks for; they are written with the session and the replies, in one transaction. */
export type Effect =
  /** alerted: an emergency without a place, told to the on-duty stewards and supervisors (they hear what comes after) */
  | { type: "fileTicket"; ticket: NewTicket; alerted?: boolean }
  | { type: "cancelTicket"; ticketId: string; number: string }
  | { type: "requestHuman" }
  | { type: "rememberResident"; place?: Place; phone?: string }
  /** a report that repeats an open one, added to it as a note (with its attachments); its holder is told */
  | { type: "addToTicket"; ticketId: string; number: string; text: string; attachments: Attachment[] }
  /** what a resident says after an emergency was filed: the place or phone written on it, more words as a note; the staff are told */
  | { type: "amendTicket"; ticketId: string; number: string; place?: Place; phone?: string; note?: string; attachments: Attachment[]; alerted?: boolean };

/** JSON-serialisable state a flow keeps between messages. */
export type FlowState = { [key: string]: unknown };

export interface FlowResult {
  replies: Reply[];
  /** null when the flow has finished */
  state: FlowState | null;
  effects: Effect[];
}

/** A conversation flow: the engine runs any flow on any channel. */
export interface Flow {
  name: string;
  /** words that start the flow at any step (报事, 查询进度 …) */
  triggers: readonly (string | RegExp)[];
  /** answers and then returns to the flow that was running (progress, menu, human) */
  aside?: boolean;
  /** may a message with no trigger start this flow? (the report flow takes any description or photo) */
  claims?(input: FlowInput, ctx: FlowContext): boolean;
  start(input: FlowInput, ctx: FlowContext): Promise<FlowResult>;
  resume(state: FlowState, input: FlowInput, ctx: FlowContext): Promise<FlowResult>;
  /** 返回: one step back */
  back?(state: FlowState, ctx: FlowContext): Promise<FlowResult>;
  /** the pending question, asked again after an aside */
  reprompt?(state: FlowState, ctx: FlowContext): Reply[];
}

/** What one slot's extractor makes of a message. */
export type Extraction<T> =
  | { value: T; span?: Span }
  /** partial: what was understood, kept for the next answer (which is asked only for the rest) */
  | { error: Text; span?: Span; partial?: unknown }
  | { declined: true; span?: Span }
  /** the message could mean either of the choices: asked once, then `fallback` is taken */
  | { ask: { question: Text; choices: Choice[]; fallback: T }; span?: Span };

export interface SlotMessage {
  /** the normalised text, with what earlier slots used blanked out */
  text: string;
  /** this slot is the question being answered */
  asked: boolean;
  /** this slot already has a value */
  filled: boolean;
  /** what an earlier message gave of this slot, incomplete ("5栋" of a room): the answer completes it */
  partial?: unknown;
}

/** One piece of information a form collects (房号, 电话, 报事内容, 预约时间 …). */
export interface SlotDef<T = unknown> {
  name: string;
  /** label in the confirmation summary */
  label: Text;
  extract(msg: SlotMessage, ctx: FlowContext, values: Readonly<Record<string, unknown>>): Extraction<T> | undefined;
  /** the value's shape, checked before it is kept */
  schema: z.ZodType<T>;
  prompt: Text | ((ctx: FlowContext, values: Readonly<Record<string, unknown>>) => Text);
  /** said when an answer to this question held nothing usable */
  refusal: Text;
  /** said when the resident declines to answer (不想留电话) */
  declineExplain?: Text;
  /** tries before giving up (default: the policy's slotRetries) */
  retries?: number;
  /** reason kept on the invalid report when this slot is given up */
  invalidReason: Text;
  /** asked only when this holds (default: always) */
  needed?(values: Readonly<Record<string, unknown>>, ctx: FlowContext): boolean;
  show(value: T, ctx: FlowContext): string;
  /** a value to offer a returning resident instead of asking */
  remembered?(ctx: FlowContext): T | undefined;
  /** fixed choices for editing this slot from the confirmation */
  choices?(ctx: FlowContext): Choice[];
  /** turn a picked choice value into the slot's value */
  fromChoice?(value: string, ctx: FlowContext, values: Readonly<Record<string, unknown>>): T | undefined;
  /** shown in the summary but never asked (derived values such as the category) */
  derived?: boolean;
}

export type { Policy, Span };
