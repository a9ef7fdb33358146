import { vocabulary as V } from "../../../conversations/vocabulary.js";
import { consoleTexts as T } from "../../../conversations/console-texts.js";
import type { StatsAnswer } from "../../core/statistics/stats-office.js";
import { NO_BUILDING } from "../../core/statistics/figures.js";
import type { Column } from "./registers.js";
import type { Table } from "./writers.js";

/** The statistics page's tables as a workbook (one sheet each), in the words of the seeds' 报修汇总表. */
type Row = Record<string, unknown>;
const pct = (r: unknown) => (typeof r === "number" ? `${(r * 100).toFixed(1)}%` : "—");
const val = (k: string) => (r: Row) => (r[k] === null || r[k] === undefined ? null : (r[k] as string | number));
const col = (title: string, width: number, cell: (r: Row) => string | number | null): Column => ({ title, width, cell: (r) => cell(r) });
const entries = (o: Record<string, number>) => Object.entries(o).map(([item, n]) => ({ item, n }));
const step = (s: string) => T.stats.stepNames[s as keyof typeof T.stats.stepNames]?.zh ?? s;
const named = (k: string, name: string | undefined) => (name ? `${k} ${name}` : k);
const category = (c: string) => named(c, V.categories[c as keyof typeof V.categories]?.zh);
const channel = (c: string) => V.channels[c as keyof typeof V.channels]?.zh ?? c;
const building = (b: string) => (b === NO_BUILDING ? b : `${b}栋`);

export function statsTables(s: StatsAnswer, scope: string): Table[] {
  const p = s.period;
  const caption = (what: string) => `${what} · ${scope} · ${p.firstDay} 至 ${p.lastDay}（${p.zone}）`;
  const table = (title: string, columns: Column[], rows: Row[]): Table => ({ title, caption: caption(title), columns, rows: [rows] });
  const summary: Row[] = [
    { k: "报事总数（件）", now: s.received, before: s.previous.received, target: null },
    { k: "其中无效", now: s.invalid, before: null, target: null },
    { k: "其中取消", now: s.cancelled, before: null, target: null },
    { k: "完工（件）", now: s.timeliness.closed, before: null, target: null },
    { k: "及时完成（件）", now: s.timeliness.onTime, before: null, target: null },
    { k: "及时率", now: pct(s.timeliness.rate), before: pct(s.previous.timeliness), target: "≥98%" },
    { k: "应回访（件）", now: s.callbacks.due, before: null, target: null },
    { k: "已回访（件）", now: s.callbacks.done, before: null, target: null },
    { k: "回访率", now: pct(s.callbacks.rate), before: pct(s.previous.callbacks), target: "100%" },
    { k: "按时回访率", now: pct(s.callbacks.onTimeRate), before: null, target: "100%" },
    { k: "满意（件）", now: s.satisfaction.满意, before: null, target: null },
    { k: "基本满意（件）", now: s.satisfaction.基本满意, before: null, target: null },
    { k: "不满意（件）", now: s.satisfaction.不满意, before: null, target: null },
    { k: "满意度", now: pct(s.satisfaction.rate), before: pct(s.previous.satisfaction), target: null },
    { k: "投诉（件）", now: s.complaints.total, before: s.previous.complaints, target: null },
    { k: "投诉已处理（件）", now: s.complaints.resolved, before: null, target: null },
    { k: "投诉平均转派（小时）", now: s.complaints.avgHoursToForward, before: null, target: null },
    { k: "投诉平均处理（小时）", now: s.complaints.avgHoursToResolve, before: null, target: null },
    { k: "当前超时未办（件）", now: s.overdue.total, before: null, target: null },
  ];
  const by = (dim: string, o: Record<string, number>, label: (k: string) => string = (k) => k) =>
    entries(o).map(({ item, n }) => ({ dim, item: label(item), n }));
  return [
    table(
      "汇总",
      [col("指标", 22, val("k")), col(`本期 ${p.key}`, 14, val("now")), col(`上期 ${s.previous.key}`, 14, val("before")), col("目标", 10, val("target"))],
      summary,
    ),
    table(
      "分类统计",
      [col("维度", 10, val("dim")), col("项目", 20, val("item")), col("件数", 10, val("n"))],
      [
        ...by("性质", s.byNature),
        ...by("类别", s.byCategory, category),
        ...by("楼栋", s.byBuilding, building),
        ...by("渠道", s.byChannel, channel),
        ...by("投诉程度", s.complaints.bySeverity),
        ...by("投诉范畴", s.complaints.byDomain),
      ],
    ),
    table(
      "趋势",
      [col("日期", 12, val("key")), col("报事（件）", 10, val("received"))],
      s.trend.map((t) => ({ ...t })),
    ),
    table(
      "维修人员",
      [
        col("维修人员", 12, val("name")),
        col("派单", 8, val("offered")),
        col("接单", 8, val("accepted")),
        col("拒单", 8, val("refused")),
        col("超时未接", 10, val("timedOut")),
        col("转单", 8, val("handedOver")),
        col("完工", 8, val("completed")),
        col("及时完工", 10, val("onTime")),
        col("及时率", 10, (r) => pct(r.onTimeRate)),
        col("评价数", 8, val("rated")),
        col("平均评分（3 分制）", 14, val("avgRating")),
      ],
      s.workers.map((w) => ({ ...w })),
    ),
    table(
      "管家回访",
      [col("管家", 12, val("name")), col("应回访", 10, val("due")), col("已回访", 10, val("done")), col("按时回访", 10, val("onTime"))],
      s.stewards.map((w) => ({ ...w })),
    ),
    table(
      "环节时长",
      [
        col("环节", 16, (r) => `${step(String(r.from))} → ${step(String(r.to))}`),
        col("件数", 8, val("n")),
        col("中位数（分钟）", 14, val("median")),
        col("90分位（分钟）", 14, val("p90")),
      ],
      s.steps.map((x) => ({ ...x })),
    ),
  ];
}
