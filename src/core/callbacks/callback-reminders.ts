import type { CallbackPatch } from "../patches.js";
import { orderedId } from "../ids.js";
import type { Text } from "../ticket/domain.js";
import type { Reachable, Workforce } from "../dispatch/records.js";
import type { Policy } from "../policy/policy.js";
import type { EventRecord, OutboxRecord } from "../ports.js";
import { climb } from "../deadlines/escalation.js";
import { formatWhen } from "../policy/zoned.js";
import { toStaff, type AccountOf } from "../dispatch/notify.js";
import { elapsed, isOfficeTime, later, nextOfficeStart } from "../policy/calendar.js";

/** A callback whose time has come, as the callback job reads it. */
export interface DueCallback {
  id: string;
  kind: "first" | "second";
  remindCount: number;
  dueAt: Date;
  nextAt: Date;
  stewardId: string | null;
  ticket: {
    id: string;
    number: string;
    propertyId: string;
    place: string | null;
    building: string | null;
    description: string;
    phone: string | null;
    completedAt: Date | null;
    worker: string | null;
  };
}

export interface CallbackChange {
  id: string;
  expect: { remindCount: number };
  set: CallbackPatch;
  events: EventRecord[];
  outbox: OutboxRecord[];
}

export interface CallbackReminderTexts {
  /** the worker and the steward, when their names are not known ("师傅", "管家") */
  someWorker: Text;
  someSteward: Text;
  remind: Text;
  second: Text;
  overdue: Text;
  overdueUp: Text;
}

const fill = (t: Text, v: Record<string, string>) => t.zh.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? "");

/**
 * The callback job's decisions (SPEC §6): a new callback reminds its steward with the report's summary
 * and the satisfaction choices; at its deadline the steward is reminded again; then every
 * `escalation.every` of office time the reminder climbs to the steward's superior, up the chain.
 * Nothing is sent while the office is closed: the reminders wait for it to open.
 */
export class CallbackReminders {
  constructor(
    private readonly deps: {
      workforce: Workforce;
      policyOf(propertyId: string): Policy;
      accountOf: AccountOf;
      texts: CallbackReminderTexts;
      satisfaction: readonly string[];
      lateBy(minutes: number): string;
    },
  ) {}

  async plan(cb: DueCallback, now: Date): Promise<CallbackChange> {
    const tk = cb.ticket;
    const policy = this.deps.policyOf(tk.propertyId);
    const staff = await this.deps.workforce.staffOf(tk.propertyId);
    const steward = (cb.stewardId ? staff.find((s) => s.id === cb.stewardId) : undefined) ?? this.chooseSteward(cb, staff);
    const change: CallbackChange = {
      id: cb.id,
      expect: { remindCount: cb.remindCount },
      set: { stewardId: steward?.id ?? null, remindedAt: now },
      events: [],
      outbox: [],
    };
    // quiet hours: a callback is office work; its reminders wait for the office to open
    if (!isOfficeTime(now, policy)) return { ...change, set: { stewardId: steward?.id ?? null, nextAt: nextOfficeStart(now, policy) } };
    const tz = policy.timezone;
    const vars = {
      number: tk.number,
      place: tk.place ?? "",
      description: tk.description.slice(0, 30),
      completed: tk.completedAt ? formatWhen(tk.completedAt, tz, "zh") : "",
      worker: tk.worker ?? this.deps.texts.someWorker.zh,
      notes: "",
      due: formatWhen(cb.dueAt, tz, "zh"),
      phone: tk.phone?.replace(/^\+86/, "") ?? "—",
      late: this.deps.lateBy(Math.max(60000, elapsed(cb.dueAt, now, policy, "office")) / 60000),
      who: steward?.name ?? this.deps.texts.someSteward.zh,
    };
    const choices = this.deps.satisfaction.map((label, i) => ({ label, value: `cb:${cb.id}:${i}` }));
    const every = policy.escalation.every.minutes * 60000;

    if (cb.remindCount === 0 && now < cb.dueAt) {
      // the first reminder: what happened and the choices to record the result
      const text = fill(cb.kind === "second" ? this.deps.texts.second : this.deps.texts.remind, vars);
      if (steward) change.outbox.push(...toStaff(steward, { text, choices }, tk.id, now, this.deps.accountOf));
      Object.assign(change.set, { remindCount: 1, nextAt: cb.dueAt });
      change.events.push(this.event(cb, "callback.reminded", now, { kind: cb.kind, to: steward ? [steward.name] : [] }));
      return change;
    }
    // overdue: the steward again (level 0), then one level up every interval; after downtime, straight to the level reached
    const top = policy.escalation.chain.length - 1;
    const reached = Math.min(top, Math.floor(elapsed(cb.dueAt, now, policy, "office") / every));
    const level = Math.max(Math.max(0, cb.remindCount - 1), reached);
    const to = (steward ? climb([steward], level, staff, policy.escalation.chain) : []) as Reachable[];
    const text = fill(level === 0 ? this.deps.texts.overdue : this.deps.texts.overdueUp, vars);
    for (const s of to) change.outbox.push(...toStaff(s, level === 0 ? { text, choices } : { text }, tk.id, now, this.deps.accountOf));
    const next = later(cb.dueAt, ((level + 1) * every) / 60000, policy, "office");
    Object.assign(change.set, { remindCount: level + 2, nextAt: to.length && level < top ? next : null });
    change.events.push(this.event(cb, level === 0 ? "callback.overdue" : "callback.escalated", now, { kind: cb.kind, level, to: to.map((s) => s.name) }));
    return change;
  }

  /** Stewards covering the building (else any steward, else the supervisors), spread evenly by ticket. */
  private chooseSteward(cb: DueCallback, staff: readonly Reachable[]): Reachable | undefined {
    const stewards = staff.filter((s) => s.roles.includes("steward"));
    const covering = stewards.filter((s) => !s.buildings.length || (cb.ticket.building !== null && s.buildings.includes(cb.ticket.building)));
    const pool = covering.length ? covering : stewards.length ? stewards : staff.filter((s) => s.roles.includes("supervisor"));
    if (!pool.length) return undefined;
    const sorted = [...pool].sort((a, b) => a.id.localeCompare(b.id));
    const spread = [...cb.ticket.id].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
    return sorted[spread % sorted.length];
  }

  private event(cb: DueCallback, type: string, at: Date, data: Record<string, unknown>): EventRecord {
    return { id: orderedId(), propertyId: cb.ticket.propertyId, ticketId: cb.ticket.id, type, actor: "scheduler", channel: null, data, at };
  }
}
