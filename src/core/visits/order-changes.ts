import type { Dispatcher } from "../dispatch/dispatcher.js";
import { orderView } from "../dispatch/work-order.js";
import { VISIT_NATURES as VISITS } from "../ticket/domain.js";
import { move } from "../ticket/lifecycle.js";
import { findAppointment } from "../conversation/parse/appointment.js";
import { formatWhen } from "../policy/zoned.js";
import { workerTitle } from "../conversation/text.js";
import { residentRow, turnRows, type BoundStaff, type OfferedOrder, type Reach, type StaffStore, type StaffTurn, type Translate } from "../staff/staff-turn.js";
import type { StaffWords } from "../staff/staff-words.js";

/**
 * Changes to an order after it was taken: 报价 (a supervisor's quote), 转单 (handed over) and 改约 (a new
 * time agreed with the resident). Each tells the resident and is written with its ticket's change.
 */
export class OrderChanges {
  constructor(
    private readonly store: StaffStore,
    private readonly words: StaffWords,
    private readonly reach: Reach,
    private readonly dispatcher?: Dispatcher,
  ) {}

  /** 报价: the supervisor's quote for a paid job outside the catalogue goes to the resident to accept or decline. */
  async quote(staff: BoundStaff, number: string | undefined, price: number, note: string, now: Date, t: Translate): Promise<StaffTurn> {
    const q = this.words.quotes;
    const waiting = await this.store.awaitingQuote(staff.propertyId);
    if (!waiting.length) return { replies: [{ text: t(q.texts.noQuotes) }] };
    const tk = number ? waiting.find((o) => o.number === number) : waiting.length === 1 ? waiting[0] : undefined;
    if (!tk) return { replies: [{ text: t(q.texts.whichQuote, { number: waiting[0]!.number, numbers: waiting.map((o) => o.number).join("、") }) }] };
    if (!(price >= 1 && price <= 99999)) return { replies: [{ text: t(q.texts.badQuote) }] };
    const m = move(tk.status, "on_hold");
    if (!m.ok) return { replies: [{ text: t(this.words.vocabulary.moveRefusal(m.reason)) }] };
    const covers = note || q.texts.defaultNote.zh;
    const vars = { number: tk.number, price: String(price), note: covers };
    const turn: StaffTurn = {
      replies: [{ text: t(q.texts.quoted, vars) }],
      moves: [
        {
          ticketId: tk.id,
          from: ["received"],
          to: "on_hold",
          set: { quoteFen: Math.round(price * 100), quoteNote: covers.slice(0, 200), quoteStatus: "offered", dispatchDueAt: null },
        },
      ],
      events: [
        { type: "quote.offered", ticketId: tk.id, propertyId: tk.propertyId, data: { staffId: staff.id, staff: staff.name, yuan: price, note: covers } },
      ],
      outbox: [],
    };
    const ask = residentRow(
      tk,
      {
        text: t(q.texts.residentQuote, vars),
        choices: [
          { label: t(q.yes), value: `quote:${tk.id}:yes` },
          { label: t(q.no), value: `quote:${tk.id}:no` },
        ],
      },
      now,
      this.reach,
    );
    if (ask) turn.outbox!.push(ask);
    return turn;
  }

  /** 转单: a reason (picked), then another worker (or the superior) is offered the order; the resident is told. */
  async handOver(staff: BoundStaff, tk: OfferedOrder["ticket"], code: string | undefined, now: Date, t: Translate): Promise<StaffTurn> {
    const w = this.words;
    const reason = code ? w.refusalReasons.find((r) => r.code === code) : undefined;
    if (!reason) {
      return {
        replies: [
          {
            text: t(w.texts.handOverWhy, { number: tk.number }),
            choices: w.refusalReasons.map((r) => ({ label: t(r.label), value: `wo:handover:${tk.id}:${r.code}` })),
          },
        ],
      };
    }
    const m = move(tk.status, "dispatched");
    if (!m.ok) return { replies: [{ text: t(this.words.vocabulary.moveRefusal(m.reason)) }] };
    const policy = this.reach.policyOf(tk.propertyId);
    const next = await this.dispatcher?.handOver(
      { ticketId: tk.id, propertyId: tk.propertyId, level: 0, view: orderView(tk), building: tk.building },
      staff,
      reason.label.zh,
      policy,
      now,
    );
    if (!next) return { replies: [{ text: t(w.texts.handOverNoOne, { number: tk.number }) }] };
    const turn: StaffTurn = {
      replies: [{ text: t(w.texts.handedOver, { number: tk.number, name: next.to.name }) }],
      handOver: { ticketId: tk.id, staffId: staff.id, reason: reason.label.zh },
      assignments: [next.assignment],
      moves: [{ ticketId: tk.id, from: ["accepted"], to: "dispatched", stamp: "dispatchedAt", set: { assigneeId: next.to.id, acceptDueAt: next.respondBy } }],
      events: [
        {
          type: "ticket.handed_over",
          ticketId: tk.id,
          propertyId: tk.propertyId,
          data: { staffId: staff.id, staff: staff.name, reason: reason.label.zh, to: next.to.name },
        },
        { type: "ticket.dispatched", ticketId: tk.id, propertyId: tk.propertyId, data: { staffId: next.to.id, staff: next.to.name, why: next.assignment.why } },
      ],
      outbox: turnRows(next.outbox),
    };
    const told = residentRow(tk, t(w.texts.residentHandedOver, { number: tk.number }), now, this.reach);
    if (told) turn.outbox!.push(told);
    return turn;
  }

  /** 改约: the worker agreed a new time with the resident; it must be a time the resident could have booked. */
  async reschedule(staff: BoundStaff, when: string, now: Date, t: Translate): Promise<StaffTurn> {
    const w = this.words.texts;
    const orders = (await this.store.ordersIn(staff.id, ["accepted"])).filter((o) => VISITS.includes(o.nature));
    if (!orders.length) return { replies: [{ text: t(w.noneToReschedule) }] };
    const policy = this.reach.policyOf(staff.propertyId);
    const found = when ? findAppointment(when, now, policy, []) : undefined;
    if (!found) return { replies: [{ text: t(w.rescheduleHow) }] };
    if (!found.ok) return { replies: [{ text: t(this.words.vocabulary.refusal(found.reason)) }] };
    if (found.appointment.asap) return { replies: [{ text: t(w.rescheduleHow) }] };
    const at = new Date(found.appointment.at);
    if (orders.length > 1) {
      return {
        replies: [
          {
            text: t(w.whichOrder),
            choices: orders.map((o) => ({ label: `${o.number} ${o.place ?? ""}`.trim(), value: `wo:resched:${o.id}:${at.getTime()}` })),
          },
        ],
      };
    }
    return this.rescheduled(staff, orders[0]!, at, now, t);
  }

  rescheduled(staff: BoundStaff, tk: OfferedOrder["ticket"], at: Date, now: Date, t: Translate): StaffTurn {
    const w = this.words.texts;
    const policy = this.reach.policyOf(tk.propertyId);
    const when = formatWhen(at, policy.timezone, "zh");
    // a new agreement: the arrival deadline is the new time's, and earlier reminders no longer apply
    const arriveDueAt = new Date(at.getTime() - policy.deadlines.arriveBeforeAppointment.minutes * 60000);
    const turn: StaffTurn = {
      replies: [{ text: t(w.rescheduled, { number: tk.number, when }) }],
      moves: [{ ticketId: tk.id, from: ["accepted"], to: "accepted", set: { appointmentAt: at, asap: false, arriveDueAt, escalations: {} } }],
      events: [
        {
          type: "ticket.rescheduled",
          ticketId: tk.id,
          propertyId: tk.propertyId,
          data: { staffId: staff.id, staff: staff.name, from: tk.appointmentAt?.toISOString() ?? null, to: at.toISOString() },
        },
      ],
      outbox: [],
    };
    const told = residentRow(tk, t(w.residentRescheduled, { number: tk.number, name: staff.name, worker: workerTitle(staff.name), when }), now, this.reach);
    if (told) turn.outbox!.push(told);
    return turn;
  }
}
