import type { Figures } from "./figures.js";

/** What the daily follow-up and the monthly statistics hold (read by the scheduler's report job, written in words by conversations/reports.ts). */

export interface DailyDigest {
  day: string;
  received: number;
  completed: number;
  openComplaints: { number: string; place: string | null; description: string; severity: string | null; status: string; today: boolean }[];
  overdue: { number: string; place: string | null; description: string; status: string; steps: string[] }[];
  overdueCallbacks: { number: string; dueAt: string; steward: string | null }[];
}

/** Last month as the monthly report keeps it: the statistics' figures (figures.ts), without the lists. */
export type MonthlyStats = { month: string } & Pick<
  Figures,
  "received" | "invalid" | "cancelled" | "byCategory" | "byNature" | "byBuilding" | "byChannel" | "timeliness" | "callbacks" | "satisfaction" | "complaints"
>;
