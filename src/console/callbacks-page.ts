import { consoleTexts as T } from "../../conversations/console-texts.js";
import type { CallbackWords } from "../core/callbacks/callback-desk.js";
import { formatWhen } from "../core/policy/zoned.js";
import type { DueCallback } from "../db/callback-list.js";
import { html, type Html } from "./html.js";
import { say, type Viewer } from "./layout.js";

/** 回访: what is due, the resident's phone to call, and the result's form beside each. */
export function callbacksView(v: Viewer, d: { list: DueCallback[]; mine: boolean; now: Date; tzOf(propertyId: string): string; words: CallbackWords }): Html {
  const k = T.callbacks;
  const choices = (name: string, label: string, items: readonly string[], id: string) =>
    html`<fieldset><legend>${label}</legend>${items.map(
      (x, i) =>
        html`<label style="display:inline-block;margin-right:1rem"><input type="radio" name="${name}" value="${i}" required style="width:auto" id="${id}-${name}-${i}"> ${x}</label>`,
    )}</fieldset>`;
  return html`<h1>${say(v, d.mine ? k.mine : k.all)}</h1>
${
  d.list.length
    ? d.list.map((c) => {
        const tz = d.tzOf(c.propertyId);
        const late = c.dueAt <= d.now;
        const phone = c.phone?.replace(/^\+86/, "");
        return html`<section class="card" aria-labelledby="cb-${c.id}">
<h2 id="cb-${c.id}"><a href="/console/tickets/${c.number}">${c.number}</a> ${c.place ?? ""} ${c.kind === "second" ? html`<span class="tag">${say(v, k.second)}</span>` : ""}</h2>
<p>${c.description}</p>
<p class="muted">${c.completedAt ? say(v, k.completed, { when: formatWhen(c.completedAt, tz, v.lang), who: c.assignee ?? "—" }) : ""}${c.steward ? ` · ${c.steward}` : ""}</p>
<p>${say(v, k.due)}：<span class="due${late ? " late" : ""}">${formatWhen(c.dueAt, tz, v.lang)}${late ? ` · ${say(v, k.overdue)}` : ""}</span>
${phone ? html` · <a href="tel:${phone}">${say(v, k.call, { phone })}</a>` : ""}</p>
<form method="post" action="/console/callbacks/${c.id}" style="display:grid;gap:.5rem">
<input type="hidden" name="_csrf" value="${v.csrf}">
${choices("satisfaction", say(v, k.satisfaction), d.words.satisfaction, c.id)}
${choices("timeliness", say(v, k.timeliness), d.words.timeliness, c.id)}
${choices(
  "method",
  say(v, k.method),
  d.words.method.map((m) => m.label),
  c.id,
)}
<div><label for="${c.id}-comment">${say(v, k.comment)}</label><input id="${c.id}-comment" name="comment" maxlength="500"></div>
<div><button class="primary" type="submit">${say(v, k.record)}</button></div>
</form></section>`;
      })
    : html`<p class="card">${say(v, k.none)}</p>`
}`;
}
