import { randomUUID } from "node:crypto";
import type { Category, ChannelName, Text, TicketStatus } from "./domain.js";
import type { Dispatcher } from "./dispatch/dispatcher.js";
import { orderView, type AssignmentRecord } from "./dispatch/dispatcher.js";
import type { Policy } from "./policy.js";
import { fromStatuses, move } from "./lifecycle.js";
import { formatWhen } from "./zoned.js";
import { STATUS_TEXT, VISIT_NATURES as VISITS } from "./domain.js";
import { toResident } from "./notify.js";
import { feeStandard } from "./fees.js";
import { findAppointment } from "./parse/appointment.js";
import type { QuoteWords } from "./quote-desk.js";
import { askNewTime, type NewTimeTexts } from "./new-time.js";
import { addDuration } from "./deadlines.js";
import { callbacksOnCompletion, type CallbackAnswer, type CallbackRecord } from "./callbacks.js";
import type { Reply, TicketSummary } from "./flow/types.js";
import type { InboundMessage, OutboxRecord, TicketMove } from "./ports.js";

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
  };
  /** the resident's rating of a finished job (满意 / 基本满意 / 不满意) */
  ratings: readonly string[];
  /** reasons a worker picks when refusing (拒单) */
  refusalReasons: readonly { code: string; label: Text }[];
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

/**
 * Staff matters come before any resident flow: binding a chat account with a one-time code,
 * and staff commands, which only a bound account ever reaches.
 */
export class StaffDesk {
  constructor(
    private readonly store: StaffStore,
    private readonly words: StaffWords,
    /** where a resident's chat can be reached from (undefined: replies only in the page) and the property's zone */
    private readonly reach: { accountOf(channel: ChannelName): string | undefined; policyOf(propertyId: string): Policy },
    private readonly dispatcher?: Dispatcher,
  ) {}

  /** undefined when the message is not a staff matter (the resident flows take it) */
  async handle(msg: InboundMessage, text: string, now: Date, t: (x: Text, v?: Record<string, string | number>) => string): Promise<StaffTurn | undefined> {
    const w = this.words;
    if (msg.choice?.startsWith("wo:")) return this.workOrder(msg, msg.choice, now, t);
    const bind = w.bind.exec(text);
    if (bind) {
      const code = bind[1]!.toUpperCase();
      const found = await this.store.bindCode(code);
      if (!found || found.usedAt || found.expiresAt <= now) return { replies: [{ text: t(w.texts.badCode) }] };
      const already = await this.store.staffByIdentity(msg.channel, msg.userId);
      if (already && already.id === found.staffId) return { replies: [{ text: t(w.texts.alreadyBound, { name: already.name }) }] };
      return {
        replies: [{ text: t(w.texts.bound, { name: found.staffName }) }],
        binding: { code, staffId: found.staffId, propertyId: found.propertyId, channel: msg.channel, externalId: msg.userId },
      };
    }
    if (!w.commands.test(text)) return undefined;
    const staff = await this.store.staffByIdentity(msg.channel, msg.userId);
    if (!staff) return { replies: [{ text: t(w.texts.staffOnly) }] };
    const arrive = w.arrive.test(text);
    const complete = w.complete.exec(text);
    if (arrive || complete) {
      // a visit is arrived at, then completed; a complaint (or another report without a visit) is completed once taken on
      const orders = (await this.store.ordersIn(staff.id, arrive ? ["accepted"] : ["arrived", "accepted"])).filter((o) =>
        arrive ? VISITS.includes(o.nature) : o.status === "arrived" || !VISITS.includes(o.nature),
      );
      if (!orders.length) return { replies: [{ text: t(arrive ? w.texts.noneToArrive : w.texts.noneToComplete) }] };
      if (orders.length > 1) {
        const verb = arrive ? "arrive" : "done";
        return { replies: [{ text: t(w.texts.whichOrder), choices: orders.map((o) => ({ label: `${o.number} ${o.place ?? ""}`.trim(), value: `wo:${verb}:${o.id}` })) }] };
      }
      return this.advance(staff, orders[0]!, arrive ? "arrived" : "completed", complete?.[1]?.trim() ?? "", now, t);
    }
    const quote = w.quotes.quote.exec(text);
    if (quote) return this.quote(staff, quote[1], Number(quote[2]), (quote[3] ?? "").trim(), now, t);
    const behalf = w.onBehalf.exec(text);
    if (behalf) return { replies: [], onBehalf: { staffId: staff.id, name: staff.name, text: (behalf[1] ?? "").trim() } };
    if (w.handOver.test(text)) {
      const orders = await this.store.ordersIn(staff.id, ["accepted"]);
      if (!orders.length) return { replies: [{ text: t(w.texts.noneToHandOver) }] };
      if (orders.length > 1) return { replies: [{ text: t(w.texts.whichOrder), choices: orders.map((o) => ({ label: `${o.number} ${o.place ?? ""}`.trim(), value: `wo:handover:${o.id}` })) }] };
      return this.handOver(staff, orders[0]!, undefined, now, t);
    }
    const resched = w.reschedule.exec(text);
    if (resched) return this.reschedule(staff, resched[1]!.trim(), now, t);
    if (w.myOrders.test(text)) {
      const orders = await this.store.openOrdersOf(staff.id);
      if (!orders.length) return { replies: [{ text: t(w.texts.noOrders, { name: staff.name }) }] };
      const lines = orders.map((o, i) => `${i + 1}. ${o.number} ${o.place ?? ""} ${o.description.slice(0, 20)} · ${t(STATUS_TEXT[o.status])}`);
      return { replies: [{ text: `${t(w.texts.orders, { n: orders.length })}\n${lines.join("\n")}` }] };
    }
    return { replies: [{ text: t(w.texts.notYet) }] };
  }

  /** 接单 / 拒单 pressed on a 派工单: only by the worker it was offered to, only while it is still open. */
  private async workOrder(msg: InboundMessage, choice: string, now: Date, t: (x: Text, v?: Record<string, string | number>) => string): Promise<StaffTurn> {
    const w = this.words.texts;
    const staff = await this.store.staffByIdentity(msg.channel, msg.userId);
    if (!staff) return { replies: [{ text: t(w.staffOnly) }] };
    const [, action, id] = choice.split(":");
    if (action === "handover") {
      const tk = (await this.store.ordersIn(staff.id, ["accepted"])).find((o) => o.id === id);
      if (!tk) return { replies: [{ text: t(w.notYours) }] };
      return this.handOver(staff, tk, choice.split(":")[3], now, t);
    }
    if (action === "resched") {
      const tk = (await this.store.ordersIn(staff.id, ["accepted"])).find((o) => o.id === id);
      const at = new Date(Number(choice.split(":")[3]));
      if (!tk || !(at > now)) return { replies: [{ text: t(w.notYours) }] };
      return this.rescheduled(staff, tk, at, now, t);
    }
    if (action === "arrive" || action === "done") {
      const want = action === "arrive" ? "accepted" : "arrived";
      const tk = (await this.store.ordersIn(staff.id, [want])).find((o) => o.id === id);
      if (!tk) return { replies: [{ text: t(w.notYours) }] };
      return this.advance(staff, tk, action === "arrive" ? "arrived" : "completed", "", now, t);
    }
    const order = id ? await this.store.assignment(id) : undefined;
    if (!order || order.staffId !== staff.id) return { replies: [{ text: t(w.notYours) }] };
    if (order.status !== "offered") return { replies: [{ text: t(w.alreadyHandled, { number: order.ticket.number }) }] };
    if (action === "refuse") return this.refuse(staff, order, choice.split(":")[3], now, t);
    if (action !== "accept") return { replies: [{ text: t(w.notYet) }] };
    const m = move(order.ticket.status, "accepted");
    if (!m.ok) return { replies: [{ text: t(m.reason) }] };
    const tk = order.ticket;
    const tz = this.reach.policyOf(tk.propertyId).timezone;
    const visit = VISITS.includes(tk.nature);
    const when = tk.appointmentAt ? formatWhen(tk.appointmentAt, tz, "zh") : tk.arriveDueAt ? `${formatWhen(tk.arriveDueAt, tz, "zh")} 前` : "尽快";
    const due = tk.resolveDueAt ? formatWhen(tk.resolveDueAt, tz, "zh") : "尽快";
    const vars = { number: tk.number, place: tk.place ?? "—", phone: tk.phone?.replace(/^\+86/, "") ?? "—", when, due };
    const turn: StaffTurn = {
      replies: [{ text: t(visit ? w.accepted : w.takenOn, vars) }],
      answer: { assignmentId: order.id, status: "accepted" },
      moves: [{ ticketId: tk.id, from: fromStatuses("accepted"), to: "accepted", stamp: "acceptedAt" }],
      events: [{ type: "ticket.accepted", ticketId: tk.id, propertyId: tk.propertyId, data: { staffId: staff.id, staff: staff.name } }],
      outbox: [],
    };
    // a paid job's fee standard is told before work starts (SPEC §5)
    const fee = feeStandard(tk, this.reach.policyOf(tk.propertyId));
    const said = t(visit ? w.residentTold : w.residentTakenOn, { ...vars, name: staff.name, phone: order.staff.phone ? `☎ ${order.staff.phone}` : "" });
    const told = this.tellResident(tk, fee ? `${said}\n${t(w.paidJob, { fee: fee.text })}` : said, now);
    if (told) turn.outbox!.push(told);
    return turn;
  }

  /** 到场 / 完工: the move through the state machine, the resident told, the worker answered. */
  private advance(staff: BoundStaff, tk: OfferedOrder["ticket"], to: "arrived" | "completed", notes: string, now: Date, t: (x: Text, v?: Record<string, string | number>) => string): StaffTurn {
    const w = this.words.texts;
    const m = move(tk.status, to);
    if (!m.ok) return { replies: [{ text: t(m.reason) }] };
    const fee = /(\d+(?:\.\d+)?)\s*元/.exec(notes)?.[1];
    // "材料：水龙头1个、生料带" — what was used, kept with the completion
    const materials = /材料[:：]\s*([^，,。；;]+?)\s*(?=材料费|[，,。；;]|$)/.exec(notes)?.[1];
    const set: Record<string, number | Date> = {};
    // completion creates the callback tasks (回访) in the same transaction
    const callbacks = to === "completed" ? callbacksOnCompletion(tk, now, this.reach.policyOf(tk.propertyId)) : [];
    if (callbacks[0]) set.callbackDueAt = callbacks[0].dueAt;
    if (to === "completed" && fee) set.feeCharged = Math.round(Number(fee) * 100);
    const turn: StaffTurn = {
      replies: [{ text: t(to === "arrived" ? w.arrived : w.completed, { number: tk.number }) }],
      moves: [{ ticketId: tk.id, from: fromStatuses(to), to, stamp: to === "arrived" ? "arrivedAt" : "completedAt", ...(Object.keys(set).length ? { set } : {}) }],
      events: [{ type: `ticket.${to}`, ticketId: tk.id, propertyId: tk.propertyId, data: { staffId: staff.id, staff: staff.name, ...(notes ? { notes } : {}), ...(materials ? { materials } : {}), ...(fee ? { feeYuan: Number(fee) } : {}) } }],
      outbox: [],
      ...(callbacks.length ? { callbacks } : {}),
    };
    const name = to === "completed" && VISITS.includes(tk.nature) ? `${staff.name}师傅` : staff.name;
    const said = t(to === "arrived" ? w.residentArrived : w.residentCompleted, { number: tk.number, name, notes: notes ? `（${notes}）` : "" });
    // the resident rates the finished job in chat; the answer joins the callback record
    const told = this.tellResident(tk, to === "completed" ? { text: said, choices: this.words.ratings.map((r) => ({ label: r, value: `rate:${tk.id}:${r}` })) } : { text: said }, now);
    if (told) turn.outbox!.push(told);
    return turn;
  }

  private tellResident(tk: OfferedOrder["ticket"], said: string | Reply, now: Date): Omit<OutboxRecord, "createdAt" | "inboundId"> | undefined {
    const row = toResident(tk.residentId, typeof said === "string" ? { text: said } : said, tk.id, now, this.reach.accountOf);
    if (!row) return undefined;
    const { createdAt: _c, inboundId: _i, ...rest } = row;
    return rest;
  }

  /** 报价: the supervisor's quote for a paid job outside the catalogue goes to the resident to accept or decline. */
  private async quote(staff: BoundStaff, number: string | undefined, price: number, note: string, now: Date, t: (x: Text, v?: Record<string, string | number>) => string): Promise<StaffTurn> {
    const q = this.words.quotes;
    const waiting = await this.store.awaitingQuote(staff.propertyId);
    if (!waiting.length) return { replies: [{ text: t(q.texts.noQuotes) }] };
    const tk = number ? waiting.find((o) => o.number === number) : waiting.length === 1 ? waiting[0] : undefined;
    if (!tk) return { replies: [{ text: t(q.texts.whichQuote, { number: waiting[0]!.number, numbers: waiting.map((o) => o.number).join("、") }) }] };
    if (!(price >= 1 && price <= 99999)) return { replies: [{ text: t(q.texts.badQuote) }] };
    const m = move(tk.status, "on_hold");
    if (!m.ok) return { replies: [{ text: t(m.reason) }] };
    const covers = note || "维修";
    const vars = { number: tk.number, price: String(price), note: covers };
    const turn: StaffTurn = {
      replies: [{ text: t(q.texts.quoted, vars) }],
      moves: [{ ticketId: tk.id, from: ["received"], to: "on_hold", set: { quoteFen: Math.round(price * 100), quoteNote: covers.slice(0, 200), quoteStatus: "offered", dispatchDueAt: null } }],
      events: [{ type: "quote.offered", ticketId: tk.id, propertyId: tk.propertyId, data: { staffId: staff.id, staff: staff.name, yuan: price, note: covers } }],
      outbox: [],
    };
    const ask = this.tellResident(tk, { text: t(q.texts.residentQuote, vars), choices: [{ label: t(q.yes), value: `quote:${tk.id}:yes` }, { label: t(q.no), value: `quote:${tk.id}:no` }] }, now);
    if (ask) turn.outbox!.push(ask);
    return turn;
  }

  /** 转单: a reason (picked), then another worker (or the superior) is offered the order; the resident is told. */
  private async handOver(staff: BoundStaff, tk: OfferedOrder["ticket"], code: string | undefined, now: Date, t: (x: Text, v?: Record<string, string | number>) => string): Promise<StaffTurn> {
    const w = this.words;
    const reason = code ? w.refusalReasons.find((r) => r.code === code) : undefined;
    if (!reason) {
      return { replies: [{ text: t(w.texts.handOverWhy, { number: tk.number }), choices: w.refusalReasons.map((r) => ({ label: t(r.label), value: `wo:handover:${tk.id}:${r.code}` })) }] };
    }
    const m = move(tk.status, "dispatched");
    if (!m.ok) return { replies: [{ text: t(m.reason) }] };
    const policy = this.reach.policyOf(tk.propertyId);
    const next = await this.dispatcher?.handOver({ ticketId: tk.id, propertyId: tk.propertyId, level: 0, view: orderView(tk), building: tk.building }, staff, reason.label.zh, policy, now);
    if (!next) return { replies: [{ text: t(w.texts.handOverNoOne, { number: tk.number }) }] };
    const turn: StaffTurn = {
      replies: [{ text: t(w.texts.handedOver, { number: tk.number, name: next.to.name }) }],
      handOver: { ticketId: tk.id, staffId: staff.id, reason: reason.label.zh },
      assignments: [next.assignment],
      moves: [{ ticketId: tk.id, from: ["accepted"], to: "dispatched", stamp: "dispatchedAt", set: { assigneeId: next.to.id, acceptDueAt: next.respondBy } }],
      events: [
        { type: "ticket.handed_over", ticketId: tk.id, propertyId: tk.propertyId, data: { staffId: staff.id, staff: staff.name, reason: reason.label.zh, to: next.to.name } },
        { type: "ticket.dispatched", ticketId: tk.id, propertyId: tk.propertyId, data: { staffId: next.to.id, staff: next.to.name, why: next.assignment.why } },
      ],
      outbox: next.outbox.map(({ createdAt: _c, inboundId: _i, ...o }) => o),
    };
    const told = this.tellResident(tk, t(w.texts.residentHandedOver, { number: tk.number }), now);
    if (told) turn.outbox!.push(told);
    return turn;
  }

  /** 改约: the worker agreed a new time with the resident; it must be a time the resident could have booked. */
  private async reschedule(staff: BoundStaff, when: string, now: Date, t: (x: Text, v?: Record<string, string | number>) => string): Promise<StaffTurn> {
    const w = this.words.texts;
    const orders = (await this.store.ordersIn(staff.id, ["accepted"])).filter((o) => VISITS.includes(o.nature));
    if (!orders.length) return { replies: [{ text: t(w.noneToReschedule) }] };
    const policy = this.reach.policyOf(staff.propertyId);
    const found = when ? findAppointment(when, now, policy, []) : undefined;
    if (!found) return { replies: [{ text: t(w.rescheduleHow) }] };
    if (!found.ok) return { replies: [{ text: t(found.reason) }] };
    if (found.appointment.asap) return { replies: [{ text: t(w.rescheduleHow) }] };
    const at = new Date(found.appointment.at);
    if (orders.length > 1) {
      return { replies: [{ text: t(w.whichOrder), choices: orders.map((o) => ({ label: `${o.number} ${o.place ?? ""}`.trim(), value: `wo:resched:${o.id}:${at.getTime()}` })) }] };
    }
    return this.rescheduled(staff, orders[0]!, at, now, t);
  }

  private rescheduled(staff: BoundStaff, tk: OfferedOrder["ticket"], at: Date, now: Date, t: (x: Text, v?: Record<string, string | number>) => string): StaffTurn {
    const w = this.words.texts;
    const policy = this.reach.policyOf(tk.propertyId);
    const when = formatWhen(at, policy.timezone, "zh");
    // a new agreement: the arrival deadline is the new time's, and earlier reminders no longer apply
    const arriveDueAt = new Date(at.getTime() - policy.deadlines.arriveBeforeAppointment.minutes * 60000);
    const turn: StaffTurn = {
      replies: [{ text: t(w.rescheduled, { number: tk.number, when }) }],
      moves: [{ ticketId: tk.id, from: ["accepted"], to: "accepted", set: { appointmentAt: at, asap: 0, arriveDueAt, escalations: "{}" } }],
      events: [{ type: "ticket.rescheduled", ticketId: tk.id, propertyId: tk.propertyId, data: { staffId: staff.id, staff: staff.name, from: tk.appointmentAt?.toISOString() ?? null, to: at.toISOString() } }],
      outbox: [],
    };
    const told = this.tellResident(tk, t(w.residentRescheduled, { number: tk.number, name: staff.name, when }), now);
    if (told) turn.outbox!.push(told);
    return turn;
  }

  /** 拒单: a reason first (picked, so it works with buttons and numbers alike), then the order climbs one level. */
  private async refuse(staff: BoundStaff, order: OfferedOrder, code: string | undefined, now: Date, t: (x: Text, v?: Record<string, string | number>) => string): Promise<StaffTurn> {
    const w = this.words;
    const reason = code ? w.refusalReasons.find((r) => r.code === code) : undefined;
    if (!reason) {
      return { replies: [{ text: t(w.texts.refuseWhy, { number: order.ticket.number }), choices: w.refusalReasons.map((r) => ({ label: t(r.label), value: `wo:refuse:${order.id}:${r.code}` })) }] };
    }
    const m = move(order.ticket.status, "refused");
    if (!m.ok) return { replies: [{ text: t(m.reason) }] };
    const tk = order.ticket;
    const policy = this.reach.policyOf(tk.propertyId);
    const turn: StaffTurn = {
      replies: [],
      answer: { assignmentId: order.id, status: "refused", reason: reason.label.zh },
      moves: [{ ticketId: tk.id, from: fromStatuses("refused"), to: "refused" }],
      events: [{ type: "ticket.refused", ticketId: tk.id, propertyId: tk.propertyId, data: { staffId: staff.id, staff: staff.name, reason: reason.label.zh } }],
      outbox: [],
    };
    const up = await this.dispatcher?.offerUp({ ticketId: tk.id, propertyId: tk.propertyId, level: order.level, view: orderView(tk) }, staff, reason.label.zh, policy, now);
    if (!up) {
      // nobody above: the resident picks a new time; the supervisors are chased from a fresh dispatch deadline
      turn.moves![0]!.set = { dispatchDueAt: addDuration(now, policy.deadlines.dispatch, policy), escalations: "{}" };
      turn.events!.push({ type: "dispatch.exhausted", ticketId: tk.id, propertyId: tk.propertyId, data: { after: staff.name } });
      turn.replies.push({ text: t(w.texts.refusedNoOne, { number: tk.number }) });
      const ask = this.tellResident(tk, askNewTime(tk.id, tk.number, now, policy, w.newTime), now);
      if (ask) turn.outbox!.push(ask);
      return turn;
    }
    turn.assignments = [up.assignment];
    turn.moves!.push({ ticketId: tk.id, from: ["refused"], to: "dispatched", stamp: "dispatchedAt", set: { assigneeId: up.superior.id, acceptDueAt: up.respondBy } });
    turn.events!.push({ type: "ticket.dispatched", ticketId: tk.id, propertyId: tk.propertyId, data: { staffId: up.superior.id, staff: up.superior.name, why: up.assignment.why } });
    turn.outbox!.push(...up.outbox.map(({ createdAt: _c, inboundId: _i, ...o }) => o));
    turn.replies.push({ text: t(w.texts.refused, { number: tk.number, name: up.superior.name }) });
    return turn;
  }
}
