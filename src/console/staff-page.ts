import { consoleTexts as T } from "../../conversations/console-texts.js";
import { vocabulary as V } from "../../conversations/vocabulary.js";
import { can } from "../core/access/access.js";
import { onDuty } from "../core/dispatch/roster.js";
import type { StaffRecord } from "../core/staff/staff-admin.js";
import { ROLES } from "../core/ticket/domain.js";
import { html, type Html } from "./html.js";
import { say, type Viewer } from "./layout.js";
import { DAYS, rosterFields } from "./staff-form.js";

interface Data {
  staff: StaffRecord[];
  now: Date;
  tzOf(propertyId: string): string;
  properties: { id: string; name: string }[];
}

/** 人员与排班: who works here, their roles, skills, buildings, superior, phone, chat accounts, and who is on duty now. */
export function staffListView(v: Viewer, d: Data & { bind?: { name: string; code: string; until: string; link?: string } }): Html {
  const k = T.staff;
  const manage = can(v.principal, "staff.manage");
  const names = new Map(d.staff.map((s) => [s.id, s.name]));
  return html`<h1>${say(v, k.title)}</h1>
${
  d.bind
    ? html`<div class="flash ok" role="status"><strong>${d.bind.name}</strong>：${say(v, k.bindHow, { code: d.bind.code, until: d.bind.until })}${d.bind.link ? html`<br>${say(v, k.deepLink, { link: "" })}<a href="${d.bind.link}">${d.bind.link}</a>` : ""}</div>`
    : ""
}
<table class="board"><thead><tr><th>${say(v, k.name)}</th><th>${say(v, k.roles)}</th><th>${say(v, k.work)}</th><th>${say(v, k.superior)}</th><th>${say(v, k.onDutyNow)}</th><th></th></tr></thead><tbody>
${d.staff.map((s) => {
  const duty = s.active && onDuty(s.roster, d.now, d.tzOf(s.propertyId));
  return html`<tr data-staff="${s.id}">
<td data-label="${say(v, k.name)}"><strong>${s.name}</strong>${s.active ? "" : html` <span class="tag">${say(v, k.inactive)}</span>`}${s.login ? html`<br><span class="muted">${s.login}</span>` : ""}</td>
<td data-label="${say(v, k.roles)}">${s.roles.map((r) => say(v, k.roleNames[r] ?? { zh: r, en: r })).join("、")}</td>
<td data-label="${say(v, k.work)}">${s.skills.join(", ") || "—"} · ${s.buildings.length ? s.buildings.map((b) => say(v, k.building, { b })).join(" ") : say(v, k.allBuildings)}${s.phone ? html`<br>☎ ${s.phone}` : ""}<br><span class="muted">${s.channels.length ? `${say(v, k.channels)} ${s.channels.map((c) => say(v, V.channels[c.channel] ?? V.otherChannel)).join("、")}` : say(v, k.unbound)}</span></td>
<td data-label="${say(v, k.superior)}">${s.superiorId ? (names.get(s.superiorId) ?? "—") : "—"}</td>
<td data-label="${say(v, k.onDutyNow)}"><span class="tag${duty ? "" : " u1"}">${say(v, duty ? k.onDutyNow : k.offDutyNow)}</span></td>
<td>${
    manage
      ? html`<a href="/console/staff/${s.id}">${say(v, k.edit)}</a>
<form method="post" action="/console/staff/${s.id}/bind-code" style="display:inline"><input type="hidden" name="_csrf" value="${v.csrf}"><button class="secondary" type="submit">${say(v, k.bindCode)}</button></form>`
      : ""
  }</td></tr>`;
})}
</tbody></table>
${manage ? html`<h2>${say(v, k.create)}</h2>${staffForm(v, d, undefined, {}, {})}` : ""}`;
}

/** The create / edit form; every field labelled, the API's error shown above it. */
export function staffForm(v: Viewer, d: Data, s: StaffRecord | undefined, typed: Record<string, unknown>, errors: { message?: string }): Html {
  const k = T.staff;
  const value = (name: string, from: unknown) => (typed[name] !== undefined ? String(typed[name]) : String(from ?? ""));
  const roster = rosterFields(s?.roster ?? null);
  const input = (name: string, label: string, from: unknown, attrs: Html = html``) =>
    html`<div><label for="s-${name}">${label}</label><input id="s-${name}" name="${name}" value="${value(name, from)}" ${attrs}></div>`;
  const roles = (typed.roles as string[] | undefined) ?? s?.roles ?? [];
  const also = (typed.alsoProperties as string[] | undefined) ?? s?.alsoProperties ?? [];
  return html`<form method="post" action="${s ? `/console/staff/${s.id}` : "/console/staff"}" class="card" style="display:grid;gap:.6rem;max-width:760px">
${errors.message ? html`<p class="flash error" role="alert">${errors.message}</p>` : ""}
<input type="hidden" name="_csrf" value="${v.csrf}">
${input("name", say(v, k.name), s?.name, html`required maxlength="40"`)}
<fieldset><legend>${say(v, k.roles)}</legend>${ROLES.filter((r) => r !== "admin" || v.principal.roles.includes("admin")).map(
    (r) =>
      html`<label style="display:inline-block;margin-right:1rem"><input type="checkbox" name="roles" value="${r}" style="width:auto"${roles.includes(r) ? html` checked` : ""}> ${say(v, k.roleNames[r]!)}</label>`,
  )}</fieldset>
${input("skills", say(v, k.skills), s?.skills.join(", "))}
${input("buildings", say(v, k.buildings), s?.buildings.join(", "))}
<div><label for="s-superiorId">${say(v, k.superior)}</label><select id="s-superiorId" name="superiorId"><option value="">${say(v, k.none)}</option>${d.staff
    .filter((x) => x.id !== s?.id && x.active)
    .map((x) => html`<option value="${x.id}"${value("superiorId", s?.superiorId) === x.id ? html` selected` : ""}>${x.name}</option>`)}</select></div>
${input("phone", say(v, k.phone), s?.phone, html`inputmode="tel"`)}
<div><label for="s-lang">${say(v, k.lang)}</label><select id="s-lang" name="lang"><option value="zh">中文</option><option value="en"${value("lang", s?.lang) === "en" ? html` selected` : ""}>English</option></select></div>
${d.properties.length > 1 ? html`<fieldset><legend>${say(v, k.also)}</legend>${d.properties.map((p) => html`<label style="display:inline-block;margin-right:1rem"><input type="checkbox" name="alsoProperties" value="${p.id}" style="width:auto"${also.includes(p.id) ? html` checked` : ""}> ${p.name}</label>`)}</fieldset>` : ""}
${input("login", say(v, k.login), s?.login, html`autocomplete="off"`)}
${input("password", say(v, k.password), "", html`type="password" autocomplete="new-password"`)}
<fieldset><legend>${say(v, k.roster)}</legend>${DAYS.map((day) => input(`roster_${day}`, say(v, k.days[day]), roster[`roster_${day}`]))}
${input("roster_off", say(v, k.off), roster.roster_off)}
<div><label for="s-roster_extra">${say(v, k.extra)}</label><textarea id="s-roster_extra" name="roster_extra">${value("roster_extra", roster.roster_extra)}</textarea></div></fieldset>
<div><button class="primary" type="submit">${say(v, k.save)}</button></div>
</form>
${
  s
    ? html`<form method="post" action="/console/staff/${s.id}/${s.active ? "deactivate" : "reactivate"}" class="card"><input type="hidden" name="_csrf" value="${v.csrf}"><button class="secondary" type="submit">${say(v, s.active ? k.deactivate : k.reactivate)}</button></form>`
    : ""
}`;
}
