import { orderedId } from "../../core/ids.js";
import type { Role } from "../../core/ticket/domain.js";
import type { Reachable, Workforce } from "../../core/dispatch/records.js";
import { dayKey, dueDays, dueMonth } from "../../core/policy/periods.js";
import type { OutboxRecord, PropertyInfo } from "../../core/ports.js";
import { toStaff, type AccountOf } from "../../core/dispatch/notify.js";
import { formatWhen } from "../../core/policy/zoned.js";
import type { DailyDigest, MonthlyStats } from "../../core/statistics/digests.js";
import type { ReportStore } from "../../db/report-store.js";
import type { Job } from "../scheduler.js";

export interface ReportDeps {
  properties: { list(): PropertyInfo[] };
  store: ReportStore;
  workforce: Workforce;
  accountOf: AccountOf;
  offer(rows: readonly OutboxRecord[]): void;
  texts: { daily(name: string, d: DailyDigest, when: string): string; monthly(name: string, m: MonthlyStats): string };
}

const holding = (staff: readonly Reachable[], roles: readonly Role[]) => staff.filter((s) => s.roles.some((r) => roles.includes(r as Role)));

/**
 * The daily follow-up (open complaints and overdue items, to stewards and supervisors at the policy's
 * digestAt) and last month's statistics (to the managers on monthlyReportDay). Each is stored once per
 * property and period; a period missed while the service was down is stored when it comes back (only the
 * newest daily one is sent: yesterday's list is stale; at most a week back).
 */
export function reportJob(schedule: string, deps: ReportDeps): Job {
  return {
    name: "reports",
    schedule,
    async run(now) {
      let daily = 0;
      let monthly = 0;
      for (const p of deps.properties.list()) {
        const days = dueDays(now, p.policy);
        // catch up only after the last one stored: a new property starts with today's
        const last = await deps.store.lastPeriod(p.id, "daily");
        const today = dayKey(now, p.policy.timezone);
        const missing = days.filter((d) => (last ? d.key > last : d.key === today));
        const lastMonth = await deps.store.lastPeriod(p.id, "monthly");
        const due = dueMonth(now, p.policy, lastMonth !== undefined);
        const month = due && (!lastMonth || due.key > lastMonth) ? due : undefined;
        const staff = missing.length || month ? await deps.workforce.staffOf(p.id, { fresh: true }) : [];
        for (const [i, day] of missing.entries()) {
          const content = await deps.store.daily(p.id, day, now);
          const send = i === missing.length - 1;
          const text = deps.texts.daily(p.name, content, formatWhen(now, p.policy.timezone, "zh"));
          const outbox = send ? holding(staff, ["steward", "supervisor"]).flatMap((s) => toStaff(s, { text }, null, now, deps.accountOf)) : [];
          if (await deps.store.save({ id: orderedId(), propertyId: p.id, kind: "daily", period: day.key, content, at: now }, outbox)) {
            daily++;
            deps.offer(outbox);
          }
        }
        if (month) {
          const content = await deps.store.monthly(p.id, month);
          const managers = holding(staff, ["project_manager", "general_manager"]);
          const to = managers.length ? managers : holding(staff, ["supervisor"]);
          const outbox = to.flatMap((s) => toStaff(s, { text: deps.texts.monthly(p.name, content) }, null, now, deps.accountOf));
          if (await deps.store.save({ id: orderedId(), propertyId: p.id, kind: "monthly", period: month.key, content, at: now }, outbox)) {
            monthly++;
            deps.offer(outbox);
          }
        }
      }
      return { daily, monthly };
    },
  };
}
