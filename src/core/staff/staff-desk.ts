import type { TicketPatch } from "../patches.js";
// (Over 200 lines: every staff command typed in chat (binding, my orders, accept/refuse, 到场, 完工) shares the staff lookup, the order lookup and the resident's notice.)
import type { Desk } from "../intake/desks.js";
import type { Dispatcher } from "../dispatch/dispatcher.js";
import { orderView } from "../dispatch/work-order.js";
import { fromStatuses, move } from "../ticket/lifecycle.js";
import { formatWhen } from "../policy/zoned.js";
import { workerTitle } from "../conversation/text.js";
import { VISIT_NATURES as VISITS } from "../ticket/domain.js";
import { feeStandard } from "../quotes/fees.js";
import { askNewTime } from "../visits/new-time.js";
import { addDuration, hoursFor } from "../policy/calendar.js";
import { callbacksOnCompletion } from "../callbacks/callbacks.js";
import type { InboundMessage } from "../ports.js";
import { OrderChanges } from "../visits/order-changes.js";
import { HoldDesk } from "../visits/hold-desk.js";
import { residentRow, turnRows, type BoundStaff, type OfferedOrder, type Reach, type StaffStore, type StaffTurn, type Translate } from "./staff-turn.js";
import type { StaffWords } from "./staff-words.js";

/**
 * Staff matters come before any resident flow: binding a chat account with a one-time code,
 * and staff commands, which only a bound account ever reaches.
 */
export class StaffDesk implements Desk {
  readonly answers = ["wo"];
  constructor(
    private readonly store: StaffStore,
    private readonly words: StaffWords,
    private readonly reach: Reach,
    private readonly dispatcher?: Dispatcher,
    /** a one-time console link for a staff member (登录) */
    private readonly signInLink?: (staffId: string, now: Date) => { url: string; minutes: number },
  ) {
    this.changes = new OrderChanges(store, words, reach, dispatcher);
    this.holds = new HoldDesk(store, words, reach);
  }

  /** 报价, 转单, 改约 */
  private readonly changes: OrderChanges;
  /** 挂起, 恢复 */
  private readonly holds: HoldDesk;

  /** undefined when the message is not a staff matter (the resident flows take it) */
  async handle(msg: InboundMessage, text: string, now: Date, t: Translate): Promise<StaffTurn | undefined> {
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
    if (w.signIn.test(text)) {
      // a link in a group could be used by anyone in it
      if (msg.chatId && msg.chatId !== msg.userId) return { replies: [{ text: t(w.texts.signInPrivately) }] };
      const link = this.signInLink?.(staff.id, now);
      if (!link) return { replies: [{ text: t(w.texts.signInOff) }] };
      return { replies: [{ text: t(w.texts.signInLink, { name: staff.name, url: link.url, minutes: link.minutes }) }] };
    }
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
        return {
          replies: [
            { text: t(w.texts.whichOrder), choices: orders.map((o) => ({ label: `${o.number} ${o.place ?? ""}`.trim(), value: `wo:${verb}:${o.id}` })) },
          ],
        };
      }
      return this.advance(staff, orders[0]!, arrive ? "arrived" : "completed", complete?.[1]?.trim() ?? "", now, t);
    }
    const quote = w.quotes.quote.exec(text);
    if (quote) return this.changes.quote(staff, quote[1], Number(quote[2]), (quote[3] ?? "").trim(), now, t);
    const behalf = w.onBehalf.exec(text);
    if (behalf) return { replies: [], onBehalf: { staffId: staff.id, name: staff.name, text: `${w.reportTrigger} ${behalf[1] ?? ""}`.trim() } };
    if (w.handOver.test(text)) {
      const orders = await this.store.ordersIn(staff.id, ["accepted"]);
      if (!orders.length) return { replies: [{ text: t(w.texts.noneToHandOver) }] };
      if (orders.length > 1)
        return {
          replies: [
            { text: t(w.texts.whichOrder), choices: orders.map((o) => ({ label: `${o.number} ${o.place ?? ""}`.trim(), value: `wo:handover:${o.id}` })) },
          ],
        };
      return this.changes.handOver(staff, orders[0]!, undefined, now, t);
    }
    if (w.hold.test(text)) return this.holds.hold(staff, undefined, undefined, now, t);
    if (w.resume.test(text)) return this.holds.resume(staff, undefined, now, t);
    const resched = w.reschedule.exec(text);
    if (resched) return this.changes.reschedule(staff, resched[1]!.trim(), now, t);
    if (w.myOrders.test(text)) {
      const orders = await this.store.openOrdersOf(staff.id);
      if (!orders.length) return { replies: [{ text: t(w.texts.noOrders, { name: staff.name }) }] };
      const lines = orders.map(
        (o, i) => `${i + 1}. ${o.number} ${o.place ?? ""} ${o.description.slice(0, 20)} · ${t(this.words.vocabulary.statuses[o.status])}`,
      );
      return { replies: [{ text: `${t(w.texts.orders, { n: orders.length })}\n${lines.join("\n")}` }] };
    }
    return { replies: [{ text: t(w.texts.notYet) }] };
  }

  /** 接单 / 拒单 pressed on a 派工单: only by the worker it was offered to, only while it is still open. */
  private async workOrder(msg: InboundMessage, choice: string, now: Date, t: Translate): Promise<StaffTurn> {
    const w = this.words.texts;
    const staff = await this.store.staffByIdentity(msg.channel, msg.userId);
    if (!staff) return { replies: [{ text: t(w.staffOnly) }] };
    const [, action, id] = choice.split(":");
    if (action === "handover") {
      const tk = (await this.store.ordersIn(staff.id, ["accepted"])).find((o) => o.id === id);
      if (!tk) return { replies: [{ text: t(w.notYours) }] };
      return this.changes.handOver(staff, tk, choice.split(":")[3], now, t);
    }
    if (action === "hold") return this.holds.hold(staff, id, choice.split(":")[3], now, t);
    if (action === "resume") return this.holds.resume(staff, id, now, t);
    if (action === "resched") {
      const tk = (await this.store.ordersIn(staff.id, ["accepted"])).find((o) => o.id === id);
      const at = new Date(Number(choice.split(":")[3]));
      if (!tk || !(at > now)) return { replies: [{ text: t(w.notYours) }] };
      return this.changes.rescheduled(staff, tk, at, now, t);
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
    if (!m.ok) return { replies: [{ text: t(this.words.vocabulary.moveRefusal(m.reason)) }] };
    const tk = order.ticket;
    const tz = this.reach.policyOf(tk.propertyId).timezone;
    const visit = VISITS.includes(tk.nature);
    const when = tk.appointmentAt
      ? formatWhen(tk.appointmentAt, tz, "zh")
      : tk.arriveDueAt
        ? t(w.before, { when: formatWhen(tk.arriveDueAt, tz, "zh") })
        : t(w.asap);
    const due = tk.resolveDueAt ? formatWhen(tk.resolveDueAt, tz, "zh") : t(w.asap);
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
    const said = t(visit ? w.residentTold : w.residentTakenOn, {
      ...vars,
      name: staff.name,
      worker: workerTitle(staff.name),
      phone: order.staff.phone ? `☎ ${order.staff.phone}` : "",
    });
    const told = residentRow(tk, fee ? `${said}\n${t(w.paidJob, { fee: fee.text })}` : said, now, this.reach);
    if (told) turn.outbox!.push(told);
    return turn;
  }

  /** 到场 / 完工: the move through the state machine, the resident told, the worker answered. */
  private advance(staff: BoundStaff, tk: OfferedOrder["ticket"], to: "arrived" | "completed", notes: string, now: Date, t: Translate): StaffTurn {
    const w = this.words.texts;
    const m = move(tk.status, to);
    if (!m.ok) return { replies: [{ text: t(this.words.vocabulary.moveRefusal(m.reason)) }] };
    const fee = /(\d+(?:\.\d+)?)\s*元/.exec(notes)?.[1];
    // "材料：水龙头1个、生料带" — what was used, kept with the completion
    const materials = /材料[:：]\s*([^，,。；;]+?)\s*(?=材料费|[，,。；;]|$)/.exec(notes)?.[1];
    const set: TicketPatch = {};
    // completion creates the callback tasks (回访) in the same transaction
    const callbacks = to === "completed" ? callbacksOnCompletion(tk, now, this.reach.policyOf(tk.propertyId)) : [];
    if (callbacks[0]) set.callbackDueAt = callbacks[0].dueAt;
    if (to === "completed" && fee) set.feeCharged = Math.round(Number(fee) * 100);
    const turn: StaffTurn = {
      replies: [{ text: t(to === "arrived" ? w.arrived : w.completed, { number: tk.number }) }],
      moves: [
        { ticketId: tk.id, from: fromStatuses(to), to, stamp: to === "arrived" ? "arrivedAt" : "completedAt", ...(Object.keys(set).length ? { set } : {}) },
      ],
      events: [
        {
          type: `ticket.${to}`,
          ticketId: tk.id,
          propertyId: tk.propertyId,
          data: {
            staffId: staff.id,
            staff: staff.name,
            ...(notes ? { notes } : {}),
            ...(materials ? { materials } : {}),
            ...(fee ? { feeYuan: Number(fee) } : {}),
          },
        },
      ],
      outbox: [],
      ...(callbacks.length ? { callbacks } : {}),
    };
    const name = staff.name;
    const worker = VISITS.includes(tk.nature) ? workerTitle(staff.name) : staff.name;
    const said = t(to === "arrived" ? w.residentArrived : w.residentCompleted, { number: tk.number, name, worker, notes: notes ? `（${notes}）` : "" });
    // the resident rates the finished job in chat; the answer joins the callback record
    const told = residentRow(
      tk,
      to === "completed" ? { text: said, choices: this.words.ratings.map((r) => ({ label: r, value: `rate:${tk.id}:${r}` })) } : { text: said },
      now,
      this.reach,
    );
    if (told) turn.outbox!.push(told);
    return turn;
  }

  /** 拒单: a reason first (picked, so it works with buttons and numbers alike), then the order climbs one level. */
  private async refuse(staff: BoundStaff, order: OfferedOrder, code: string | undefined, now: Date, t: Translate): Promise<StaffTurn> {
    const w = this.words;
    const reason = code ? w.refusalReasons.find((r) => r.code === code) : undefined;
    if (!reason) {
      return {
        replies: [
          {
            text: t(w.texts.refuseWhy, { number: order.ticket.number }),
            choices: w.refusalReasons.map((r) => ({ label: t(r.label), value: `wo:refuse:${order.id}:${r.code}` })),
          },
        ],
      };
    }
    const m = move(order.ticket.status, "refused");
    if (!m.ok) return { replies: [{ text: t(this.words.vocabulary.moveRefusal(m.reason)) }] };
    const tk = order.ticket;
    const policy = this.reach.policyOf(tk.propertyId);
    const turn: StaffTurn = {
      replies: [],
      answer: { assignmentId: order.id, status: "refused", reason: reason.label.zh },
      moves: [{ ticketId: tk.id, from: fromStatuses("refused"), to: "refused" }],
      events: [{ type: "ticket.refused", ticketId: tk.id, propertyId: tk.propertyId, data: { staffId: staff.id, staff: staff.name, reason: reason.label.zh } }],
      outbox: [],
    };
    const up = await this.dispatcher?.offerUp(
      { ticketId: tk.id, propertyId: tk.propertyId, level: order.level, view: orderView(tk) },
      staff,
      reason.label.zh,
      policy,
      now,
    );
    if (!up) {
      // nobody above: the resident picks a new time; the supervisors are chased from a fresh dispatch deadline
      turn.moves![0]!.set = { dispatchDueAt: addDuration(now, policy.deadlines.dispatch, policy, hoursFor(tk.urgency)), escalations: {} };
      turn.events!.push({ type: "dispatch.exhausted", ticketId: tk.id, propertyId: tk.propertyId, data: { after: staff.name } });
      turn.replies.push({ text: t(w.texts.refusedNoOne, { number: tk.number }) });
      const ask = residentRow(tk, askNewTime(tk.id, tk.number, now, policy, w.newTime), now, this.reach);
      if (ask) turn.outbox!.push(ask);
      return turn;
    }
    turn.assignments = [up.assignment];
    turn.moves!.push({
      ticketId: tk.id,
      from: ["refused"],
      to: "dispatched",
      stamp: "dispatchedAt",
      set: { assigneeId: up.superior.id, acceptDueAt: up.respondBy },
    });
    turn.events!.push({
      type: "ticket.dispatched",
      ticketId: tk.id,
      propertyId: tk.propertyId,
      data: { staffId: up.superior.id, staff: up.superior.name, why: up.assignment.why },
    });
    turn.outbox!.push(...turnRows(up.outbox));
    turn.replies.push({ text: t(w.texts.refused, { number: tk.number, name: up.superior.name }) });
    return turn;
  }
}
