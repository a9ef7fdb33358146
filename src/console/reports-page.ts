import { consoleTexts as T } from "../../conversations/console-texts.js";
import { dailyText, monthlyText } from "../../conversations/reports.js";
import { formatWhen } from "../core/policy/zoned.js";
import type { DailyDigest, MonthlyStats } from "../core/statistics/digests.js";
import type { StoredReportRow } from "../db/stored-reports.js";
import { html, type Html } from "./html.js";
import { say, type Viewer } from "./layout.js";

interface Property {
  id: string;
  name: string;
  zone: string;
}
const href = (r: StoredReportRow) => `/console/reports/${encodeURIComponent(r.propertyId)}/${r.kind}/${r.period}`;

/** 报表: the stored daily follow-ups and monthly reports, newest first, a page at a time. */
export function reportsView(v: Viewer, d: { rows: StoredReportRow[]; more: boolean; q: { kind?: string; property?: string }; properties: Property[] }): Html {
  const k = T.reports;
  const name = (id: string) => d.properties.find((p) => p.id === id);
  const last = d.rows.at(-1);
  const older =
    last && d.more
      ? new URLSearchParams({ ...(d.q.kind ? { kind: d.q.kind } : {}), ...(d.q.property ? { property: d.q.property } : {}), before: last.period })
      : null;
  return html`<h1>${say(v, k.title)}</h1>
<p class="muted">${say(v, k.intro)}</p>
<form class="filters card" method="get" action="/console/reports">
  <div><label for="r-kind">${say(v, k.kind)}</label><select id="r-kind" name="kind">
    <option value="">${say(v, k.all)}</option>
    ${(["daily", "monthly"] as const).map((x) => html`<option value="${x}"${d.q.kind === x ? html` selected` : ""}>${say(v, k.kinds[x])}</option>`)}
  </select></div>
  <div><label for="r-property">${say(v, k.property)}</label><select id="r-property" name="property">
    <option value="">${say(v, k.all)}</option>
    ${d.properties.map((p) => html`<option value="${p.id}"${d.q.property === p.id ? html` selected` : ""}>${p.name}</option>`)}
  </select></div>
  <div><button type="submit">${say(v, k.show)}</button></div>
</form>
${
  d.rows.length
    ? html`<table class="board reports"><thead><tr><th>${say(v, k.period)}</th><th>${say(v, k.kind)}</th><th>${say(v, k.property)}</th><th>${say(v, k.created)}</th><th></th></tr></thead><tbody>
${d.rows.map((r) => {
  const p = name(r.propertyId);
  return html`<tr><td><a href="${href(r)}">${r.period}</a></td><td>${say(v, k.kinds[r.kind])}</td><td>${p?.name ?? r.propertyId}</td><td>${formatWhen(r.createdAt, p?.zone ?? "Asia/Shanghai", v.lang)}</td><td><a href="${href(r)}">${say(v, k.open)}</a></td></tr>`;
})}
</tbody></table>`
    : html`<p class="card">${say(v, k.none)}</p>`
}
${older ? html`<p><a href="/console/reports?${older.toString()}">${say(v, k.older)}</a></p>` : ""}`;
}

/** the report's text with its ticket numbers as links to the tickets */
function linked(text: string): Html[] {
  return text.split(/(BS\d{8}-\d{3,})/).map((part, i) => (i % 2 ? html`<a href="/console/tickets/${part}">${part}</a>` : html`${part}`));
}

/** One stored report: the very text the chats got, its tickets linked, and the same period on the statistics page. */
export function reportView(v: Viewer, r: StoredReportRow & { content: unknown }, p: Property): Html {
  const k = T.reports;
  const when = formatWhen(r.createdAt, p.zone, "zh");
  const text = r.kind === "monthly" ? monthlyText(p.name, r.content as MonthlyStats) : dailyText(p.name, r.content as DailyDigest, when);
  const stats = new URLSearchParams({ period: r.kind === "monthly" ? "month" : "day", date: r.period, property: p.id });
  return html`<p><a href="/console/reports">${say(v, k.back)}</a></p>
<h1>${say(v, k.kinds[r.kind])} · ${p.name} · ${r.period}</h1>
<p class="muted">${say(v, k.sent, { when: formatWhen(r.createdAt, p.zone, v.lang) })}</p>
<pre class="card report-text">${linked(text)}</pre>
<p><a href="/console/stats?${stats.toString()}">${say(v, k.inStats)}</a></p>`;
}
