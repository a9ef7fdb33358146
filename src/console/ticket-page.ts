import { consoleTexts as T } from "../../conversations/console-texts.js";
import { vocabulary as V } from "../../conversations/vocabulary.js";
import { can, ownOrdersOnly } from "../core/access/access.js";
import { maskPhone } from "../core/conversation/parse/phone.js";
import type { Reachable } from "../core/dispatch/records.js";
import { onDuty } from "../core/dispatch/roster.js";
import type { Policy } from "../core/policy/policy.js";
import { formatWhen } from "../core/policy/zoned.js";
import type { TicketStatus } from "../core/ticket/domain.js";
import { nextStatuses } from "../core/ticket/lifecycle.js";
import type { TicketFile } from "../db/ticket-files.js";
import { html, type Html } from "./html.js";
import { say, type Viewer } from "./layout.js";

/** Each deadline and the step that meets it. */
const STEPS = [
  { due: "dispatchDueAt", done: "dispatchedAt", step: "dispatch" },
  { due: "acceptDueAt", done: "acceptedAt", step: "accept" },
  { due: "arriveDueAt", done: "arrivedAt", step: "arrive" },
  { due: "firstReplyDueAt", done: "acceptedAt", step: "answer" },
  { due: "resolveDueAt", done: "completedAt", step: "resolve" },
  { due: "holdDueAt", done: null, step: "hold" },
] as const;

/** The resident's phone: in full for the office; a technician sees it once the order is theirs and accepted (as chat tells them). */
function phoneShown(v: Viewer, t: TicketFile): string {
  if (!t.phone) return "—";
  const local = t.phone.replace(/^\+86/, "");
  const theirs = t.assigneeId === v.principal.staffId && !["received", "dispatched"].includes(t.status);
  return ownOrdersOnly(v.principal) && !theirs ? maskPhone(local) : local;
}
const label = <K extends string>(map: Record<K, { zh: string; en: string }>, k: string | null | undefined) =>
  k && k in map ? map[k as K] : { zh: k ?? "—", en: k ?? "—" };

interface Data {
  t: TicketFile;
  now: Date;
  policy: Policy;
  /** the property's staff (the picker), with their open load */
  workers: Reachable[];
  names: Map<string, string>;
  skills: readonly string[];
}

export function ticketView(v: Viewer, d: Data): Html {
  const k = T.ticket;
  const { t, policy } = d;
  const tz = policy.timezone;
  const when = (x: Date | null) => (x ? formatWhen(x, tz, v.lang) : "—");
  const attachments = (t.attachments as { kind: string; ref: string }[] | null) ?? [];
  return html`<p><a href="/console">← ${say(v, k.back)}</a></p>
<h1>${t.number} · ${say(v, label(V.statuses, t.status))}</h1>
<div class="grid2">
<div>
<section class="card" aria-labelledby="h-fields"><h2 id="h-fields">${say(v, k.fields)}</h2>
<dl class="fields">
  <dt>${say(v, t.room ? k.room : k.location)}</dt><dd>${t.room ?? t.location ?? "—"}</dd>
  <dt>${say(v, k.phone)}</dt><dd>${phoneShown(v, t)}</dd>
  ${t.reporterName ? html`<dt>${say(v, k.name)}</dt><dd>${t.reporterName}</dd>` : ""}
  <dt>${say(v, k.description)}</dt><dd>${t.description}</dd>
  ${t.said && t.said !== t.description ? html`<dt>${say(v, k.said)}</dt><dd class="muted">${t.said}</dd>` : ""}
  <dt>${say(v, k.appointment)}</dt><dd>${t.asap ? say(v, k.asap) : when(t.appointmentAt)}</dd>
  <dt>${say(v, T.board.category)}</dt><dd>${t.category ? `${t.category} ${say(v, label(V.categories, t.category))}` : "—"} · ${say(v, label(V.natures, t.nature))} · ${say(v, label(V.urgencies, t.urgency))}${t.severity ? ` · ${say(v, label(V.severities, t.severity))}` : ""}</dd>
  <dt>${say(v, k.channel)}</dt><dd>${say(v, V.channels[t.channel] ?? V.otherChannel)} · ${when(t.receivedAt)}</dd>
  <dt>${say(v, k.assignee)}</dt><dd>${t.assignee ? `${t.assignee.name}${t.assignee.phone ? ` ☎ ${t.assignee.phone}` : ""}` : "—"}</dd>
  ${t.invalidReason ? html`<dt>${say(v, k.invalidReason)}</dt><dd>${t.invalidReason}</dd>` : ""}
  ${t.feeCharged !== null ? html`<dt>${say(v, k.fee)}</dt><dd>${(t.feeCharged / 100).toFixed(2)} 元</dd>` : ""}
</dl>
${
  attachments.length
    ? html`<h2>${say(v, k.photos)}</h2><div class="photos">${attachments.map((a, i) => {
        // fetched through the channel it came by (a Telegram file id is no address a browser can open)
        const src = /^https?:/.test(a.ref) ? a.ref : `/console/tickets/${t.number}/files/${i}`;
        return a.kind === "photo"
          ? html`<a href="${src}"><img src="${src}" alt="${say(v, k.photos)} ${i + 1}"></a>`
          : html`<a class="tag" href="${src}">${a.kind} ${i + 1}</a> `;
      })}</div>`
    : ""
}
</section>
${deadlines(v, d, when)}
${orders(v, d, when)}
<section class="card" aria-labelledby="h-timeline"><h2 id="h-timeline">${say(v, k.timeline)}</h2>
<ol class="timeline">${t.events.map((e) => timelineItem(v, e, d, when))}</ol></section>
${callbacks(v, d, when)}
</div>
<div class="actions">${actions(v, d)}</div>
</div>`;
}

/** each order offered for this ticket, with its 派工单 to print (a technician's own only) */
function orders(v: Viewer, d: Data, when: (x: Date | null) => string): Html {
  const k = T.ticket;
  const mine = d.t.assignments.filter((a) => !ownOrdersOnly(v.principal) || a.staffId === v.principal.staffId);
  if (!mine.length) return html``;
  return html`<section class="card" aria-labelledby="h-orders"><h2 id="h-orders">${say(v, k.orders)}</h2><ul class="orders">
${mine.map((a) => {
  const print = `/console/tickets/${d.t.number}/orders/${a.id}/print`;
  const status = say(v, T.orderStatuses[a.status] ?? { zh: a.status, en: a.status });
  return html`<li>${say(v, k.orderLine, { worker: a.staff.name, status, when: when(a.offeredAt) })} · <a href="${print}?size=a5">${say(v, k.printA5)}</a> · <a href="${print}?size=a4">${say(v, k.printA4)}</a></li>`;
})}</ul></section>`;
}

function deadlines(v: Viewer, d: Data, when: (x: Date | null) => string): Html {
  const k = T.ticket;
  const t = d.t as unknown as Record<string, Date | null>;
  const rows = STEPS.filter((s) => t[s.due]);
  const esc = (d.t.escalations as Record<string, number> | null) ?? {};
  if (!rows.length) return html``;
  return html`<section class="card" aria-labelledby="h-deadlines"><h2 id="h-deadlines">${say(v, k.deadlines)}</h2>
<table class="board"><thead><tr><th>${say(v, k.step)}</th><th>${say(v, k.dueAt)}</th><th>${say(v, k.doneAt)}</th><th></th></tr></thead><tbody>
${rows.map((s) => {
  const due = t[s.due]!;
  const done = s.done ? t[s.done] : null;
  const state = done ? (done <= due ? "met" : "missed") : d.now > due ? "missed" : "pending";
  return html`<tr><td data-label="${say(v, k.step)}">${say(v, V.steps[s.step])}</td><td data-label="${say(v, k.dueAt)}">${when(due)}</td><td data-label="${say(v, k.doneAt)}">${when(done ?? null)}</td><td class="due${state === "missed" ? " late" : ""}">${say(v, k[state])}</td></tr>`;
})}
</tbody></table>
${
  Object.keys(esc).length
    ? html`<p class="muted">${say(v, k.escalations)}：${Object.entries(esc)
        .map(([step, n]) => say(v, k.reminders, { step: say(v, V.steps[step as keyof typeof V.steps] ?? { zh: step, en: step }), n }))
        .join("；")}</p>`
    : ""
}
</section>`;
}

/** Events a worker makes themselves (their name is the actor); on the others `staff` is whom it went to. */
const BY_THE_WORKER = new Set([
  "ticket.accepted",
  "ticket.refused",
  "ticket.arrived",
  "ticket.completed",
  "ticket.handed_over",
  "ticket.on_hold",
  "ticket.resumed",
  "ticket.rescheduled",
  "callback.done",
]);

/** One line of the timeline: when, what, who and from where, and the few facts that say why. */
function timelineItem(v: Viewer, e: TicketFile["events"][number], d: Data, when: (x: Date | null) => string): Html {
  const data = (e.data as Record<string, unknown> | null) ?? {};
  const staff = typeof data.staff === "string" ? data.staff : undefined;
  // who did it: the office member, a staff member acting in chat, the resident in their chat, else the system (dispatch, sweeps)
  const who =
    (typeof data.by === "string" ? data.by : undefined) ??
    d.names.get(e.actor) ??
    (staff && BY_THE_WORKER.has(e.type) ? staff : undefined) ??
    (/^(web|telegram|wechat):/.test(e.actor) && !staff ? say(v, T.resident) : say(v, T.system));
  const facts = [
    staff && !BY_THE_WORKER.has(e.type) ? `→ ${staff}` : "",
    Array.isArray(data.why) ? data.why.join(v.lang === "zh" ? "；" : "; ") : "",
    ...(["reason", "notes", "text", "materials", "comment"] as const).map((f) => (typeof data[f] === "string" ? String(data[f]) : "")),
    typeof data.from === "string" && e.type !== "ticket.dispatched" ? `${say(v, label(V.statuses, data.from))} →` : "",
  ].filter(Boolean);
  const channel = e.channel === "console" ? say(v, T.console) : e.channel ? say(v, V.channels[e.channel] ?? V.otherChannel) : "";
  return html`<li><time datetime="${e.at.toISOString()}">${when(e.at)}</time><strong>${say(v, T.events[e.type] ?? { zh: e.type, en: e.type })}</strong>
  <span class="muted">${say(v, T.by, { who })}${channel ? ` · ${say(v, T.via, { channel })}` : ""}</span>
  ${facts.length ? html`<div>${facts.join(" · ")}</div>` : ""}
  ${e.type === "human.filed" && typeof data.handoffId === "string" ? html`<div><a href="/console/conversations/${data.handoffId}">${say(v, T.conversations.open, { n: String(data.handoff ?? "") })}</a></div>` : ""}</li>`;
}

function callbacks(v: Viewer, d: Data, when: (x: Date | null) => string): Html {
  const k = T.ticket;
  if (!d.t.callbacks.length) return html``;
  return html`<section class="card" aria-labelledby="h-callbacks"><h2 id="h-callbacks">${say(v, k.callbacks)}</h2><ul>
${d.t.callbacks.map(
  (c) =>
    html`<li>${when(c.dueAt)} · ${c.steward?.name ?? "—"} · ${say(v, T.callbackStatus[c.status] ?? { zh: c.status, en: c.status })}${c.satisfaction ? ` · ${c.satisfaction}` : ""}${c.timeliness ? ` · ${c.timeliness}` : ""}${c.method ? ` · ${c.method}` : ""}${c.comment ? ` · ${c.comment}` : ""}${
      c.residentRating ? html`<br>${say(v, k.rating)}：${c.residentRating}${c.residentComment ? `（${c.residentComment}）` : ""}` : ""
    }</li>`,
)}</ul></section>`;
}

function actions(v: Viewer, d: Data): Html {
  const k = T.ticket;
  const { t } = d;
  const p = v.principal;
  const hidden = html`<input type="hidden" name="_csrf" value="${v.csrf}">`;
  const forms: Html[] = [];
  if (can(p, "tickets.dispatch", t.propertyId) && nextStatuses(t.status as TicketStatus).includes("dispatched")) {
    const building = t.building;
    const workers = d.workers
      .filter((w) => w.roles.includes("technician") || w.roles.includes("supervisor"))
      .map((w) => ({
        w,
        fits: (!d.skills.length || w.skills.some((s) => d.skills.includes(s))) && (!building || !w.buildings.length || w.buildings.includes(building)),
        duty: onDuty(w.roster, d.now, d.policy.timezone),
      }))
      .sort((a, b) => Number(b.fits) - Number(a.fits) || Number(b.duty) - Number(a.duty) || a.w.openLoad - b.w.openLoad);
    forms.push(html`<form method="post" action="/console/tickets/${t.number}/assign" class="card">${hidden}
<h2>${say(v, k.assign)}</h2>
<label for="a-worker">${say(v, k.worker)}</label>
<select id="a-worker" name="staffId" required>${workers.map(
      ({ w, fits, duty }) =>
        html`<option value="${w.id}">${w.name} · ${say(v, k.load, { n: w.openLoad })} · ${say(v, duty ? k.onDuty : k.offDuty)}${fits ? ` · ${say(v, k.fits)}` : ""}</option>`,
    )}</select>
<button class="primary" type="submit">${say(v, k.doAssign)}</button></form>`);
  }
  if (can(p, "tickets.dispatch", t.propertyId) && t.quoteStatus === "requested")
    forms.push(html`<form method="post" action="/console/tickets/${t.number}/quote" class="card">${hidden}
<h2>${say(v, k.quote)}</h2>
<label for="q-price">${say(v, k.price)}</label><input id="q-price" name="price" type="number" min="1" max="99999" step="1" required inputmode="numeric">
<label for="q-note">${say(v, k.covers)}</label><input id="q-note" name="note" maxlength="200">
<button class="primary" type="submit">${say(v, k.doQuote)}</button></form>`);
  const moves = nextStatuses(t.status as TicketStatus).filter(
    (s) => s !== "dispatched" && (s === "received" ? can(p, "tickets.dispatch", t.propertyId) : can(p, "tickets.change", t.propertyId)),
  );
  if (moves.length)
    forms.push(html`<form method="post" action="/console/tickets/${t.number}/transition" class="card">${hidden}
<h2>${say(v, k.change)}</h2>
<label for="c-to">${say(v, k.to)}</label>
<select id="c-to" name="to">${moves.map((s) => html`<option value="${s}">${say(v, label(V.statuses, s))}</option>`)}</select>
<label for="c-reason">${say(v, k.reason)}</label><input id="c-reason" name="reason" maxlength="200">
<button class="primary" type="submit">${say(v, k.doChange)}</button></form>`);
  if (can(p, "callbacks", t.propertyId) && t.callbacks.some((c) => c.status === "pending"))
    forms.push(
      html`<p class="card"><a class="button" href="/console/callbacks#cb-${t.callbacks.find((c) => c.status === "pending")!.id}">${say(v, T.callbacks.record)}</a></p>`,
    );
  if (can(p, "tickets.note", t.propertyId))
    forms.push(html`<form method="post" action="/console/tickets/${t.number}/note" class="card">${hidden}
<label for="n-text">${say(v, k.note)}</label><textarea id="n-text" name="text" maxlength="2000" required></textarea>
<button class="secondary" type="submit">${say(v, k.doNote)}</button></form>`);
  return forms.length ? html`${forms}` : html`<p class="card muted">${say(v, k.noActions)}</p>`;
}
