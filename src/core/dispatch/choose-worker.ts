import type { Category, Urgency } from "../ticket/domain.js";
import type { DispatchReason } from "./reasons.js";
import { onDuty, type Roster } from "./roster.js";

/** A staff member as the dispatcher sees them. */
export interface Worker {
  id: string;
  name: string;
  roles: readonly string[];
  skills: readonly string[];
  /** buildings / zones covered; empty = the whole property */
  buildings: readonly string[];
  roster: Roster | null;
  /** open work orders now */
  openLoad: number;
  lastAssignedAt: Date | null;
}

export interface Job {
  category: Category;
  /** skills that can do it (from the policy's skills per category and the description) */
  skills: readonly string[];
  building: string | null;
  urgency: Urgency;
}

export type Choice = { ok: true; worker: Worker; why: DispatchReason[] } | { ok: false; why: DispatchReason[] };

/**
 * Staged filters, each leaving a non-empty list or saying why nobody is left (after cal.com's
 * lucky-user): technicians → skill → zone → on duty → least open load → longest since last
 * assigned (round robin). The reasons are kept as the "why this worker" event.
 */
export function chooseWorker(job: Job, staff: readonly Worker[], now: Date, tz: string): Choice {
  const why: DispatchReason[] = [];
  const stage = (list: readonly Worker[], keep: (w: Worker) => boolean, said: DispatchReason, none: DispatchReason): readonly Worker[] | undefined => {
    const left = list.filter(keep);
    if (!left.length) {
      why.push(none);
      return undefined;
    }
    // every criterion that applied is part of "why this worker", whether or not it narrowed the field
    why.push(said);
    return left;
  };
  const technicians = stage(staff, (w) => w.roles.includes("technician"), { code: "technicians" }, { code: "noTechnician" });
  if (!technicians) return { ok: false, why };
  const skilled = job.skills.length
    ? stage(technicians, (w) => w.skills.some((s) => job.skills.includes(s)), { code: "skilled", skills: job.skills }, { code: "noSkill", skills: job.skills })
    : technicians;
  if (!skilled) return { ok: false, why };
  const zoned = job.building
    ? stage(
        skilled,
        (w) => !w.buildings.length || w.buildings.includes(job.building!),
        { code: "covers", building: job.building },
        { code: "noCover", building: job.building },
      )
    : skilled;
  if (!zoned) return { ok: false, why };
  const onShift = stage(zoned, (w) => onDuty(w.roster, now, tz), { code: "onDuty" }, { code: "nobodyOnDuty" });
  if (!onShift) return { ok: false, why };
  const least = Math.min(...onShift.map((w) => w.openLoad));
  const lightest = onShift.filter((w) => w.openLoad === least);
  why.push({ code: "fewest", n: least });
  const [worker] = [...lightest].sort((a, b) => (a.lastAssignedAt?.getTime() ?? 0) - (b.lastAssignedAt?.getTime() ?? 0) || a.id.localeCompare(b.id));
  if (lightest.length > 1) why.push({ code: "roundRobin" });
  return { ok: true, worker: worker!, why };
}

/** Very urgent first, then first come first served (SPEC §4, seed 000 4.10). */
export function dispatchOrder<T extends { urgency: Urgency; receivedAt: Date }>(queue: readonly T[]): T[] {
  const rank: Record<Urgency, number> = { 非常紧急: 0, 紧急: 1, 一般: 1 };
  return [...queue].sort((a, b) => rank[a.urgency] - rank[b.urgency] || a.receivedAt.getTime() - b.receivedAt.getTime());
}
