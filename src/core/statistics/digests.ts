/** What the daily follow-up and the monthly statistics hold (read by the scheduler's report job, written in words by conversations/reports.ts). */

export interface DailyDigest {
  day: string;
  received: number;
  completed: number;
  openComplaints: { number: string; place: string | null; description: string; severity: string | null; status: string; today: boolean }[];
  overdue: { number: string; place: string | null; description: string; status: string; steps: string[] }[];
  overdueCallbacks: { number: string; dueAt: string; steward: string | null }[];
}

export interface MonthlyStats {
  month: string;
  received: number;
  invalid: number;
  cancelled: number;
  byCategory: Record<string, number>;
  byNature: Record<string, number>;
  byBuilding: Record<string, number>;
  byChannel: Record<string, number>;
  /** reports with deadlines (not invalid, cancelled or consultations) and those that missed none; target 98 % */
  timeliness: { eligible: number; onTime: number; rate: number | null };
  /** first callbacks of reports completed this month: done at all, and done by their deadline; target 100 % */
  callbacks: { due: number; done: number; onTime: number; rate: number | null };
  satisfaction: { 满意: number; 基本满意: number; 不满意: number; rate: number | null };
  complaints: { total: number; bySeverity: Record<string, number>; byDomain: Record<string, number>; resolved: number; avgHoursToResolve: number | null };
}
