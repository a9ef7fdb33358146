import { consoleTexts as T } from "../../conversations/console-texts.js";
import type { Handoff } from "../core/handoff/handoff.js";
import { formatWhen } from "../core/policy/zoned.js";
import { html, type Html } from "./html.js";
import { say, type Viewer } from "./layout.js";

export interface Line {
  from: "resident" | "out";
  text: string;
  at: Date;
}
interface Row {
  h: Handoff;
  who: string;
  zone: string;
}
const minutes = (from: Date, now: Date) => Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));

const takeForm = (v: Viewer, h: Handoff) =>
  html`<form method="post" action="/console/conversations/${h.id}/take" class="inline"><input type="hidden" name="_csrf" value="${v.csrf}"><button class="primary" type="submit">${say(v, T.conversations.take)}</button></form>`;

/** 转人工: who is waiting (oldest first, with how long), who is being answered and by whom, what ended today. */
export function conversationsView(v: Viewer, d: { rows: Row[]; now: Date }): Html {
  const k = T.conversations;
  const waiting = d.rows.filter((r) => r.h.status === "waiting").reverse();
  const talking = d.rows.filter((r) => r.h.status === "talking");
  const ended = d.rows.filter((r) => r.h.status === "ended");
  const item = (r: Row, extra: Html | string) =>
    html`<li data-handoff="${r.h.seq}"><a href="/console/conversations/${r.h.id}">#${r.h.seq} ${r.who}</a> · ${formatWhen(r.h.requestedAt, r.zone, v.lang)} · ${extra}</li>`;
  const section = (title: string, rows: Row[], extra: (r: Row) => Html | string) =>
    html`<section class="card"><h2>${title}（${rows.length}）</h2>${rows.length ? html`<ul class="conversations">${rows.map((r) => item(r, extra(r)))}</ul>` : html`<p class="muted">${say(v, k.none)}</p>`}</section>`;
  return html`<h1>${say(v, k.title)}</h1>
${section(say(v, k.waiting), waiting, (r) => html`<span class="due${r.h.answerDueAt <= d.now ? " late" : ""}">${say(v, k.waited, { minutes: minutes(r.h.requestedAt, d.now) })}</span> ${takeForm(v, r.h)}`)}
${section(say(v, k.talking), talking, (r) => say(v, k.with, { name: r.h.stewardName ?? "" }))}
${section(say(v, k.ended), ended, (r) => (r.h.rating ? say(v, k.rating, { rating: r.h.rating }) : say(v, k.with, { name: r.h.stewardName ?? "—" })))}`;
}

/** the lines of one conversation, oldest first: what the resident wrote, and what reached them (the bot's, the steward's) */
export function transcriptView(v: Viewer, lines: Line[], zone: string): Html {
  const k = T.conversations;
  return html`<ol class="transcript" id="transcript" aria-live="polite">${lines.map(
    (l) =>
      html`<li class="${l.from === "resident" ? "from-resident" : "to-resident"}"><span class="muted">${l.from === "resident" ? say(v, k.resident) : say(v, k.toResident)} · ${formatWhen(l.at, zone, v.lang)}</span><div>${l.text}</div></li>`,
  )}</ol>`;
}

/** One conversation: its transcript (kept fresh by console.js), and what the viewer may do with it. */
export function conversationView(v: Viewer, d: { row: Row; lines: Line[]; files: { kind: string; href: string }[]; mine: boolean }): Html {
  const k = T.conversations;
  const { h } = d.row;
  const state = h.status === "waiting" ? say(v, k.waiting) : h.status === "talking" ? say(v, k.talking) : say(v, k.ended);
  return html`<p><a href="/console/conversations">${say(v, k.back)}</a></p>
<h1>#${h.seq} ${d.row.who} · ${state}</h1>
${h.status === "waiting" ? takeForm(v, h) : ""}
${h.status === "talking" ? html`<p>${d.mine ? say(v, k.mine) : say(v, k.notMine, { name: h.stewardName ?? "" })}</p>` : ""}
${h.rating ? html`<p>${say(v, k.rating, { rating: h.rating })}</p>` : ""}
<section class="card"><h2>${say(v, k.transcript)}</h2>
<div data-refresh="/console/conversations/${h.id}/transcript">${transcriptView(v, d.lines, d.row.zone)}</div>
${d.files.length ? html`<h2>${say(v, k.files)}</h2><div class="photos">${d.files.map((f, i) => (f.kind === "photo" ? html`<a href="${f.href}"><img src="${f.href}" alt="${say(v, k.files)} ${i + 1}"></a>` : html`<a class="tag" href="${f.href}">${f.kind} ${i + 1}</a> `))}</div>` : ""}</section>
${
  h.status === "talking" && d.mine
    ? html`<form method="post" action="/console/conversations/${h.id}/say" class="card">
<input type="hidden" name="_csrf" value="${v.csrf}">
<label for="say">${say(v, k.say)}</label><textarea id="say" name="text" rows="3" maxlength="1000" required></textarea>
<div><button class="primary" type="submit">${say(v, k.send)}</button></div></form>
<form method="post" action="/console/conversations/${h.id}/end"><input type="hidden" name="_csrf" value="${v.csrf}"><button type="submit">${say(v, k.end)}</button></form>`
    : ""
}`;
}
