import type { TicketPatch } from "../patches.js";
import { orderedId } from "../ids.js";
import { VISIT_NATURES, type Category, type Lang, type Role, type Severity, type Text, type TicketStatus, type Urgency } from "../ticket/domain.js";
import type { Vocabulary } from "../vocabulary.js";
import type { Dispatcher } from "../dispatch/dispatcher.js";
import type { AssignmentRecord, Reachable, Workforce } from "../dispatch/records.js";
import { orderView } from "../dispatch/work-order.js";
import type { Policy } from "../policy/policy.js";
import type { EventRecord, OutboxRecord } from "../ports.js";
import { breaches, climb, holdersOf, nextDeadline, stepDueAt, warnings, type Breach, type Escalations, type Step, type StepDeadlines } from "./escalation.js";
import { move } from "../ticket/lifecycle.js";
import { addDuration, elapsed, hoursFor, officeDayStart } from "../policy/calendar.js";
import { formatWhen } from "../policy/zoned.js";
import { toResident, toStaff, type AccountOf } from "../dispatch/notify.js";
import { askNewTime, type NewTimeTexts } from "../visits/new-time.js";
import { summarise } from "./quiet-summary.js";

/** A ticket whose next deadline has come, as the sweep reads it. */
export interface DueTicket {
  id: string;
  receivedAt: Date;
  number: string;
  propertyId: string;
  status: TicketStatus;
  nature: string;
  severity: Severity | null;
  urgency: Urgency;
  category: Category | null;
  place: string | null;
  description: string;
  phone: string | null;
  appointmentAt: Date | null;
  attachments: number;
  assigneeId: string | null;
  residentId: string | null;
  deadlines: StepDeadlines;
  escalations: Escalations;
  nextDueAt: Date;
  building: string | null;
  /** the work order still waiting for an answer, if any */
  offer: { id: string; staffId: string; level: number } | null;
  /** "requested": waiting for the supervisor's quote, not for a worker */
  quoteStatus: string | null;
  /** who refused it, let it time out or handed it over: not offered it again */
  declinedBy: string[];
}

/** What one ticket's sweep writes, in one transaction, only if the ticket is still as it was read. */
export interface TicketChange {
  ticketId: string;
  expect: { status: TicketStatus; nextDueAt: Date };
  set: TicketPatch;
  /** the unanswered offer, expired (counts as refused), with the reason the assignment keeps */
  expireOffer?: { id: string; reason: string };
  /** reminders held over from quiet hours: sent as one summary per person (DeadlineSweep.settle) */
  heldOver?: { staff: Reachable; line: string }[];
  assignments: AssignmentRecord[];
  events: EventRecord[];
  outbox: OutboxRecord[];
}

export interface SweepTexts {
  overdue: Text;
  overdueUp: Text;
  residentLate: Text;
  acceptTimeout: Text;
  /** an unanswered order's reason, as its assignment keeps it ("超时未接单") */
  timedOut: Text;
  /** the worker, when their name is not known */
  someWorker: Text;
  /** the steps in words */
  vocabulary: Vocabulary;
  nobodyLeft: Text;
  newTime: NewTimeTexts;
  warning: Text;
  quietSummary: Text;
  lateBy(minutes: number, lang?: Lang): string;
}

const fill = (t: Text, v: Record<string, string | number>, lang: Lang = "zh") => t[lang].replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ""));

/**
 * (Over 200 lines: each kind of missed step — acceptance timeout, redispatch, reminder, warning — is a
 * short method of this one decision; the quiet-hours summary lives in quiet-summary.ts.)
 *
 * The deadline sweep's decisions for one due ticket (SPEC §4): an unanswered work order counts as
 * refused and climbs one level; any other missed step reminds the person responsible, then their
 * superiors up the chain, one level every `escalation.every`. Every reminder is an event and a message.
 */
export class DeadlineSweep {
  constructor(
    private readonly deps: { workforce: Workforce; dispatcher: Dispatcher; policyOf(propertyId: string): Policy; accountOf: AccountOf; texts: SweepTexts },
  ) {}

  async plan(t: DueTicket, now: Date): Promise<TicketChange> {
    const policy = this.deps.policyOf(t.propertyId);
    const change: TicketChange = { ticketId: t.id, expect: { status: t.status, nextDueAt: t.nextDueAt }, set: {}, assignments: [], events: [], outbox: [] };
    let status = t.status;
    const deadlines = { ...t.deadlines };
    const escalations = { ...t.escalations };
    // the few-seconds cache: a sweep of many tickets reads the staff once (offers read them fresh)
    const staff = await this.deps.workforce.staffOf(t.propertyId);
    for (const w of warnings(t.status, t.deadlines, t.escalations, policy, now, t)) {
      escalations.warned = [...(escalations.warned ?? []), w.step];
      // a ticket waiting for a worker is dispatched by the sweep itself at the deadline: nobody to warn
      if (w.step !== "dispatch" || !this.waitsForAWorker(t, status)) this.warn(t, w, staff, policy, now, change);
    }
    for (const b of breaches(t.status, t.deadlines, t.escalations, policy, now, t)) {
      if (b.step === "accept") {
        status = await this.acceptTimeout(t, b, staff, policy, now, change, deadlines, escalations);
        continue;
      }
      // a waiting ticket is first tried again (someone may be free or on duty now); only then is anyone chased
      if (b.step === "dispatch" && b.level === 0 && this.waitsForAWorker(t, status)) {
        const after = await this.redispatch(t, status, policy, now, change, deadlines);
        if (after) {
          status = after;
          continue;
        }
      }
      escalations[b.step] = b.level + 1;
      const told = this.remind({ ...t, status }, b, staff, policy, now, change);
      // nobody at this level (the chain ends lower in this property): nothing more to climb
      if (!told) escalations[b.step] = policy.escalation.chain.length;
    }
    change.set.escalations = escalations;
    change.set.nextDueAt = nextDeadline(status, deadlines, escalations, policy, t);
    return change;
  }

  /**
   * Quiet hours: the reminders held over from the night go out as one summary per person, on the
   * change of that person's first ticket in the batch (all of a batch is written in one transaction).
   */
  settle(changes: TicketChange[], now: Date): TicketChange[] {
    return summarise(changes, now, this.deps.texts.quietSummary, this.deps.accountOf);
  }

  /**
   * The person responsible for a step: the assignee, else whoever hears of this kind of report first.
   * A hold past its limit is the supervisors' to chase.
   */
  private responsible(t: DueTicket, staff: readonly Reachable[], policy: Policy, step?: Step): Reachable[] {
    const assignee = t.assigneeId ? staff.find((s) => s.id === t.assigneeId) : undefined;
    if (assignee && step !== "hold" && t.status !== "refused" && t.status !== "reopened") return [assignee];
    const role: Role = t.nature === "投诉" ? policy.complaintRecipients[t.severity ?? "轻微"] : (policy.escalation.chain[1] ?? "supervisor");
    return holdersOf(role, staff, policy.escalation.chain) as Reachable[];
  }

  /** What every reminder and warning says of its ticket and step, in one language. */
  private about(t: DueTicket, s: { step: Step; due: Date }, policy: Policy, lang: Lang) {
    return {
      number: t.number,
      place: t.place ?? "",
      description: t.description.slice(0, 30),
      due: formatWhen(s.due, policy.timezone, lang),
      step: this.deps.texts.vocabulary.steps[s.step][lang],
    };
  }

  /** 快超时: one warning, to the person responsible only, before the step's deadline. */
  private warn(t: DueTicket, w: { step: Step; due: Date }, staff: readonly Reachable[], policy: Policy, now: Date, change: TicketChange): void {
    const to = this.responsible(t, staff, policy, w.step);
    const left = elapsed(now, w.due, policy, hoursFor(t.urgency)) / 60000;
    // each in their own language
    const textFor = (lang: Lang) => fill(this.deps.texts.warning, { ...this.about(t, w, policy, lang), left: this.deps.texts.lateBy(left, lang) }, lang);
    for (const s of to) change.outbox.push(...toStaff(s, { text: textFor(s.lang ?? "zh") }, t.id, now, this.deps.accountOf));
    change.events.push(this.event(t, "ticket.warned", now, { step: w.step, due: w.due.toISOString(), to: to.map((s) => s.name) }));
  }

  private remind(t: DueTicket, b: Breach, staff: readonly Reachable[], policy: Policy, now: Date, change: TicketChange): boolean {
    const first = this.responsible(t, staff, policy, b.step);
    const to = climb(first, b.level, staff, policy.escalation.chain) as Reachable[];
    if (!to.length) return false;
    const hours = hoursFor(t.urgency);
    // late by the ticket's clock: a night does not count against a non-urgent ticket
    const late = Math.max(1, elapsed(b.due, now, policy, hours)) / 60000;
    const vars = (lang: Lang) => ({
      ...this.about(t, b, policy, lang),
      late: this.deps.texts.lateBy(late, lang),
      who: first.map((p) => p.name).join(lang === "en" ? ", " : "、"),
    });
    const textFor = (lang: Lang) => fill(b.level === 0 ? this.deps.texts.overdue : this.deps.texts.overdueUp, vars(lang), lang);
    // quiet hours: what came due while the office was closed was held for its opening, and joins one summary per person
    const heldOver = hours === "office" && (stepDueAt(b.step, b.due, b.level, policy, hours) ?? now) <= officeDayStart(now, policy);
    for (const s of to) {
      const text = textFor(s.lang ?? "zh");
      if (heldOver) (change.heldOver ??= []).push({ staff: s, line: text });
      else change.outbox.push(...toStaff(s, { text }, t.id, now, this.deps.accountOf));
    }
    // (a refused ticket's resident has just been told nobody can come yet: no second apology)
    if (b.step === "arrive" && b.level === 0 && t.status !== "refused") {
      const sorry = toResident(t.residentId, { text: fill(this.deps.texts.residentLate, vars("zh")) }, t.id, now, this.deps.accountOf);
      if (sorry) change.outbox.push(sorry);
    }
    change.events.push(
      this.event(t, b.level === 0 ? "deadline.reminded" : "deadline.escalated", now, {
        step: b.step,
        level: b.level,
        due: b.due.toISOString(),
        to: to.map((s) => s.name),
        ...(b.skipped ? { skipped: b.skipped } : {}),
      }),
    );
    return true;
  }

  /** No answer within the acceptance window counts as refusal (SPEC §5): the order climbs one level. */
  private async acceptTimeout(
    t: DueTicket,
    b: Breach,
    staff: readonly Reachable[],
    policy: Policy,
    now: Date,
    change: TicketChange,
    deadlines: StepDeadlines,
    escalations: Escalations,
  ): Promise<TicketStatus> {
    const offer = t.offer;
    const worker = offer ? staff.find((s) => s.id === offer.staffId) : undefined;
    const name = worker?.name ?? this.deps.texts.someWorker.zh;
    const reason = fill(this.deps.texts.acceptTimeout, { name, due: formatWhen(b.due, policy.timezone, "zh") });
    const timedOut = this.deps.texts.timedOut.zh;
    if (offer) change.expireOffer = { id: offer.id, reason: timedOut };
    change.events.push(this.event(t, "ticket.refused", now, { staffId: offer?.staffId ?? null, staff: name, reason, timeout: true }));
    const up =
      offer && worker
        ? await this.deps.dispatcher.offerUp(
            { ticketId: t.id, propertyId: t.propertyId, level: offer.level, view: orderView(t) },
            worker,
            timedOut,
            policy,
            now,
          )
        : undefined;
    escalations.accept = 0;
    escalations.warned = escalations.warned?.filter((s) => s !== "accept");
    if (up) {
      // dispatched → refused → dispatched again: both through the state machine
      if (!move(t.status, "refused").ok || !move("refused", "dispatched").ok) return t.status;
      change.assignments.push(up.assignment);
      Object.assign(change.set, { assigneeId: up.superior.id, acceptDueAt: up.respondBy, dispatchedAt: now });
      deadlines.acceptDueAt = up.respondBy;
      change.events.push(this.event(t, "ticket.dispatched", now, { staffId: up.superior.id, staff: up.superior.name, why: up.assignment.why }));
      change.outbox.push(...up.outbox);
      return "dispatched";
    }
    if (!move(t.status, "refused").ok) return t.status;
    // nobody above: supervisors dispatch by hand (the dispatch step nags them), the resident is told honestly
    const dispatchDueAt = addDuration(now, policy.deadlines.dispatch, policy, hoursFor(t.urgency));
    Object.assign(change.set, { status: "refused", acceptDueAt: null, dispatchDueAt });
    deadlines.acceptDueAt = null;
    deadlines.dispatchDueAt = dispatchDueAt;
    escalations.dispatch = 0;
    change.events.push(this.event(t, "dispatch.exhausted", now, { after: name }));
    const vars = { number: t.number, place: t.place ?? "", description: t.description.slice(0, 30) };
    for (const s of holdersOf(policy.escalation.chain[1] ?? "supervisor", staff, policy.escalation.chain) as Reachable[]) {
      change.outbox.push(...toStaff(s, { text: fill(this.deps.texts.nobodyLeft, vars) }, t.id, now, this.deps.accountOf));
    }
    // the resident is told honestly, and picks a new time
    const wait = toResident(t.residentId, askNewTime(t.id, t.number, now, policy, this.deps.texts.newTime), t.id, now, this.deps.accountOf);
    if (wait) change.outbox.push(wait);
    return "refused";
  }

  /**
   * A visit nobody has now: refused, reopened, or never dispatched (not waiting for a quote); or a
   * complaint filed in quiet hours, never forwarded.
   */
  private waitsForAWorker(t: DueTicket, status: TicketStatus): boolean {
    if (t.nature === "投诉") return status === "received" && !t.assigneeId;
    if (!VISIT_NATURES.includes(t.nature)) return false;
    return status === "refused" || status === "reopened" || (status === "received" && !t.quoteStatus);
  }

  /**
   * The filing criteria once more, without those who declined it: the status it leaves the ticket in
   * (dispatched, or received waiting for a quote); undefined when nobody can take it.
   */
  private async redispatch(
    t: DueTicket,
    status: TicketStatus,
    policy: Policy,
    now: Date,
    change: TicketChange,
    deadlines: StepDeadlines,
  ): Promise<TicketStatus | undefined> {
    if (!move(status, "dispatched").ok) return undefined;
    const order = { ticketId: t.id, propertyId: t.propertyId, view: orderView(t), building: t.building };
    // filed after hours and never looked at: a paid job outside the catalogue is quoted first, as at filing
    if (status === "received" && t.nature !== "投诉" && this.deps.dispatcher.needsQuote(order.view, policy)) {
      const asked = this.deps.dispatcher.quoteRequest(order, await this.deps.workforce.staffOf(t.propertyId), policy, now);
      Object.assign(change.set, { quoteStatus: "requested", dispatchDueAt: asked.due });
      deadlines.dispatchDueAt = asked.due;
      change.events.push(this.event(t, "quote.requested", now, { due: asked.due.toISOString() }));
      change.outbox.push(...asked.outbox);
      return "received";
    }
    const picked =
      t.nature === "投诉"
        ? await this.deps.dispatcher.forwardStored(order, policy, now)
        : await this.deps.dispatcher.dispatchStored(order, policy, now, t.declinedBy);
    if (!picked) return undefined;
    change.assignments.push(picked.assignment);
    Object.assign(change.set, { status: "dispatched", assigneeId: picked.to.id, acceptDueAt: picked.respondBy, dispatchedAt: now });
    deadlines.acceptDueAt = picked.respondBy;
    change.events.push(this.event(t, "ticket.dispatched", now, { staffId: picked.to.id, staff: picked.to.name, why: picked.assignment.why }));
    change.outbox.push(...picked.outbox);
    return "dispatched";
  }

  private event(t: DueTicket, type: string, at: Date, data: Record<string, unknown>): EventRecord {
    return { id: orderedId(), propertyId: t.propertyId, ticketId: t.id, type, actor: "scheduler", channel: null, data, at };
  }
}
