import { z } from "zod";
import { consoleTexts as T } from "../../conversations/console-texts.js";
import { vocabulary as V } from "../../conversations/vocabulary.js";
import { ownOrdersOnly, propertyFilter, type Principal } from "../core/access/access.js";
import { countdown } from "../core/deadlines/countdown.js";
import type { Policy } from "../core/policy/policy.js";
import { formatWhen, fromWallTime, startOfDay } from "../core/policy/zoned.js";
import { CATEGORIES, CHANNELS, NATURES, STATUSES, URGENCIES } from "../core/ticket/domain.js";
import type { BoardFilter, BoardRow } from "../db/board-store.js";
import { NO_BUILDING } from "../core/statistics/figures.js";
import { html, type Html } from "./html.js";
import { say, type Viewer } from "./layout.js";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
  .optional()
  .or(z.literal("").transform(() => undefined));
const opt = (values: readonly string[]) =>
  z
    .enum(values as [string, ...string[]])
    .optional()
    .or(z.literal("").transform(() => undefined));

/** The board's URL: every filter a link or a bookmark keeps. */
export const boardQuery = z.object({
  status: opt(["open", "all", ...STATUSES]).transform((s) => s ?? "open"),
  category: opt([...CATEGORIES, "none"]),
  nature: opt(NATURES),
  urgency: opt(URGENCIES),
  channel: opt(CHANNELS),
  building: z.string().trim().max(20).optional(),
  assignee: z.string().trim().max(60).optional(),
  property: z.string().trim().max(40).optional(),
  from: day,
  to: day,
  due: opt(["overdue", "hour"]),
  q: z.string().trim().max(60).optional(),
  sort: opt(["activity", "urgency"]).transform((s) => (s ?? "activity") as "activity" | "urgency"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type BoardQuery = z.output<typeof boardQuery>;

export const PAGE_SIZE = 50;

const dayStart = (d: string, tz: string) => {
  const [year, month, dd] = d.split("-").map(Number) as [number, number, number];
  return fromWallTime({ year, month, day: dd, hour: 0, minute: 0 }, tz);
};

/** The store's filter for what this person may see and asked for; dates are days in the property's zone. */
export function boardFilter(q: BoardQuery, p: Principal, tz: string): BoardFilter {
  const f: BoardFilter = { status: q.status, sort: q.sort, page: q.page, pageSize: PAGE_SIZE };
  const scope = propertyFilter(p, q.property || undefined);
  if (scope) f.properties = scope;
  if (ownOrdersOnly(p)) f.ownOf = p.staffId!;
  for (const k of ["category", "nature", "urgency", "channel", "due"] as const) if (q[k]) (f as unknown as Record<string, unknown>)[k] = q[k];
  if (q.building) f.building = q.building === NO_BUILDING ? "none" : q.building.replace(/[栋幢号楼]+$/, "");
  if (q.assignee) f.assigneeId = q.assignee;
  if (q.from) f.from = dayStart(q.from, tz);
  if (q.to) f.to = new Date(dayStart(q.to, tz).getTime() + 86_400_000);
  if (q.q) f.q = q.q;
  return f;
}

export const todayStart = (now: Date, tz: string) => startOfDay(now, tz);

interface BoardData {
  q: BoardQuery;
  rows: BoardRow[];
  total: number;
  now: Date;
  policyOf(propertyId: string): Policy;
  staff: { id: string; name: string }[];
  properties: { id: string; name: string }[];
}

const select = (v: Viewer, name: string, label: string, current: string | undefined, options: [string, string][], anyLabel = say(v, T.board.any)) =>
  html`<div><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}">
  ${anyLabel ? html`<option value="">${anyLabel}</option>` : ""}
  ${options.map(([value, text]) => html`<option value="${value}"${value === current ? html` selected` : ""}>${text}</option>`)}
  </select></div>`;

/** The filter form (GET: the filters live in the URL) and the results that live updates replace. */
export function boardView(v: Viewer, d: BoardData): Html {
  const b = T.board;
  const q = d.q;
  return html`<h1>${say(v, b.title)}</h1>
<form class="filters card" method="get" action="/console" role="search" aria-label="${say(v, b.filters)}">
  <div class="wide"><label for="f-q">${say(v, b.search)}</label><input id="f-q" name="q" type="search" value="${q.q ?? ""}"></div>
  ${select(v, "status", say(v, b.status), q.status, [["open", say(v, b.open)], ["all", say(v, b.all)], ...STATUSES.map((s) => [s, say(v, V.statuses[s])] as [string, string])], "")}
  ${select(v, "category", say(v, b.category), q.category, [
    ...CATEGORIES.map((c) => [c, `${c} ${say(v, V.categories[c])}`] as [string, string]),
    ["none", say(v, b.noCategory)],
  ])}
  ${select(
    v,
    "nature",
    say(v, b.nature),
    q.nature,
    NATURES.map((n) => [n, say(v, V.natures[n])]),
  )}
  ${select(
    v,
    "urgency",
    say(v, b.urgency),
    q.urgency,
    URGENCIES.map((u) => [u, say(v, V.urgencies[u])]),
  )}
  <div><label for="f-building">${say(v, b.building)}</label><input id="f-building" name="building" value="${q.building ?? ""}" inputmode="numeric"></div>
  ${select(
    v,
    "assignee",
    say(v, b.assignee),
    q.assignee,
    d.staff.map((s) => [s.id, s.name]),
  )}
  ${select(
    v,
    "channel",
    say(v, b.channel),
    q.channel,
    CHANNELS.map((c) => [c, say(v, V.channels[c] ?? V.otherChannel)]),
  )}
  ${
    d.properties.length > 1
      ? select(
          v,
          "property",
          say(v, b.property),
          q.property,
          d.properties.map((p) => [p.id, p.name]),
        )
      : ""
  }
  <div><label for="f-from">${say(v, b.from)}</label><input id="f-from" name="from" type="date" value="${q.from ?? ""}"></div>
  <div><label for="f-to">${say(v, b.to)}</label><input id="f-to" name="to" type="date" value="${q.to ?? ""}"></div>
  ${select(v, "due", say(v, b.due), q.due, [
    ["overdue", say(v, b.overdue)],
    ["hour", say(v, b.hour)],
  ])}
  ${select(
    v,
    "sort",
    say(v, b.sort),
    q.sort,
    [
      ["activity", say(v, b.byActivity)],
      ["urgency", say(v, b.byUrgency)],
    ],
    "",
  )}
  <div class="bar"><button class="primary" type="submit">${say(v, b.apply)}</button><a href="/console">${say(v, b.reset)}</a></div>
</form>
<div class="bar"><span id="live-status" class="live muted" aria-live="polite">${say(v, b.live)}</span></div>
<section id="board-results" aria-live="polite">${boardResults(v, d)}</section>`;
}

/** "1小时5分" / "1h5m": the same as the page's script counts. */
export function span(v: Viewer, ms: number): string {
  const m = Math.max(1, Math.round(Math.abs(ms) / 60000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const r = m % 60;
  return [d ? say(v, T.units.d, { n: d }) : "", h ? say(v, T.units.h, { n: h }) : "", !d && r ? say(v, T.units.m, { n: r }) : ""].join("");
}

const place = (r: { room: string | null; location: string | null }) => r.room ?? r.location ?? "—";

/** The count, the rows and the pager: what a live update fetches again (GET /console/rows). */
export function boardResults(v: Viewer, d: BoardData): Html {
  const b = T.board;
  const pages = Math.max(1, Math.ceil(d.total / PAGE_SIZE));
  const link = (page: number) => {
    const u = new URLSearchParams(Object.entries(d.q).flatMap(([k, x]): [string, string][] => (x === undefined || x === "" ? [] : [[k, String(x)]])));
    u.set("page", String(page));
    return `/console?${u}`;
  };
  return html`<p class="muted" id="board-count">${say(v, b.count, { n: d.total })}</p>
${
  d.rows.length
    ? html`<table class="board">
<thead><tr><th>${say(v, b.number)}</th><th>${say(v, b.status)}</th><th>${say(v, b.place)}</th><th>${say(v, b.what)}</th><th>${say(v, b.assignee)}</th><th>${say(v, b.received)}</th><th>${say(v, b.next)}</th></tr></thead>
<tbody>${d.rows.map((r) => row(v, r, d))}</tbody></table>`
    : html`<p class="card">${say(v, b.none)}</p>`
}
${
  pages > 1
    ? html`<nav class="pager" aria-label="pages">${d.q.page > 1 ? html`<a href="${link(d.q.page - 1)}">${say(v, b.prev)}</a>` : ""}<span>${say(v, b.pageOf, { page: d.q.page, pages })}</span>${d.q.page < pages ? html`<a href="${link(d.q.page + 1)}">${say(v, b.nextPage)}</a>` : ""}</nav>`
    : ""
}`;
}

function row(v: Viewer, r: BoardRow, d: BoardData): Html {
  const b = T.board;
  const policy = d.policyOf(r.propertyId);
  const tz = policy.timezone;
  const urgencyClass = r.urgency === "非常紧急" ? "u0" : r.urgency === "紧急" ? "u1" : "";
  const due = r.deadline ? countdown(r.deadline.due, d.now, policy, r.urgency) : undefined;
  return html`<tr data-number="${r.number}" data-version="${r.updatedAt.getTime()}">
<td data-label="${say(v, b.number)}"><a href="/console/tickets/${r.number}">${r.number}</a></td>
<td data-label="${say(v, b.status)}">${say(v, V.statuses[r.status as keyof typeof V.statuses] ?? { zh: r.status, en: r.status })}
  ${r.urgency !== "一般" ? html` <span class="tag ${urgencyClass}">${say(v, V.urgencies[r.urgency as keyof typeof V.urgencies])}</span>` : ""}</td>
<td data-label="${say(v, b.place)}">${place(r)}</td>
<td data-label="${say(v, b.what)}"><span class="tag">${r.category ? say(v, V.categories[r.category as keyof typeof V.categories]) : say(v, V.natures[r.nature as keyof typeof V.natures] ?? { zh: r.nature, en: r.nature })}</span> ${r.description.slice(0, 60)}
  ${r.phoneTail ? html`<span class="muted">☎…${r.phoneTail}</span>` : ""}</td>
<td data-label="${say(v, b.assignee)}">${r.assignee ?? "—"}</td>
<td data-label="${say(v, b.received)}"><time datetime="${r.receivedAt.toISOString()}">${formatWhen(r.receivedAt, tz, v.lang)}</time> <span class="muted">${say(v, V.channels[r.channel] ?? V.otherChannel)}</span></td>
<td data-label="${say(v, b.next)}">${
    due && r.deadline
      ? html`<span class="muted">${say(v, V.steps[r.deadline.step])}</span> <span class="due${due.leftMs <= 0 ? " late" : due.leftMs < 3_600_000 ? " soon" : ""}" data-left="${due.leftMs}" data-ticking="${due.ticking ? 1 : 0}"><time datetime="${r.deadline.due.toISOString()}">${formatWhen(r.deadline.due, tz, v.lang)}</time> <span class="left">${say(v, due.leftMs <= 0 ? b.late : b.left, { t: span(v, due.leftMs) })}</span>${due.ticking ? "" : html` <span class="muted">${say(v, b.paused)}</span>`}</span>`
      : "—"
  }</td>
</tr>`;
}
