import { dayKey } from "../policy/periods.js";
import { isoInZone } from "../policy/zoned.js";
import { figures, type Figures, type StatsRows } from "./figures.js";
import { buckets, previousPeriod, type StatsPeriod } from "./stats-period.js";

export interface StatsReads {
  rows(properties: readonly string[], from: Date, to: Date): Promise<StatsRows>;
}

export interface Statistics extends Figures {
  period: { kind: string; key: string; from: string; to: string; firstDay: string; lastDay: string; zone: string };
  properties: readonly string[];
  /** received by day (or month), every bucket present */
  trend: { key: string; received: number }[];
  /** the period before, its headline figures */
  previous: {
    key: string;
    received: number;
    timeliness: number | null;
    callbacks: number | null;
    satisfaction: number | null;
    complaints: number;
  };
}

/** The statistics of a period over the properties one may see: the figures, the trend, and the period before. */
export class StatisticsDesk {
  constructor(private readonly reads: StatsReads) {}

  async of(properties: readonly string[], p: StatsPeriod, tz: string): Promise<Statistics> {
    const rows = await this.reads.rows(properties, p.from, p.to);
    const f = figures(rows);
    const before = previousPeriod(p, tz);
    const prev = figures(await this.reads.rows(properties, before.from, before.to));
    const keys = buckets(p);
    const len = keys[0]!.length;
    const received = new Map(keys.map((k) => [k, 0]));
    for (const t of rows.received) {
      const k = dayKey(t.receivedAt, tz).slice(0, len);
      received.set(k, (received.get(k) ?? 0) + 1);
    }
    return {
      period: { kind: p.kind, key: p.key, from: isoInZone(p.from, tz), to: isoInZone(p.to, tz), firstDay: p.firstDay, lastDay: p.lastDay, zone: tz },
      properties,
      ...f,
      trend: keys.map((k) => ({ key: k, received: received.get(k) ?? 0 })),
      previous: {
        key: before.key,
        received: prev.received,
        timeliness: prev.timeliness.rate,
        callbacks: prev.callbacks.rate,
        satisfaction: prev.satisfaction.rate,
        complaints: prev.complaints.total,
      },
    };
  }
}
