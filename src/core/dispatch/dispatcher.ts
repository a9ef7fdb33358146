import { orderedId } from "../ids.js";
import type { ChannelName, Lang, Role, Text, Urgency } from "../ticket/domain.js";
import { fill } from "../conversation/text.js";
import { placeLabel } from "../ticket/domain.js";
import { onDuty } from "./roster.js";
import { holdersOf, superiorsOf } from "../deadlines/escalation.js";
import type { DispatchOutcome, NewTicket, Reply } from "../conversation/types.js";
import type { Policy } from "../policy/policy.js";
import type { EventRecord, OutboxRecord } from "../ports.js";
import { addDuration, hoursFor, waitsForTheOffice } from "../policy/calendar.js";
import { formatWhen } from "../policy/zoned.js";
import { reachOf, toStaff } from "./notify.js";
import { feeStandard } from "../quotes/fees.js";
import { chooseWorker } from "./choose-worker.js";
import type { AssignmentRecord, Reachable, Workforce } from "./records.js";
import type { DispatchReason } from "./reasons.js";
import { viewOfNew, workOrder, type DispatchTexts, type OrderView } from "./work-order.js";

/** What dispatching a new ticket adds to its transaction. */
export interface DispatchPlan {
  assignments: AssignmentRecord[];
  events: EventRecord[];
  outbox: OutboxRecord[];
  /** what it set going, for the filing answer */
  outcome: DispatchOutcome;
}

/**
 * (Over 200 lines: one service for every way an order is offered — at filing, stored, a complaint, a
 * quote first, up the chain, handed over, by hand; what a work order shows is in work-order.ts.)
 *
 * 派工 at filing: the chosen technician gets the 派工单 in chat with accept / refuse choices, in the
 * same transaction that files the report. Nobody eligible: the supervisors are told at once.
 */
export class Dispatcher {
  constructor(
    private readonly workforce: Workforce,
    private readonly skillsOf: (text: string) => string[],
    /** the account each channel sends from ("" when one) */
    private readonly accountOf: (channel: ChannelName) => string | undefined,
    /** what the orders and alerts say (conversations/dispatch-texts.ts) */
    private readonly texts: DispatchTexts,
  ) {}

  /** The 派工单 for this worker, in their language. */
  private order(to: Reachable, view: OrderView, policy: Policy, a: AssignmentRecord, note?: string): Reply {
    return workOrder(view, policy, a, this.texts, to.lang ?? "zh", note);
  }

  /** Why, in the office's words (what assignments and events keep), or in a staff member's language. */
  why(reasons: readonly DispatchReason[], lang: Lang = "zh"): string[] {
    return reasons.map((r) => this.texts.why(r)[lang]);
  }

  /** The line on an order that was refused or handed over to this worker: who passed it on, and why. */
  private passedOn(verb: "refused" | "handedOver", name: string, reason: string, to: Reachable): string {
    const w = this.texts.workOrder;
    return fill((verb === "refused" ? w.refusedBy : w.handedOverBy)[to.lang ?? "zh"], { name, reason });
  }

  /** One of the alerts, in the recipient's language. */
  private say(to: Reachable, text: Text, vars: Record<string, string | number>): Reply {
    return { text: fill(text[to.lang ?? "zh"], vars) };
  }

  async plan(ticket: NewTicket, property: { id: string; policy: Policy }, now: Date, from?: { channel: ChannelName }): Promise<DispatchPlan> {
    const plan = await this.planFiled(ticket, property, now);
    // an emergency nobody knows the place of goes to people at once, who call the resident
    if (ticket.status !== "invalid" && ticket.urgency === "非常紧急" && !ticket.place) {
      const staff = await this.workforce.staffOf(property.id);
      const to = staff.filter(
        (s) => (s.roles.includes("supervisor") || (s.roles.includes("steward") && onDuty(s.roster, now, property.policy.timezone))) && this.reach(s),
      );
      for (const s of to) {
        const lang = s.lang ?? "zh";
        const contact = ticket.phone
          ? fill(this.texts.contactPhone[lang], { phone: ticket.phone.replace(/^\+86/, "") })
          : fill(this.texts.contactChat[lang], { channel: (this.texts.vocabulary.channels[from?.channel ?? ""] ?? this.texts.vocabulary.otherChannel)[lang] });
        const alert = this.say(s, this.texts.emergencyNoPlace, { number: ticket.number, description: ticket.description.slice(0, 60), contact });
        plan.outbox.push(...this.message(s, alert, ticket.id, now));
      }
      plan.events.push(dispatchEvent(ticket, property.id, "emergency.alerted", { staff: to.map((s) => s.name) }, now));
      plan.outcome = { ...plan.outcome, alerted: to.length > 0 };
    }
    return plan;
  }

  private async planFiled(ticket: NewTicket, property: { id: string; policy: Policy }, now: Date): Promise<DispatchPlan> {
    const plan: DispatchPlan = { assignments: [], events: [], outbox: [], outcome: { kind: "none" } };
    if (ticket.status !== "received" || !["报修", "求助", "投诉"].includes(ticket.nature)) return plan;
    // quiet hours: a non-urgent report waits for the office (nobody is woken for it); the sweep dispatches or
    // forwards it at its dispatch deadline, which the office clock put just after opening
    if (waitsForTheOffice(ticket, property.policy, now)) {
      plan.events.push(dispatchEvent(ticket, property.id, "dispatch.deferred", { until: ticket.deadlines.dispatchDueAt?.toISOString() ?? null }, now));
      return { ...plan, outcome: { kind: "waits", ...(ticket.deadlines.dispatchDueAt ? { due: ticket.deadlines.dispatchDueAt } : {}) } };
    }
    if (ticket.nature === "投诉") return this.forwardComplaint(ticket, property, now);
    const staff = await this.workforce.staffOf(property.id);
    // a paid job the catalogue does not price is quoted first (seed 000 3.5.4 c); emergencies are not held up
    if (this.needsQuote(viewOfNew(ticket), property.policy)) return this.requestQuote(ticket, property, staff, now);
    const reachable = staff.filter((s) => this.reach(s));
    const job = {
      category: ticket.category ?? "A",
      skills: this.skillsFor(ticket, property.policy),
      building: ticket.place?.kind === "room" ? ticket.place.building : null,
      urgency: ticket.urgency,
    };
    const choice = chooseWorker(job, reachable, now, property.policy.timezone);
    if (!choice.ok) {
      plan.events.push(dispatchEvent(ticket, property.id, "dispatch.none", { why: this.why(choice.why) }, now));
      const supervisors = staff.filter((x) => x.roles.includes("supervisor") && this.reach(x));
      for (const s of supervisors) {
        const why = this.why(choice.why, s.lang).join(s.lang === "en" ? "; " : "；");
        const vars = { number: ticket.number, place: ticket.place ? placeLabel(ticket.place) : "", description: ticket.description.slice(0, 30), why };
        plan.outbox.push(...this.message(s, this.say(s, this.texts.nobody, vars), ticket.id, now));
      }
      // the resident is told honestly; the sweep tries again at the dispatch deadline, then chases the supervisors
      return { ...plan, outcome: { kind: "nobody", told: supervisors.length } };
    }
    return this.offerNew(ticket, property, choice.worker as Reachable, 0, this.why(choice.why), now, plan);
  }

  /** 报价单 to the supervisors; the ticket waits (received) with the quote deadline as its dispatch deadline. */
  private requestQuote(ticket: NewTicket, property: { id: string; policy: Policy }, staff: readonly Reachable[], now: Date): DispatchPlan {
    const policy = property.policy;
    const asked = this.quoteRequest({ ticketId: ticket.id, view: viewOfNew(ticket) }, staff, policy, now);
    ticket.quoteStatus = "requested";
    ticket.deadlines = { ...ticket.deadlines, dispatchDueAt: asked.due };
    const due = asked.due;
    return {
      assignments: [],
      events: [dispatchEvent(ticket, property.id, "quote.requested", { due: due.toISOString() }, now)],
      outbox: asked.outbox,
      outcome: { kind: "quote", due },
    };
  }

  /**
   * The 报价单 for a paid job outside the catalogue: to the supervisors, due on the office clock. A stored
   * ticket (filed after hours, dispatched by the sweep) is quoted first just as a new one is.
   */
  quoteRequest(order: { ticketId: string; view: OrderView }, staff: readonly Reachable[], policy: Policy, now: Date): { due: Date; outbox: OutboxRecord[] } {
    const due = addDuration(now, policy.deadlines.quote, policy, "office");
    const v = order.view;
    const outbox = (holdersOf(policy.escalation.chain[1] ?? "supervisor", staff, policy.escalation.chain) as Reachable[]).flatMap((s) => {
      const vars = { number: v.number, place: v.place ?? "—", description: v.description, due: formatWhen(due, policy.timezone, s.lang ?? "zh") };
      return this.message(s, this.say(s, this.texts.quoteRequest, vars), order.ticketId, now);
    });
    return { due, outbox };
  }

  /** A paid job the fee catalogue does not price (quoted before anyone goes; emergencies are not held up). */
  needsQuote(view: OrderView, policy: Policy): boolean {
    const fee = feeStandard(view, policy);
    return !!fee && !fee.items.length && view.urgency !== "非常紧急";
  }

  /** A stored ticket (a quote accepted) goes to the worker chosen as at filing; undefined when nobody can go. */
  async dispatchStored(
    order: { ticketId: string; propertyId: string; view: OrderView; building: string | null },
    policy: Policy,
    now: Date,
    exclude: readonly string[] = [],
  ) {
    const picked = await this.pick(order, policy, now, exclude);
    if (!picked) return undefined;
    return {
      to: picked.worker,
      assignment: picked.assignment,
      respondBy: picked.respondBy,
      outbox: this.message(picked.worker, this.order(picked.worker, order.view, policy, picked.assignment), order.ticketId, now),
    };
  }

  /** The worker the filing criteria choose for a stored ticket (without `exclude`), and the offer. */
  private async pick(
    order: { ticketId: string; propertyId: string; view: OrderView; building: string | null },
    policy: Policy,
    now: Date,
    exclude: readonly string[] = [],
    why: DispatchReason[] = [],
  ) {
    const staff = await this.workforce.staffOf(order.propertyId, { fresh: true });
    const others = staff.filter((s) => !exclude.includes(s.id) && this.reach(s));
    const v = order.view;
    const job = { category: v.category ?? "A", skills: this.skillsOf(v.description), building: order.building, urgency: (v.urgency as Urgency) ?? "一般" };
    const choice = chooseWorker(job, others, now, policy.timezone);
    if (!choice.ok) return undefined;
    const worker = choice.worker as Reachable;
    const respondBy = addDuration(now, policy.deadlines.acceptWindow, policy, hoursFor(job.urgency));
    const assignment: AssignmentRecord = {
      id: orderedId(),
      ticketId: order.ticketId,
      staffId: worker.id,
      level: 0,
      offeredAt: now,
      respondBy,
      why: this.why([...why, ...choice.why]),
    };
    return { worker, assignment, respondBy };
  }

  /**
   * A complaint goes at once to the role its severity names (policy complaintRecipients: a major one to the
   * general manager, SPEC §4) as a 投诉处理单 to take on (受理) or refuse; refusals climb from there.
   */
  private async forwardComplaint(ticket: NewTicket, property: { id: string; policy: Policy }, now: Date): Promise<DispatchPlan> {
    const plan: DispatchPlan = { assignments: [], events: [], outbox: [], outcome: { kind: "nobody" } };
    const first = this.complaintHolder(ticket.severity, await this.workforce.staffOf(property.id), property.policy);
    if (!first) {
      plan.events.push(
        dispatchEvent(ticket, property.id, "dispatch.none", { why: this.why([{ code: "noComplaintHolder", severity: ticket.severity ?? "" }]) }, now),
      );
      return plan;
    }
    return this.offerNew(ticket, property, first.holder, first.level, this.why([first.why]), now, plan);
  }

  /** Who takes on a complaint of this severity (complaintRecipients; nobody in that role: the highest role anyone holds). */
  private complaintHolder(severity: string | null, all: readonly Reachable[], policy: Policy) {
    const chain = policy.escalation.chain;
    const role = policy.complaintRecipients[(severity ?? "轻微") as "轻微" | "重要" | "重大"];
    const staff = all.filter((s) => this.reach(s));
    const fallback =
      [...chain]
        .reverse()
        .map((r) => staff.filter((s) => s.roles.includes(r)))
        .find((l) => l.length) ?? [];
    const named = holdersOf(role, staff, chain) as Reachable[];
    const holders = named.length ? named : fallback;
    const [holder] = [...holders].sort((a, b) => a.openLoad - b.openLoad || (a.lastAssignedAt?.getTime() ?? 0) - (b.lastAssignedAt?.getTime() ?? 0));
    if (!holder) return undefined;
    const level = Math.max(0, ...holder.roles.map((r) => chain.indexOf(r as Role)));
    return { holder, level, why: { code: "complaint", severity: severity ?? "轻微", holder: holder.name } satisfies DispatchReason };
  }

  /** A stored complaint (filed in quiet hours) forwarded at its deadline, as at filing; undefined when nobody can take it. */
  async forwardStored(order: { ticketId: string; propertyId: string; view: OrderView }, policy: Policy, now: Date) {
    const first = this.complaintHolder(order.view.severity ?? null, await this.workforce.staffOf(order.propertyId, { fresh: true }), policy);
    if (!first) return undefined;
    const respondBy = addDuration(now, policy.deadlines.acceptWindow, policy, "office");
    const assignment: AssignmentRecord = {
      id: orderedId(),
      ticketId: order.ticketId,
      staffId: first.holder.id,
      level: first.level,
      offeredAt: now,
      respondBy,
      why: this.why([first.why]),
    };
    return {
      to: first.holder,
      assignment,
      respondBy,
      outbox: this.message(first.holder, this.order(first.holder, order.view, policy, assignment), order.ticketId, now),
    };
  }

  /** The skills the description names, else the policy's skills for the category. */
  private skillsFor(ticket: NewTicket, policy: Policy): string[] {
    const named = this.skillsOf(`${ticket.description} ${ticket.place?.kind === "location" ? ticket.place.location : ""}`);
    return named.length ? named : [...((ticket.category && policy.skills[ticket.category]) || [])];
  }

  /** The new ticket is filed already dispatched, with its first offer: all in the transaction that files it. */
  private offerNew(
    ticket: NewTicket,
    property: { id: string; policy: Policy },
    worker: Reachable,
    level: number,
    why: string[],
    now: Date,
    plan: DispatchPlan,
  ): DispatchPlan {
    // the cached list keeps balancing until it is read again
    worker.openLoad++;
    worker.lastAssignedAt = now;
    const respondBy = addDuration(now, property.policy.deadlines.acceptWindow, property.policy, hoursFor(ticket.urgency));
    const assignment: AssignmentRecord = { id: orderedId(), ticketId: ticket.id, staffId: worker.id, level, offeredAt: now, respondBy, why };
    plan.assignments.push(assignment);
    // the ticket is filed already dispatched (it has not been written yet: same transaction)
    ticket.status = "dispatched";
    ticket.assigneeId = worker.id;
    ticket.dispatchedAt = now;
    ticket.deadlines = { ...ticket.deadlines, acceptDueAt: respondBy };
    plan.events.push(dispatchEvent(ticket, property.id, "ticket.dispatched", { staffId: worker.id, staff: worker.name, why: assignment.why }, now));
    plan.outbox.push(...this.message(worker, this.order(worker, viewOfNew(ticket), property.policy, assignment), ticket.id, now));
    return { ...plan, outcome: { kind: "offered" } };
  }

  /**
   * A refusal climbs one level (technician → supervisor → project manager, SPEC §4): the refusing
   * worker's superior (recorded, else the next role of the chain) gets the order, never above the
   * project manager. undefined when there is nobody above who can be reached.
   */
  async offerUp(
    order: { ticketId: string; propertyId: string; level: number; view: OrderView },
    refusedBy: { id: string; name: string },
    reason: string,
    policy: Policy,
    now: Date,
    verb: "refused" | "handedOver" = "refused",
  ) {
    const staff = await this.workforce.staffOf(order.propertyId, { fresh: true });
    const refuser = staff.find((s) => s.id === refusedBy.id);
    const chain = policy.escalation.chain;
    const ceiling = chain.includes("project_manager") ? chain.indexOf("project_manager") : chain.length - 1;
    const rank = (s: Reachable) => Math.max(-1, ...s.roles.map((r) => chain.indexOf(r as Role)));
    const superior = refuser ? (superiorsOf(refuser, staff, chain) as Reachable[]).find((s) => this.reach(s) && rank(s) <= ceiling) : undefined;
    if (!superior) return undefined;
    const respondBy = addDuration(now, policy.deadlines.acceptWindow, policy, hoursFor(order.view.urgency));
    const why = this.why([{ code: verb, name: refusedBy.name, reason, up: true }]);
    const assignment: AssignmentRecord = {
      id: orderedId(),
      ticketId: order.ticketId,
      staffId: superior.id,
      level: order.level + 1,
      offeredAt: now,
      respondBy,
      why,
    };
    const payload = this.order(superior, order.view, policy, assignment, this.passedOn(verb, refusedBy.name, reason, superior));
    return { superior, assignment, respondBy, outbox: this.message(superior, payload, order.ticketId, now) };
  }

  /**
   * 转单: the worker hands an accepted order over; another worker is chosen as at filing (the same
   * criteria, without them), else it climbs to their superior. undefined when nobody can take it.
   */
  async handOver(
    order: { ticketId: string; propertyId: string; level: number; view: OrderView; building: string | null },
    from: { id: string; name: string },
    reason: string,
    policy: Policy,
    now: Date,
  ) {
    const picked = await this.pick(order, policy, now, [from.id], [{ code: "handedOver", name: from.name, reason, up: false }]);
    if (!picked) {
      const up = await this.offerUp(order, from, reason, policy, now, "handedOver");
      return up ? { to: up.superior, assignment: up.assignment, respondBy: up.respondBy, outbox: up.outbox } : undefined;
    }
    const { worker: to, assignment, respondBy } = picked;
    return {
      to,
      assignment,
      respondBy,
      outbox: this.message(to, this.order(to, order.view, policy, assignment, this.passedOn("handedOver", from.name, reason, to)), order.ticketId, now),
    };
  }

  /** 人工派单: an admin offers the order to a chosen staff member. */
  async offerTo(staffId: string, order: { ticketId: string; propertyId: string; view: OrderView }, policy: Policy, now: Date, by: string) {
    const staff = (await this.workforce.staffOf(order.propertyId, { fresh: true })).find((s) => s.id === staffId);
    if (!staff) return undefined;
    const respondBy = addDuration(now, policy.deadlines.acceptWindow, policy, hoursFor(order.view.urgency));
    const assignment: AssignmentRecord = {
      id: orderedId(),
      ticketId: order.ticketId,
      staffId,
      level: 0,
      offeredAt: now,
      respondBy,
      why: this.why([{ code: "byHand", by }]),
    };
    return { staff, assignment, respondBy, outbox: this.message(staff, this.order(staff, order.view, policy, assignment), order.ticketId, now) };
  }

  private reach(s: Reachable) {
    return reachOf(s, this.accountOf);
  }

  private message(s: Reachable, payload: Reply, ticketId: string, now: Date): OutboxRecord[] {
    return toStaff(s, payload, ticketId, now, this.accountOf);
  }
}

const dispatchEvent = (ticket: NewTicket, propertyId: string, type: string, data: Record<string, unknown>, at: Date): EventRecord => ({
  id: orderedId(),
  propertyId,
  ticketId: ticket.id,
  type,
  actor: "dispatcher",
  channel: null,
  data,
  at,
});
