import type { Desk } from "../intake/desks.js";
import type { Text, TicketStatus } from "../ticket/domain.js";
import { residentKey } from "../dispatch/notify.js";
import type { Dispatcher } from "../dispatch/dispatcher.js";
import { orderView } from "../dispatch/work-order.js";
import type { InboundMessage } from "../ports.js";
import type { Policy } from "../policy/policy.js";
import { turnRows, type OfferedOrder, type StaffTurn, type Translate } from "../staff/staff-turn.js";
import { addDuration } from "../policy/calendar.js";
import { workerTitle } from "../conversation/text.js";
import { fill } from "../conversation/text.js";

/** The words of a quote (conversations/quotes.ts). */
export interface QuoteWords {
  /** 报价 [number] amount note */
  quote: RegExp;
  texts: Record<
    | "noQuotes"
    | "defaultNote"
    | "orderQuote"
    | "whichQuote"
    | "badQuote"
    | "quoted"
    | "residentQuote"
    | "accepted"
    | "acceptedWaiting"
    | "declined"
    | "alreadyAnswered"
    | "notYours",
    Text
  >;
  yes: Text;
  no: Text;
}

export interface QuoteStore {
  /** a ticket with its quote, as the resident answers it */
  ticketById(
    ticketId: string,
  ): Promise<(OfferedOrder["ticket"] & { quoteStatus: string | null; quoteFen: number | null; quoteNote: string | null }) | undefined>;
}

/**
 * The resident's answer to a quote (quote:<ticket>:yes|no): accepted, the job is dispatched as at
 * filing, with the agreed fee on the work order; declined, the report is cancelled at no charge.
 */
export class QuoteDesk implements Desk {
  readonly answers = ["quote"];
  constructor(
    private readonly store: QuoteStore,
    private readonly words: QuoteWords,
    private readonly deps: { dispatcher: Dispatcher; policyOf(propertyId: string): Policy },
  ) {}

  async handle(msg: InboundMessage, _text: string, now: Date, t: Translate): Promise<StaffTurn | undefined> {
    if (!msg.choice?.startsWith("quote:")) return undefined;
    const w = this.words.texts;
    const [, id, answer] = msg.choice.split(":");
    const tk = id ? await this.store.ticketById(id) : undefined;
    // a resident answers only their own report's quote
    if (!tk || tk.residentId !== residentKey(msg)) return { replies: [{ text: t(w.notYours) }] };
    if (tk.quoteStatus !== "offered" || tk.status !== "on_hold") return { replies: [{ text: t(w.alreadyAnswered, { number: tk.number }) }] };
    const from: TicketStatus[] = ["on_hold"];
    if (answer !== "yes") {
      return {
        replies: [{ text: t(w.declined, { number: tk.number }) }],
        moves: [{ ticketId: tk.id, from, to: "cancelled", stamp: "cancelledAt", set: { quoteStatus: "declined" } }],
        events: [{ type: "quote.declined", ticketId: tk.id, propertyId: tk.propertyId, data: {} }],
      };
    }
    const policy = this.deps.policyOf(tk.propertyId);
    const quote = fill(this.words.texts.orderQuote.zh, { price: (tk.quoteFen ?? 0) / 100, note: tk.quoteNote ?? "" });
    const picked = await this.deps.dispatcher.dispatchStored(
      { ticketId: tk.id, propertyId: tk.propertyId, view: orderView({ ...tk, quote }), building: tk.building },
      policy,
      now,
    );
    const accepted = { type: "quote.accepted", ticketId: tk.id, propertyId: tk.propertyId, data: { quote } };
    if (!picked) {
      // nobody free now: the dispatch deadline makes the sweep chase the supervisors
      return {
        replies: [{ text: t(w.acceptedWaiting) }],
        moves: [
          {
            ticketId: tk.id,
            from,
            to: "on_hold",
            set: { quoteStatus: "accepted", dispatchDueAt: addDuration(now, policy.deadlines.dispatch, policy, "office") },
          },
        ],
        events: [
          accepted,
          { type: "dispatch.none", ticketId: tk.id, propertyId: tk.propertyId, data: { why: this.deps.dispatcher.why([{ code: "quoteAccepted" }]) } },
        ],
      };
    }
    return {
      replies: [{ text: t(w.accepted, { name: picked.to.name, worker: workerTitle(picked.to.name) }) }],
      assignments: [picked.assignment],
      moves: [
        {
          ticketId: tk.id,
          from,
          to: "dispatched",
          stamp: "dispatchedAt",
          set: { quoteStatus: "accepted", assigneeId: picked.to.id, acceptDueAt: picked.respondBy },
        },
      ],
      events: [
        accepted,
        {
          type: "ticket.dispatched",
          ticketId: tk.id,
          propertyId: tk.propertyId,
          data: { staffId: picked.to.id, staff: picked.to.name, why: picked.assignment.why },
        },
      ],
      outbox: turnRows(picked.outbox),
    };
  }
}
