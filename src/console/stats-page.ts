import { consoleTexts as T } from "../../conversations/console-texts.js";
import { vocabulary as V } from "../../conversations/vocabulary.js";
import type { StatsAnswer } from "../core/statistics/stats-office.js";
import { NO_BUILDING, NONE } from "../core/statistics/figures.js";
import { html, jsonBlock, type Html } from "./html.js";
import { say, type Viewer } from "./layout.js";

const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);

interface StatsData {
  s: StatsAnswer;
  q: { period: string; date?: string; from?: string; to?: string; property?: string };
  properties: { id: string; name: string }[];
}

/** The board's URL of exactly the tickets a bar counts: received in the period, everything else as the bar says. */
export function boardLink(
  s: StatsAnswer,
  property: string | undefined,
  extra: Record<string, string>,
  days = { from: s.period.firstDay, to: s.period.lastDay },
) {
  return `/console?${new URLSearchParams({ status: "all", ...days, ...(property ? { property } : {}), ...extra })}`;
}

const card = (label: string, value: string, note: string, bad = false) =>
  html`<div class="card stat${bad ? html` bad` : ""}"><div class="label">${label}</div><div class="value">${value}</div><div class="note">${note}</div></div>`;

/** One chart: its data and the board each bar opens, drawn by stats.js with ECharts. */
const chart = (id: string, title: string, spec: unknown) =>
  html`<section class="card chart-card"><h2>${title}</h2><div class="chart" id="${id}" data-chart="${id}" role="img" aria-label="${title}"></div><script type="application/json" data-for="${id}">${jsonBlock(spec)}</script></section>`;

export function statsView(v: Viewer, d: StatsData): Html {
  const k = T.stats;
  const { s, q } = d;
  const p = q.property;
  const cats = Object.entries(s.byCategory);
  const blds = Object.entries(s.byBuilding);
  const statsQuery = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")).toString();
  const exportQuery = new URLSearchParams({ from: s.period.firstDay, to: s.period.lastDay, ...(p ? { property: p } : {}) });
  return html`<h1>${say(v, k.title)}</h1>
<form class="filters card" method="get" action="/console/stats">
  <div><label for="s-period">${say(v, k.period)}</label><select id="s-period" name="period">
    ${(["day", "week", "month", "custom"] as const).map((x) => html`<option value="${x}"${q.period === x ? html` selected` : ""}>${say(v, k.periods[x])}</option>`)}
  </select></div>
  <div><label for="s-date">${say(v, k.date)}</label><input id="s-date" name="date" value="${q.date ?? ""}" placeholder="2026-11"></div>
  <div><label for="s-from">${say(v, k.from)}</label><input id="s-from" name="from" type="date" value="${q.from ?? ""}"></div>
  <div><label for="s-to">${say(v, k.to)}</label><input id="s-to" name="to" type="date" value="${q.to ?? ""}"></div>
  <div><label for="s-property">${say(v, k.property)}</label><select id="s-property" name="property">
    <option value="">${say(v, k.allProperties)}</option>
    ${d.properties.map((x) => html`<option value="${x.id}"${p === x.id ? html` selected` : ""}>${x.name}</option>`)}
  </select></div>
  <div><button type="submit">${say(v, k.show)}</button></div>
</form>
<p>${say(v, k.range, { first: s.period.firstDay, last: s.period.lastDay, zone: s.period.zone, previous: s.previous.key })}</p>
<div class="stats-cards">
  ${card(say(v, k.received), String(s.received), say(v, k.before, { value: s.previous.received }))}
  ${card(say(v, k.timeliness), pct(s.timeliness.rate), `${s.timeliness.onTime}/${s.timeliness.closed} · ${say(v, k.target, { target: "≥98%" })} · ${say(v, k.before, { value: pct(s.previous.timeliness) })}`, s.timeliness.rate !== null && s.timeliness.rate < s.timeliness.target)}
  ${card(say(v, k.callbacks), pct(s.callbacks.rate), `${s.callbacks.done}/${s.callbacks.due} · ${say(v, k.doneOnTime)} ${pct(s.callbacks.onTimeRate)} · ${say(v, k.target, { target: "100%" })}`, s.callbacks.rate !== null && s.callbacks.rate < 1)}
  ${card(say(v, k.satisfaction), pct(s.satisfaction.rate), `满意 ${s.satisfaction.满意} · 基本满意 ${s.satisfaction.基本满意} · 不满意 ${s.satisfaction.不满意}`)}
  ${card(
    say(v, k.complaints),
    String(s.complaints.total),
    Object.entries(s.complaints.bySeverity)
      .map(([x, n]) => `${x} ${n}`)
      .join(" · ") || say(v, k.none),
  )}
</div>
<div class="charts">
  ${chart("trend", say(v, k.trend), {
    kind: "bar",
    labels: s.trend.map((t) => t.key),
    values: s.trend.map((t) => t.received),
    links: s.trend.map((t) => (t.key.length === 10 ? boardLink(s, p, {}, { from: t.key, to: t.key }) : null)),
  })}
  ${chart("category", say(v, k.byCategory), {
    kind: "bar",
    labels: cats.map(([c]) => (c === NONE ? c : `${c} ${say(v, V.categories[c as keyof typeof V.categories] ?? { zh: "", en: "" })}`)),
    values: cats.map(([, n]) => n),
    links: cats.map(([c]) => boardLink(s, p, { category: c === NONE ? "none" : c })),
  })}
  ${chart("building", say(v, k.byBuilding), {
    kind: "bar",
    labels: blds.map(([b]) => (b === NO_BUILDING ? b : `${b}栋`)),
    values: blds.map(([, n]) => n),
    links: blds.map(([b]) => boardLink(s, p, { building: b })),
  })}
  ${chart("satisfaction", say(v, k.split), {
    kind: "pie",
    labels: ["满意", "基本满意", "不满意"],
    values: [s.satisfaction.满意, s.satisfaction.基本满意, s.satisfaction.不满意],
    empty: say(v, k.noRatings),
  })}
  ${chart("timeliness", say(v, k.timelinessChart), {
    kind: "bar",
    labels: [s.previous.key, s.period.key],
    values: [s.previous.timeliness, s.timeliness.rate].map((r) => (r === null ? null : Math.round(r * 1000) / 10)),
    target: 98,
    percent: true,
  })}
</div>
<section class="card"><h2>${say(v, k.overdue, { n: s.overdue.total })}</h2>
  <ul>${s.overdue.tickets.slice(0, 20).map((t) => html`<li><a href="/console/tickets/${t.number}">${t.number}</a> ${t.room ?? ""} ${t.description.slice(0, 30)} · ${t.assignee ?? "—"}</li>`)}</ul>
  <a href="/console?due=overdue&status=all${p ? `&property=${p}` : ""}">${say(v, T.nav.board)} →</a>
</section>
<section class="card"><h2>${say(v, k.steps)}</h2><table class="board"><thead><tr><th>${say(v, k.step)}</th><th>${say(v, k.count)}</th><th>${say(v, k.median)}</th><th>${say(v, k.p90)}</th></tr></thead><tbody>
  ${s.steps.map((x) => html`<tr><td>${say(v, k.stepNames[x.from as keyof typeof k.stepNames])} → ${say(v, k.stepNames[x.to as keyof typeof k.stepNames])}</td><td>${x.n}</td><td>${x.median ?? "—"}</td><td>${x.p90 ?? "—"}</td></tr>`)}
</tbody></table></section>
<section class="card"><h2>${say(v, k.workers)}</h2><table class="board"><thead><tr>
  ${[k.worker, k.offered, k.accepted, k.refused, k.timedOut, k.handedOver, k.completed, k.onTime, k.rating].map((x) => html`<th>${say(v, x)}</th>`)}
</tr></thead><tbody>
  ${s.workers.map((w) => html`<tr><td>${w.name}</td><td>${w.offered}</td><td>${w.accepted}</td><td>${w.refused}</td><td>${w.timedOut}</td><td>${w.handedOver}</td><td>${w.completed}</td><td>${pct(w.onTimeRate)}</td><td>${w.avgRating ?? "—"}</td></tr>`)}
</tbody></table></section>
<section class="card"><h2>${say(v, k.stewards)}</h2><table class="board"><thead><tr>
  ${[k.steward, k.due, k.done, k.doneOnTime].map((x) => html`<th>${say(v, x)}</th>`)}
</tr></thead><tbody>
  ${s.stewards.map((w) => html`<tr><td>${w.name}</td><td>${w.due}</td><td>${w.done}</td><td>${w.onTime}</td></tr>`)}
</tbody></table></section>
<section class="card"><h2>${say(v, k.exports)}</h2><ul class="exports">
  ${(["reports", "orders", "complaints", "callbacks"] as const).map(
    (r) =>
      html`<li>${say(v, k.registers[r])}：<a href="/api/exports/${r}.xlsx?${exportQuery.toString()}">XLSX</a> · <a href="/api/exports/${r}.csv?${exportQuery.toString()}">CSV</a></li>`,
  )}
  <li>${say(v, k.statsTables)}：<a href="/api/exports/statistics.xlsx?${statsQuery}">XLSX</a> · <a href="/api/exports/statistics.csv?${statsQuery}">CSV</a></li>
</ul></section>`;
}
