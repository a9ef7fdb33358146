/** A ticket's steps, each with its deadline column, and the records the deadline rules share. */

export const STEPS = ["dispatch", "accept", "arrive", "answer", "resolve", "hold"] as const;
export type Step = (typeof STEPS)[number];

export const STEP_COLUMN = {
  dispatch: "dispatchDueAt",
  accept: "acceptDueAt",
  arrive: "arriveDueAt",
  answer: "firstReplyDueAt",
  resolve: "resolveDueAt",
  /** on hold too long (policy maxHold): the supervisor is reminded */
  hold: "holdDueAt",
} as const satisfies Record<Step, string>;

export type StepDeadlines = Partial<Record<(typeof STEP_COLUMN)[Step], Date | null>>;
/** reminders already sent per step, and the steps whose 快超时 warning has gone */
export type Escalations = Partial<Record<Step, number>> & { warned?: Step[] };

/** What decides a ticket's clock and its steps' windows. */
export interface TicketKind {
  nature: string;
  severity: string | null;
  urgency: string;
}
