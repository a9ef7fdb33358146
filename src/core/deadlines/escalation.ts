import type { Role, TicketStatus } from "../ticket/domain.js";
import type { Policy } from "../policy/policy.js";
import { elapsed, hoursFor, later, type Hours } from "../policy/calendar.js";
import { warnAt } from "./warn-before.js";
import type { TicketKind } from "./steps.js";

/**
 * Deadlines and how a missed one climbs (SPEC §4). Each step of a ticket has a deadline column;
 * which steps matter depends on the status. A missed step reminds the person responsible (level 0),
 * then every `escalation.every` one level higher, until the chain's top has been told.
 */
// the steps and their records live in steps.ts (warn-before.ts reads them too)
export { STEPS, STEP_COLUMN, type Escalations, type Step, type StepDeadlines, type TicketKind } from "./steps.js";
import { STEP_COLUMN, STEPS, type Escalations, type Step, type StepDeadlines } from "./steps.js";

/** The steps whose deadlines still matter in each status (a step already done no longer can be late). */
const LIVE_STEPS: Record<TicketStatus, readonly Step[]> = {
  received: ["dispatch", "answer", "arrive", "resolve"],
  dispatched: ["accept", "answer", "arrive", "resolve"],
  accepted: ["arrive", "resolve"],
  arrived: ["resolve"],
  // (dispatch: a quote the resident accepted, waiting for someone free; hold: paused, see liveSteps)
  on_hold: ["dispatch", "resolve", "hold"],
  refused: ["dispatch", "arrive", "resolve"],
  reopened: ["dispatch", "resolve"],
  escalated: ["dispatch", "resolve"],
  completed: [],
  visited: [],
  closed: [],
  invalid: [],
  cancelled: [],
};

/** A ticket on hold has its clock stopped: only the hold's own limit still counts. */
function liveSteps(status: TicketStatus, deadlines: StepDeadlines): readonly Step[] {
  if (deadlines.holdDueAt) return ["hold"];
  return LIVE_STEPS[status].filter((s) => s !== "hold");
}

/** The statuses in which each step's deadline matters (the board's "overdue" filter reads this). */
export const STATUSES_OF_STEP: Record<Step, TicketStatus[]> = Object.fromEntries(
  STEPS.map((step) => [step, (Object.keys(LIVE_STEPS) as TicketStatus[]).filter((s) => LIVE_STEPS[s].includes(step))]),
) as Record<Step, TicketStatus[]>;

/** The deadline a person works to now: the earliest one still live in its status (what the board counts down to). */
export function currentDeadline(status: TicketStatus, deadlines: StepDeadlines): { step: Step; due: Date } | null {
  let best: { step: Step; due: Date } | null = null;
  for (const step of liveSteps(status, deadlines)) {
    const due = deadlines[STEP_COLUMN[step]];
    if (due && (!best || due < best.due)) best = { step, due };
  }
  return best;
}

/**
 * When the step next needs the sweep: its deadline, then one `every` per reminder sent, on the ticket's
 * clock (office time for all but very urgent tickets: a deadline that falls in quiet hours is acted on
 * when the office opens); null once the chain's top knows.
 */
export function stepDueAt(step: Step, due: Date, sent: number, policy: Policy, hours: Hours): Date | null {
  // an unanswered work order is acted on (counted as refused) once, at its deadline
  if (step === "accept") return sent ? null : later(due, 0, policy, hours);
  if (sent >= policy.escalation.chain.length) return null;
  return later(due, sent * policy.escalation.every.minutes, policy, hours);
}

/** The earliest moment the deadline sweep must look at this ticket again (what Ticket.nextDueAt stores). */
export function nextDeadline(status: TicketStatus, deadlines: StepDeadlines, escalations: Escalations, policy: Policy, kind: TicketKind): Date | null {
  const hours = hoursFor(kind.urgency);
  let next: Date | null = null;
  for (const step of liveSteps(status, deadlines)) {
    const due = deadlines[STEP_COLUMN[step]];
    if (!due) continue;
    const sent = escalations[step] ?? 0;
    const warning = !sent && !escalations.warned?.includes(step) ? warnAt(step, due, kind, policy) : null;
    const at = warning ?? stepDueAt(step, due, sent, policy, hours);
    if (at && (!next || at < next)) next = at;
  }
  return next;
}

/** One missed step the sweep acts on now: the level reached (0 = the person responsible). */
export interface Breach {
  step: Step;
  due: Date;
  level: number;
  /** levels passed while nobody swept (downtime): told in one message, recorded in the event */
  skipped: number;
}

/**
 * The steps missed by `now` that have not been acted on at their current level. After downtime a
 * step goes straight to the level it would have reached, and only that level is told.
 */
export function breaches(status: TicketStatus, deadlines: StepDeadlines, escalations: Escalations, policy: Policy, now: Date, kind: TicketKind): Breach[] {
  const hours = hoursFor(kind.urgency);
  const out: Breach[] = [];
  const every = policy.escalation.every.minutes * 60000;
  const top = policy.escalation.chain.length - 1;
  for (const step of liveSteps(status, deadlines)) {
    const due = deadlines[STEP_COLUMN[step]];
    if (!due) continue;
    const sent = escalations[step] ?? 0;
    const at = stepDueAt(step, due, sent, policy, hours);
    if (!at || at > now) continue;
    if (step === "accept") {
      out.push({ step, due, level: 0, skipped: 0 });
      continue;
    }
    const reached = Math.min(top, Math.floor(elapsed(due, now, policy, hours) / every));
    out.push({ step, due, level: Math.max(sent, reached), skipped: Math.max(0, reached - sent) });
  }
  return out;
}

/**
 * 快超时: the steps whose warning has come (not yet missed, not yet warned). A step already missed
 * is not warned: its breach is told instead.
 */
export function warnings(
  status: TicketStatus,
  deadlines: StepDeadlines,
  escalations: Escalations,
  policy: Policy,
  now: Date,
  kind: TicketKind,
): { step: Step; due: Date }[] {
  const out: { step: Step; due: Date }[] = [];
  for (const step of liveSteps(status, deadlines)) {
    const due = deadlines[STEP_COLUMN[step]];
    if (!due || escalations[step] || escalations.warned?.includes(step)) continue;
    const at = warnAt(step, due, kind, policy);
    if (at && at <= now && now < due) out.push({ step, due });
  }
  return out;
}

/** A staff member as the escalation chain sees them. */
export interface ChainMember {
  id: string;
  name: string;
  roles: readonly string[];
  superiorId: string | null;
}

/**
 * The person above: their recorded superior, else the staff holding the next role of the chain above
 * their own highest one. Empty at the top.
 */
export function superiorsOf(person: ChainMember, staff: readonly ChainMember[], chain: readonly Role[]): ChainMember[] {
  const direct = person.superiorId ? staff.find((s) => s.id === person.superiorId) : undefined;
  if (direct) return [direct];
  // a role outside the chain (a steward) sits at its bottom: the next one up is its second role
  const rank = Math.max(0, ...person.roles.map((r) => chain.indexOf(r as Role)));
  for (const role of chain.slice(rank + 1)) {
    const holders = staff.filter((s) => s.id !== person.id && s.roles.includes(role));
    if (holders.length) return holders;
  }
  return [];
}

/** Everyone `level` steps above the given people (level 0: the people themselves). */
export function climb(first: readonly ChainMember[], level: number, staff: readonly ChainMember[], chain: readonly Role[]): ChainMember[] {
  let now = [...first];
  for (let i = 0; i < level && now.length; i++) {
    const up = new Map<string, ChainMember>();
    for (const p of now) for (const s of superiorsOf(p, staff, chain)) up.set(s.id, s);
    now = [...up.values()];
  }
  return now;
}

/** Staff holding a role (the first in the chain from `role` upward that anyone holds). */
export function holdersOf(role: Role, staff: readonly ChainMember[], chain: readonly Role[]): ChainMember[] {
  const from = Math.max(0, chain.indexOf(role));
  const roles = chain.includes(role) ? chain.slice(from) : [role, ...chain];
  for (const r of roles) {
    const holders = staff.filter((s) => s.roles.includes(r));
    if (holders.length) return holders;
  }
  return [];
}
