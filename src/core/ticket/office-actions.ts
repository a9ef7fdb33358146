import { orderedId } from "../ids.js";
import type { Dispatcher } from "../dispatch/dispatcher.js";
import type { AssignmentRecord } from "../dispatch/records.js";
import type { OrderView } from "../dispatch/work-order.js";
import { ForbiddenError, IllegalTransitionError, InvalidRequestError, NotFoundError } from "../errors.js";
import { can, type Action, type Principal } from "../access/access.js";
import type { Policy } from "../policy/policy.js";
import type { EventRecord, OutboxRecord, TicketMove } from "../ports.js";
import type { CallbackAnswer } from "../callbacks/callbacks.js";
import { type HoldableTicket, holdMove, resumeMove } from "../visits/hold.js";
import { say, type Text, type TicketStatus } from "./domain.js";
import type { Workforce } from "../dispatch/records.js";
import { toResident, toStaff, type AccountOf } from "../dispatch/notify.js";
import { fill } from "../conversation/text.js";
import { fromStatuses, move, STEP_TIMESTAMP, type MoveRefusal } from "./lifecycle.js";
import type { Vocabulary } from "../vocabulary.js";

/** A ticket as the office's actions read it: what holds, moves and offers need. */
export interface OfficeTicket extends HoldableTicket {
  number: string;
  propertyId: string;
  view: OrderView;
  /** the resident's chat (channel:user), null when filed at the front desk */
  residentId: string | null;
  assigneeId: string | null;
}

/** What the resident and the worker are told of an office move (conversations/console-texts.ts). */
export interface OfficeNotices {
  resident: Partial<Record<TicketStatus | "resumed", Text>>;
  /** to the assignee of a cancelled order */
  workerCancelled: Text;
}

/** What the office's actions read and write (src/db): a change stands whole, or raises ConflictError. */
export interface OfficeStore {
  ticketByNumber(number: string): Promise<OfficeTicket | undefined>;
  change(c: {
    moves?: TicketMove[];
    assignments?: AssignmentRecord[];
    events?: EventRecord[];
    outbox?: OutboxRecord[];
    /** a callback's result (written only while it is still pending) */
    callbackAnswer?: CallbackAnswer & { at: Date };
  }): Promise<void>;
}

/**
 * What the office does to a ticket (the admin API today, the console next): move it through the state
 * machine — a hold stops its clock, leaving one moves its deadlines on — or offer it to a chosen worker.
 * The same rules as chat; HTTP only parses and answers.
 */
export class OfficeActions {
  constructor(
    private readonly deps: {
      store: OfficeStore;
      dispatcher: Dispatcher;
      policyOf(propertyId: string): Policy;
      /** hands new outbox rows to the channels' senders */
      offer(rows: OutboxRecord[]): void;
      /** the office reads why a change was refused in Chinese */
      vocabulary: Vocabulary;
      notices?: OfficeNotices;
      workforce?: Workforce;
      accountOf?: AccountOf;
    },
  ) {}

  private refused(r: MoveRefusal): string {
    return this.deps.vocabulary.moveRefusal(r).zh;
  }

  async transition(who: Principal, number: string, to: TicketStatus, reason: string | undefined, now: Date): Promise<{ number: string; status: TicketStatus }> {
    // reopening an invalid report (back to received) is a dispatcher's call; every other move the desk's
    const t = await this.ticket(who, number, to === "received" ? "tickets.dispatch" : "tickets.change");
    const holding = to === "on_hold" || (t.status === "on_hold" && !!t.pausedAt);
    let next: Omit<TicketMove, "at">;
    if (holding) {
      const policy = this.deps.policyOf(t.propertyId);
      if (to === "on_hold" && !reason) throw new InvalidRequestError("reason_required", "reason: say why the ticket goes on hold (e.g. 等配件)");
      const held = to === "on_hold" ? holdMove(t, reason!, now, policy) : resumeMove(t, now, policy);
      if (!held.ok) throw new IllegalTransitionError(this.refused(held.reason));
      if (to !== "on_hold" && to !== t.holdFrom)
        throw new IllegalTransitionError(this.refused({ why: "resumeOnlyTo", from: t.status, to: t.holdFrom as TicketStatus }));
      next = held.move;
    } else {
      const m = move(t.status, to);
      if (!m.ok) throw new IllegalTransitionError(this.refused(m.reason));
      next = { ticketId: t.id, from: fromStatuses(to), to, ...(STEP_TIMESTAMP[to] ? { stamp: STEP_TIMESTAMP[to]! } : {}) };
    }
    const type = holding && to !== "on_hold" ? "ticket.resumed" : `ticket.${to}`;
    // the resident and the worker hear of it as they would of the same move made in chat
    const outbox = await this.told(t, holding && to !== "on_hold" ? "resumed" : to, reason, now);
    await this.deps.store.change({
      moves: [{ ...next, at: now }],
      events: [officeEvent(who, t, type, { from: t.status, ...(reason ? { reason } : {}) }, now)],
      outbox,
    });
    this.deps.offer(outbox);
    return { number: t.number, status: to };
  }

  private async told(t: OfficeTicket, what: TicketStatus | "resumed", reason: string | undefined, now: Date): Promise<OutboxRecord[]> {
    const n = this.deps.notices;
    const accountOf = this.deps.accountOf;
    if (!n || !accountOf) return [];
    const vars = { number: t.number, reason: reason ?? "—" };
    const rows: OutboxRecord[] = [];
    const text = n.resident[what];
    const resident = text ? toResident(t.residentId, { text: fill(text.zh, vars) }, t.id, now, accountOf) : undefined;
    if (resident) rows.push(resident);
    if (what === "cancelled" && t.assigneeId && this.deps.workforce) {
      const worker = (await this.deps.workforce.staffOf(t.propertyId)).find((s) => s.id === t.assigneeId);
      if (worker) rows.push(...toStaff(worker, { text: fill(say(n.workerCancelled, worker.lang ?? "zh"), vars) }, t.id, now, accountOf));
    }
    return rows;
  }

  /** 人工派单: the order offered to the staff member chosen, who is told in chat. */
  async assign(who: Principal, number: string, staffId: string, now: Date) {
    const t = await this.ticket(who, number, "tickets.dispatch");
    const by = who.name;
    const m = move(t.status, "dispatched");
    if (!m.ok) throw new IllegalTransitionError(this.refused(m.reason));
    const offer = await this.deps.dispatcher.offerTo(
      staffId,
      { ticketId: t.id, propertyId: t.propertyId, view: t.view },
      this.deps.policyOf(t.propertyId),
      now,
      by,
    );
    if (!offer) throw new InvalidRequestError("unknown_staff", `staffId: no active staff member ${staffId} at property ${t.propertyId}`);
    await this.deps.store.change({
      moves: [
        {
          ticketId: t.id,
          from: fromStatuses("dispatched"),
          to: "dispatched",
          stamp: "dispatchedAt",
          set: { assigneeId: offer.staff.id, acceptDueAt: offer.respondBy },
          at: now,
        },
      ],
      assignments: [offer.assignment],
      events: [officeEvent(who, t, "ticket.dispatched", { staffId: offer.staff.id, staff: offer.staff.name, why: offer.assignment.why }, now)],
      outbox: offer.outbox,
    });
    this.deps.offer(offer.outbox);
    return { number: t.number, status: "dispatched" as const, assignee: { id: offer.staff.id, name: offer.staff.name }, notified: offer.outbox.length > 0 };
  }

  /** An internal note on the timeline (nobody is told; the resident never sees it). */
  async note(who: Principal, number: string, text: string, now: Date): Promise<{ number: string }> {
    const t = await this.ticket(who, number, "tickets.note");
    const note = text.trim();
    if (!note) throw new InvalidRequestError("note_required", "text: write the note");
    await this.deps.store.change({ events: [officeEvent(who, t, "ticket.remark", { text: note.slice(0, 2000) }, now)] });
    return { number: t.number };
  }

  /** The ticket, when the asker may act on it: another property's is "not found", as a missing one is. */
  private async ticket(who: Principal, number: string, action: Action): Promise<OfficeTicket> {
    if (!can(who, action)) throw new ForbiddenError(`your role may not do this (${action})`);
    const t = await this.deps.store.ticketByNumber(number);
    if (!t || !can(who, action, t.propertyId)) throw new NotFoundError(`no ticket numbered ${number.slice(0, 40)}`, "ticket_not_found");
    return t;
  }
}

/** The office's change on the timeline: who did it (their staff id; "admin" for the built-in administrator), from the console. */
const officeEvent = (who: Principal, t: { id: string; propertyId: string }, type: string, data: Record<string, unknown>, at: Date): EventRecord => ({
  id: orderedId(),
  propertyId: t.propertyId,
  ticketId: t.id,
  type,
  actor: who.staffId ?? "admin",
  channel: "console",
  data: { ...data, by: who.name },
  at,
});
