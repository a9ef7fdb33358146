import { consoleTexts as T } from "../../conversations/console-texts.js";
import { vocabulary as V } from "../../conversations/vocabulary.js";
import type { Classification } from "../core/ticket/classify.js";
import { html, type Html } from "./html.js";
import { say, type Viewer } from "./layout.js";

export interface DeskForm {
  property?: string;
  channel?: string;
  words?: string;
  place?: string;
  phone?: string;
  description?: string;
  appointment?: string;
  reporterName?: string;
}

/** The front desk's form: every field labelled, a refused one marked with the reason beside it. */
export function frontDeskView(
  v: Viewer,
  d: {
    form: DeskForm;
    errors: Record<string, string>;
    properties: { id: string; name: string }[];
    guessed?: Classification;
    filed?: { number: string; told: string };
  },
): Html {
  const k = T.frontdesk;
  const f = d.form;
  const field = (name: keyof DeskForm, label: string, input: (attrs: Html) => Html, hint?: string) => {
    const err = d.errors[name === "place" ? "place" : name];
    const attrs = html`id="d-${name}" name="${name}"${err ? html` aria-invalid="true" aria-describedby="e-${name}"` : ""}`;
    return html`<div><label for="d-${name}">${label}</label>${input(attrs)}${hint ? html`<span class="muted">${hint}</span>` : ""}${err ? html`<p class="flash error" id="e-${name}" role="alert">${err}</p>` : ""}</div>`;
  };
  const text =
    (name: keyof DeskForm, extra: Html = html``) =>
    (attrs: Html) =>
      html`<input ${attrs} value="${f[name] ?? ""}" ${extra}>`;
  return html`<h1>${say(v, k.title)}</h1>
${
  d.filed
    ? html`<section class="card" role="status" aria-labelledby="filed"><h2 id="filed" style="font-size:1.6rem">${say(v, k.filed, { number: d.filed.number })}</h2>
<p>${say(v, k.readOut)}${d.filed.told}</p><p><a class="button" href="/console/tickets/${d.filed.number}">${say(v, k.open)}</a> <a href="/console/frontdesk">${say(v, k.another)}</a></p></section>`
    : ""
}
<p class="muted">${say(v, k.lead)}</p>
<form method="post" action="/console/frontdesk" class="card" style="display:grid;gap:.75rem;max-width:720px">
<input type="hidden" name="_csrf" value="${v.csrf}">
${field("words", say(v, k.words), (a) => html`<textarea ${a}>${f.words ?? ""}</textarea>`)}
<div><button class="secondary" type="submit" name="step" value="read">${say(v, k.read)}</button>
${d.guessed ? html` <span class="muted">${say(v, k.guessed, { what: `${say(v, V.categories[d.guessed.category])} · ${say(v, V.natures[d.guessed.nature])} · ${say(v, V.urgencies[d.guessed.urgency])}` })}</span>` : ""}</div>
${
  d.properties.length > 1
    ? field(
        "property",
        say(v, T.board.property),
        (a) =>
          html`<select ${a}>${d.properties.map((p) => html`<option value="${p.id}"${p.id === f.property ? html` selected` : ""}>${p.name}</option>`)}</select>`,
      )
    : html`<input type="hidden" name="property" value="${d.properties[0]?.id ?? ""}">`
}
<fieldset><legend>${say(v, k.channel)}</legend>
<label><input type="radio" name="channel" value="phone"${f.channel !== "walk-in" ? html` checked` : ""} style="width:auto"> ${say(v, k.phoneCall)}</label>
<label><input type="radio" name="channel" value="walk-in"${f.channel === "walk-in" ? html` checked` : ""} style="width:auto"> ${say(v, k.walkIn)}</label>
</fieldset>
${field("place", say(v, k.place), text("place"))}
${field("phone", say(v, k.phone), text("phone", html`inputmode="tel" autocomplete="off"`))}
${field("description", say(v, k.description), (a) => html`<textarea ${a}>${f.description ?? ""}</textarea>`)}
${field("appointment", say(v, k.appointment), text("appointment"), say(v, k.appointmentHint))}
${field("reporterName", say(v, k.name), text("reporterName"))}
<div><button class="primary" type="submit" name="step" value="file">${say(v, k.submit)}</button></div>
</form>`;
}
