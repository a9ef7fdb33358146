/**
 * The figures managers read (issue 15), computed once from the period's rows: the statistics page, /api/stats,
 * the monthly report and the statistics export all use these functions, so a rate means the same everywhere.
 */

export interface StatsRows {
  /** tickets received in the period */
  received: {
    id: string;
    nature: string;
    category: string | null;
    building: string | null;
    channel: string;
    status: string;
    severity: string | null;
    domain: string | null;
    receivedAt: Date;
    dispatchedAt: Date | null;
    acceptedAt: Date | null;
    arrivedAt: Date | null;
    completedAt: Date | null;
    visitedAt: Date | null;
  }[];
  /** tickets completed (closed as work) in the period: late if any deadline was missed; one satisfaction each */
  completed: { id: string; assigneeId: string | null; assignee: string | null; late: boolean; rating: string | null; satisfaction: string | null }[];
  /** callbacks due in the period */
  callbacks: { stewardId: string | null; steward: string | null; done: boolean; dueAt: Date; doneAt: Date | null }[];
  /** work orders offered in the period */
  offers: { staffId: string; name: string; status: string }[];
}

export const TARGETS = { timeliness: 0.98, callbacks: 1 } as const;
export const SATISFACTION = ["满意", "基本满意", "不满意"] as const;
/** a rating on a 3-point scale, for a worker's average */
const SCORE: Record<string, number> = { 满意: 3, 基本满意: 2, 不满意: 1 };
/** the key a ticket without a building is counted under */
export const NO_BUILDING = "公共区域";
export const NONE = "—";

export const STEP_SPANS = [
  ["receivedAt", "dispatchedAt"],
  ["dispatchedAt", "acceptedAt"],
  ["acceptedAt", "arrivedAt"],
  ["arrivedAt", "completedAt"],
  ["completedAt", "visitedAt"],
] as const;

/** n ÷ d to four places; null when there is nothing to divide */
export const rate = (n: number, d: number): number | null => (d ? Math.round((n / d) * 10000) / 10000 : null);

/**
 * 及时率 (seed 000 4.6, target ≥ 98 %): of the tickets completed in the period, those that missed no deadline.
 */
export function timeliness(completed: readonly { late: boolean }[]) {
  const onTime = completed.filter((t) => !t.late).length;
  return { closed: completed.length, onTime, rate: rate(onTime, completed.length), target: TARGETS.timeliness };
}

/** 回访率 and on-time callbacks (target 100 %): of the callbacks due in the period, done at all and done by their deadline. */
export function callbackRate(callbacks: readonly { done: boolean; dueAt: Date; doneAt: Date | null }[]) {
  const done = callbacks.filter((c) => c.done).length;
  const onTime = callbacks.filter((c) => c.done && c.doneAt && c.doneAt <= c.dueAt).length;
  return { due: callbacks.length, done, onTime, rate: rate(done, callbacks.length), onTimeRate: rate(onTime, callbacks.length), target: TARGETS.callbacks };
}

/** One answer per ticket: the resident's own rating where they gave one, else the steward's latest callback. */
export const answerOf = (t: { rating: string | null; satisfaction: string | null }): string | null => t.rating ?? t.satisfaction;

export function satisfaction(completed: readonly { rating: string | null; satisfaction: string | null }[]) {
  const n = { 满意: 0, 基本满意: 0, 不满意: 0 };
  for (const t of completed) {
    const a = answerOf(t);
    if (a && a in n) n[a as keyof typeof n]++;
  }
  const rated = n.满意 + n.基本满意 + n.不满意;
  return { ...n, rated, rate: rate(n.满意 + n.基本满意, rated) };
}

/** Median (the mean of the middle two for an even count) and the 90th percentile (nearest rank), in minutes. */
export function spread(values: readonly number[]): { n: number; median: number | null; p90: number | null } {
  if (!values.length) return { n: 0, median: null, p90: null };
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  const p90 = v[Math.ceil(0.9 * v.length) - 1]!;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: v.length, median: r(median), p90: r(p90) };
}

/** Largest first (a tie by key), a missing key under `missing`. */
export function countBy<T>(rows: readonly T[], key: (r: T) => string | null, missing = NONE): Record<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) {
    const k = key(r) ?? missing;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return Object.fromEntries(ranked(Object.fromEntries(m)));
}

/**
 * Counts most first, ties by name: the order they are shown in. (Read back from storage they are sorted again:
 * PostgreSQL's jsonb keeps an object's keys in an order of its own.)
 */
export const ranked = (o: Record<string, number>): [string, number][] => Object.entries(o).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

const minutes = (a: Date | null, b: Date | null) => (a && b && b >= a ? (b.getTime() - a.getTime()) / 60_000 : null);
const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10 : null);

/** Everything but the period's name and the day buckets (those need the zone). */
export function figures(r: StatsRows) {
  const complaints = r.received.filter((t) => t.nature === "投诉");
  const hours = (pick: (t: (typeof complaints)[number]) => Date | null) =>
    avg(
      complaints
        .map((t) => minutes(t.receivedAt, pick(t)))
        .filter((m): m is number => m !== null)
        .map((m) => m / 60),
    );
  const workers = new Map<string, Worker>();
  const worker = (id: string, name: string | null) => {
    let w = workers.get(id);
    if (!w)
      workers.set(
        id,
        (w = {
          staffId: id,
          name: name ?? id,
          offered: 0,
          accepted: 0,
          refused: 0,
          timedOut: 0,
          handedOver: 0,
          completed: 0,
          onTime: 0,
          onTimeRate: null,
          rated: 0,
          avgRating: null,
        }),
      );
    return w;
  };
  for (const o of r.offers) {
    const w = worker(o.staffId, o.name);
    w.offered++;
    if (o.status === "accepted" || o.status === "handed_over") w.accepted++;
    if (o.status === "refused") w.refused++;
    if (o.status === "expired") w.timedOut++;
    if (o.status === "handed_over") w.handedOver++;
  }
  const scores = new Map<string, number[]>();
  for (const t of r.completed) {
    if (!t.assigneeId) continue;
    const w = worker(t.assigneeId, t.assignee);
    w.completed++;
    if (!t.late) w.onTime++;
    const a = answerOf(t);
    if (a && SCORE[a]) scores.set(w.staffId, [...(scores.get(w.staffId) ?? []), SCORE[a]!]);
  }
  for (const w of workers.values()) {
    w.onTimeRate = rate(w.onTime, w.completed);
    const s = scores.get(w.staffId) ?? [];
    w.rated = s.length;
    w.avgRating = s.length ? Math.round((s.reduce((a, b) => a + b, 0) / s.length) * 100) / 100 : null;
  }
  const stewards = new Map<string, Steward>();
  for (const c of r.callbacks) {
    const id = c.stewardId ?? "";
    let s = stewards.get(id);
    if (!s) stewards.set(id, (s = { staffId: c.stewardId, name: c.steward ?? NONE, due: 0, done: 0, onTime: 0 }));
    s.due++;
    if (c.done) s.done++;
    if (c.done && c.doneAt && c.doneAt <= c.dueAt) s.onTime++;
  }
  return {
    received: r.received.length,
    invalid: r.received.filter((t) => t.status === "invalid").length,
    cancelled: r.received.filter((t) => t.status === "cancelled").length,
    byNature: countBy(r.received, (t) => t.nature),
    byCategory: countBy(r.received, (t) => t.category),
    byBuilding: countBy(r.received, (t) => t.building, NO_BUILDING),
    byChannel: countBy(r.received, (t) => t.channel),
    timeliness: timeliness(r.completed),
    callbacks: callbackRate(r.callbacks),
    satisfaction: satisfaction(r.completed),
    complaints: {
      total: complaints.length,
      bySeverity: countBy(complaints, (t) => t.severity),
      byDomain: countBy(complaints, (t) => t.domain),
      resolved: complaints.filter((t) => t.completedAt).length,
      avgHoursToForward: hours((t) => t.dispatchedAt),
      avgHoursToResolve: hours((t) => t.completedAt),
    },
    steps: STEP_SPANS.map(([from, to]) => ({
      from: from.replace("At", ""),
      to: to.replace("At", ""),
      ...spread(r.received.map((t) => minutes(t[from], t[to])).filter((m): m is number => m !== null)),
    })),
    workers: [...workers.values()].sort((a, b) => b.offered - a.offered || a.name.localeCompare(b.name)),
    stewards: [...stewards.values()].sort((a, b) => b.due - a.due || a.name.localeCompare(b.name)),
  };
}

interface Worker {
  staffId: string;
  name: string;
  offered: number;
  accepted: number;
  refused: number;
  timedOut: number;
  handedOver: number;
  completed: number;
  onTime: number;
  onTimeRate: number | null;
  rated: number;
  avgRating: number | null;
}
interface Steward {
  staffId: string | null;
  name: string;
  due: number;
  done: number;
  onTime: number;
}

export type Figures = ReturnType<typeof figures>;
