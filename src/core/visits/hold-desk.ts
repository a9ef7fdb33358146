import { formatWhen } from "../policy/zoned.js";
import { holdMove, resumeMove } from "./hold.js";
import { workerTitle } from "../conversation/text.js";
import { residentRow, type BoundStaff, type OfferedOrder, type Reach, type StaffStore, type StaffTurn, type Translate } from "../staff/staff-turn.js";
import type { StaffWords } from "../staff/staff-words.js";

/**
 * 挂起 / 恢复 from chat: the assignee puts an accepted or arrived order on hold with a picked reason
 * (waiting for parts, for the owner, for another department), and resumes it. The resident is told
 * both times; the hold's clock rules are in hold.ts.
 */
export class HoldDesk {
  constructor(
    private readonly store: StaffStore,
    private readonly words: StaffWords,
    private readonly reach: Reach,
  ) {}

  /** 挂起: which order (when several), then why (picked), then on hold. */
  async hold(staff: BoundStaff, ticketId: string | undefined, code: string | undefined, now: Date, t: Translate): Promise<StaffTurn> {
    const w = this.words;
    const orders = await this.store.ordersIn(staff.id, ["accepted", "arrived"]);
    const tk = ticketId ? orders.find((o) => o.id === ticketId) : orders.length === 1 ? orders[0] : undefined;
    if (!orders.length || (ticketId && !tk)) return { replies: [{ text: t(w.texts.noneToHold) }] };
    if (!tk)
      return {
        replies: [{ text: t(w.texts.whichOrder), choices: orders.map((o) => ({ label: `${o.number} ${o.place ?? ""}`.trim(), value: `wo:hold:${o.id}` })) }],
      };
    const reason = code ? w.holdReasons.find((r) => r.code === code) : undefined;
    if (!reason)
      return {
        replies: [
          { text: t(w.texts.holdWhy, { number: tk.number }), choices: w.holdReasons.map((r) => ({ label: t(r.label), value: `wo:hold:${tk.id}:${r.code}` })) },
        ],
      };
    const policy = this.reach.policyOf(tk.propertyId);
    const m = holdMove(tk, reason.label.zh, now, policy);
    if (!m.ok) return { replies: [{ text: t(this.words.vocabulary.moveRefusal(m.reason)) }] };
    const vars = {
      number: tk.number,
      reason: t(reason.label),
      until: formatWhen(m.until!, policy.timezone, "zh"),
      worker: workerTitle(staff.name),
      name: staff.name,
    };
    const turn: StaffTurn = {
      replies: [{ text: t(w.texts.held, vars) }],
      moves: [m.move],
      events: [
        {
          type: "ticket.on_hold",
          ticketId: tk.id,
          propertyId: tk.propertyId,
          data: { staffId: staff.id, staff: staff.name, reason: reason.label.zh, from: tk.status, until: m.until!.toISOString() },
        },
      ],
      outbox: [],
    };
    const told = residentRow(tk, t(w.texts.residentHeld, vars), now, this.reach);
    if (told) turn.outbox!.push(told);
    return turn;
  }

  /** 恢复: the clock runs again from where it stopped; the resident is told. */
  async resume(staff: BoundStaff, ticketId: string | undefined, now: Date, t: Translate): Promise<StaffTurn> {
    const w = this.words;
    const held = await this.store.ordersIn(staff.id, ["on_hold"]);
    const orders = held.filter((o) => o.pausedAt);
    const tk: OfferedOrder["ticket"] | undefined = ticketId ? orders.find((o) => o.id === ticketId) : orders.length === 1 ? orders[0] : undefined;
    if (!orders.length || (ticketId && !tk)) return { replies: [{ text: t(w.texts.noneOnHold) }] };
    if (!tk)
      return {
        replies: [{ text: t(w.texts.whichOrder), choices: orders.map((o) => ({ label: `${o.number} ${o.place ?? ""}`.trim(), value: `wo:resume:${o.id}` })) }],
      };
    const policy = this.reach.policyOf(tk.propertyId);
    const m = resumeMove(tk, now, policy);
    if (!m.ok) return { replies: [{ text: t(this.words.vocabulary.moveRefusal(m.reason)) }] };
    const minutes = Math.round((m.pausedMs ?? 0) / 60000);
    const vars = { number: tk.number, worker: workerTitle(staff.name), name: staff.name, minutes };
    const turn: StaffTurn = {
      replies: [{ text: t(w.texts.resumed, vars) }],
      moves: [m.move],
      events: [
        {
          type: "ticket.resumed",
          ticketId: tk.id,
          propertyId: tk.propertyId,
          data: { staffId: staff.id, staff: staff.name, to: tk.holdFrom, pausedMs: m.pausedMs },
        },
      ],
      outbox: [],
    };
    const told = residentRow(tk, t(w.texts.residentResumed, vars), now, this.reach);
    if (told) turn.outbox!.push(told);
    return turn;
  }
}
