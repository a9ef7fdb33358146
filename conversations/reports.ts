/** How the daily follow-up and the monthly statistics read in chat (staff read Chinese). */
import type { TicketStatus } from "../src/core/ticket/domain.js";
import type { Step } from "../src/core/deadlines/escalation.js";
import { vocabulary } from "./vocabulary.js";
import type { DailyDigest, MonthlyStats } from "../src/core/statistics/digests.js";
import { ranked } from "../src/core/statistics/figures.js";

const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);
const status = (s: string) => vocabulary.statuses[s as TicketStatus]?.zh ?? s;
const list = (o: Record<string, number>) =>
  ranked(o)
    .map(([k, n]) => `${k} ${n}`)
    .join("，") || "无";
const MAX_LINES = 15;

function lines<T>(items: readonly T[], line: (x: T, i: number) => string): string[] {
  const shown = items.slice(0, MAX_LINES).map(line);
  return items.length > MAX_LINES ? [...shown, `……另有 ${items.length - MAX_LINES} 件，请在后台查看`] : shown;
}

export function dailyText(propertyName: string, d: DailyDigest, when: string): string {
  const out = [`【每日跟进】${propertyName} ${when}`, `今日新报事 ${d.received} 件，完工 ${d.completed} 件。`];
  out.push(d.openComplaints.length ? `未结投诉 ${d.openComplaints.length} 件：` : "未结投诉：无。");
  out.push(
    ...lines(
      d.openComplaints,
      (c, i) =>
        `${i + 1}. ${c.number}${c.today ? "（今日）" : ""} ${c.severity ?? ""}投诉 ${c.place ?? ""} ${c.description.slice(0, 20)} · ${status(c.status)}`,
    ),
  );
  out.push(d.overdue.length ? `超时未办 ${d.overdue.length} 件：` : "超时未办：无。");
  out.push(
    ...lines(
      d.overdue,
      (t, i) =>
        `${i + 1}. ${t.number} ${t.place ?? ""} ${t.description.slice(0, 20)} · ${status(t.status)}${t.steps.length ? ` · ${t.steps.map((s) => vocabulary.steps[s as Step]?.zh ?? s).join("、")}超时` : ""}`,
    ),
  );
  if (d.overdueCallbacks.length) {
    out.push(`回访超时 ${d.overdueCallbacks.length} 件：`);
    out.push(...lines(d.overdueCallbacks, (c, i) => `${i + 1}. ${c.number} · ${c.steward ?? "未分配"}`));
  }
  return out.join("\n");
}

export function monthlyText(propertyName: string, m: MonthlyStats): string {
  return [
    `【月度报表】${propertyName} ${m.month}`,
    `报事 ${m.received} 件（无效 ${m.invalid}，取消 ${m.cancelled}）。`,
    `按性质：${list(m.byNature)}`,
    `按类别：${list(m.byCategory)}`,
    `按楼栋：${list(m.byBuilding)}`,
    `及时率 ${pct(m.timeliness.rate)}（${m.timeliness.onTime}/${m.timeliness.closed}，目标 ≥98%）`,
    `回访率 ${pct(m.callbacks.rate)}（${m.callbacks.done}/${m.callbacks.due}，按时 ${m.callbacks.onTime}，目标 100%）`,
    `满意度 ${pct(m.satisfaction.rate)}（满意 ${m.satisfaction.满意}，基本满意 ${m.satisfaction.基本满意}，不满意 ${m.satisfaction.不满意}）`,
    `投诉分析：共 ${m.complaints.total} 件，按程度 ${list(m.complaints.bySeverity)}；按范畴 ${list(m.complaints.byDomain)}；已处理 ${m.complaints.resolved} 件${m.complaints.avgHoursToResolve === null ? "" : `，平均 ${m.complaints.avgHoursToResolve} 小时`}。`,
  ].join("\n");
}
