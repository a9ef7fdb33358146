import type { CallbackPatch } from "../patches.js";
import { orderedId } from "../ids.js";
import { addDuration } from "../policy/calendar.js";
import type { Policy } from "../policy/policy.js";

/** 回访 task (SPEC §6), as written when a report is completed. */
export interface CallbackRecord {
  id: string;
  ticketId: string;
  kind: "first" | "second";
  dueAt: Date;
  /** when the callback job first acts on it */
  nextAt: Date;
  createdAt: Date;
}

/** How a callback row changes: a steward's result, a resident's rating, a comment; each written only while it still may be. */
export interface CallbackAnswer {
  id: string;
  /** steward: only while pending · resident: only if not yet rated · comment: always */
  by: "steward" | "resident" | "comment";
  set: CallbackPatch;
}

/** Complaints and urgent reports are "important": they get a second callback within a month (SPEC §6). */
export const isImportant = (t: { nature: string; urgency: string }) => t.nature === "投诉" || t.urgency !== "一般";

/**
 * The callbacks a completed report gets: one due `deadlines.callback` after completion (the steward is
 * reminded at once), and for important reports a second due `deadlines.secondCallback` after it (reminded
 * one callback-window before it is due).
 */
export function callbacksOnCompletion(t: { id: string; nature: string; urgency: string }, now: Date, policy: Policy): CallbackRecord[] {
  const first: CallbackRecord = {
    id: orderedId(),
    ticketId: t.id,
    kind: "first",
    dueAt: addDuration(now, policy.deadlines.callback, policy, "office"),
    nextAt: now,
    createdAt: now,
  };
  if (!isImportant(t)) return [first];
  const dueAt = addDuration(now, policy.deadlines.secondCallback, policy, "office");
  const nextAt = new Date(dueAt.getTime() - policy.deadlines.callback.minutes * 60000);
  return [first, { id: orderedId(), ticketId: t.id, kind: "second", dueAt, nextAt, createdAt: now }];
}
