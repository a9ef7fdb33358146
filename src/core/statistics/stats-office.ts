import { propertyFilter, type Principal } from "../access/access.js";
import type { StatisticsDesk, Statistics } from "./statistics.js";
import { PeriodError, statsPeriod, type PeriodQuery } from "./stats-period.js";

export interface OverdueTicket {
  number: string;
  propertyId: string;
  status: string;
  room: string | null;
  description: string;
  assignee: string | null;
  deadline: { step: string; due: Date } | null;
}

export interface StatsOfficeDeps {
  desk: StatisticsDesk;
  /** every property's id, and its zone */
  propertyIds(): string[];
  zoneOf(propertyId: string): string;
  /** the tickets overdue now among these properties (the board's 超时 view), the first of them and how many */
  overdue(properties: readonly string[], now: Date): Promise<{ total: number; tickets: OverdueTicket[] }>;
}

export interface StatsAnswer extends Statistics {
  overdue: { total: number; tickets: OverdueTicket[] };
}

/**
 * What one person may count: one property or all they serve. The period is read on the zone of the first property
 * (one zone for a company; properties in other zones are counted on that clock).
 */
export class StatsOffice {
  constructor(private readonly deps: StatsOfficeDeps) {}

  scope(who: Principal, wanted?: string): readonly string[] {
    return propertyFilter(who, wanted) ?? this.deps.propertyIds();
  }

  /** @throws PeriodError when the period asked for is not one */
  async read(who: Principal, wanted: string | undefined, q: PeriodQuery, now: Date): Promise<StatsAnswer> {
    const properties = this.scope(who, wanted);
    const zone = this.deps.zoneOf(properties[0] ?? this.deps.propertyIds()[0]!);
    const period = statsPeriod(q, now, zone);
    const stats = await this.deps.desk.of(properties, period, zone);
    return { ...stats, overdue: await this.deps.overdue(properties, now) };
  }
}

export { PeriodError };
