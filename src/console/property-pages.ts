import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Send, View } from "./deps.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseDocument, stringify } from "yaml";
import { consoleTexts as T } from "../../conversations/console-texts.js";
import { can, inScope } from "../core/access/access.js";
import type { Policy } from "../core/policy/policy.js";
import { parsePolicyText } from "../db/policy-files.js";
import type { PropertyDirectory, PropertyRecords } from "../db/properties.js";
import { savePolicy } from "../http/properties.js";
import { html, type Html } from "./html.js";
import { page, say, type Viewer } from "./layout.js";

const duration = (d: { minutes: number; working?: boolean } | undefined) =>
  !d
    ? "—"
    : d.minutes % 1440 === 0
      ? `${d.minutes / 1440}${d.working ? " 个工作日" : " 天"}`
      : d.minutes % 60 === 0
        ? `${d.minutes / 60} 小时`
        : `${d.minutes} 分钟`;

/** A policy as people read it: hours, calendar, buildings, deadlines, the escalation chain, the answered questions. */
function summary(v: Viewer, id: string, name: string, p: Policy): Html {
  const k = T.properties;
  const roles = T.staff.roleNames;
  return html`<section class="card" aria-labelledby="p-${id}"><h2 id="p-${id}">${name} <span class="muted">${id}</span>
${can(v.principal, "properties.edit", id) ? html` <a href="/console/properties/${id}">${say(v, k.edit)}</a>` : ""}</h2>
<dl class="fields">
<dt>${say(v, k.zone)}</dt><dd>${p.timezone}</dd>
<dt>${say(v, k.serviceHours)}</dt><dd>${p.serviceHours.start}–${p.serviceHours.end}</dd>
<dt>${say(v, k.officeHours)}</dt><dd>${p.officeHours.start}–${p.officeHours.end}</dd>
<dt>${say(v, k.holidays)}</dt><dd>${p.holidays.length ? p.holidays.join("、") : "—"}</dd>
<dt>${say(v, k.buildings)}</dt><dd>${p.buildings?.length ? p.buildings.map((b) => b.name).join("、") : say(v, k.anyBuilding)}</dd>
<dt>${say(v, k.deadlines)}</dt><dd>${Object.entries(p.deadlines)
    .map(([step, d]) => `${step} ${duration(d as { minutes: number; working?: boolean })}`)
    .join(" · ")}</dd>
<dt>${say(v, k.chain)}</dt><dd>${p.escalation.chain.map((r) => say(v, roles[r] ?? { zh: r, en: r })).join(" → ")}（${say(v, k.every, { every: duration(p.escalation.every) })}）</dd>
</dl>
<h3>${say(v, k.faq)}</h3>
${p.faq.length ? html`<dl class="fields">${p.faq.map((f) => html`<dt>${f.keywords.join("、")}${f.asks ? ` (${f.asks})` : ""}</dt><dd>${f.answer}</dd>`)}</dl>` : html`<p class="muted">—</p>`}
</section>`;
}

/** 物业项目: each policy shown readably; edited as its YAML file, refused with the validator's error at its line. */
export function propertyPages(app: FastifyInstance, deps: { properties: PropertyDirectory; records: PropertyRecords; dir: string }, view: View, send: Send) {
  const fileText = (id: string) => {
    const file = join(deps.dir, `${id}.yaml`);
    if (existsSync(file)) return readFileSync(file, "utf8");
    const p = deps.properties.get(id);
    return stringify({ name: p.name, policy: p.policy });
  };
  const faqText = (text: string) => {
    try {
      const faq = (parseDocument(text).toJS() as { policy?: { faq?: unknown } } | null)?.policy?.faq;
      return faq ? stringify(faq) : "";
    } catch {
      return ""; // a file broken by hand: its questions are edited in the whole file
    }
  };

  app.get<{ Querystring: { ok?: string } }>("/console/properties", async (req, reply) => {
    const v = view(req, reply, "properties.read");
    if (!v) return reply;
    const mine = deps.properties.list().filter((p) => inScope(v.principal, p.id));
    const body = html`<h1>${say(v, T.properties.title)}</h1>${mine.map((p) => summary(v, p.id, p.name, p.policy))}`;
    return send(
      reply,
      page(v, { title: say(v, T.properties.title), current: "properties", body, ...(req.query.ok ? { flash: { ok: say(v, T.properties.saved) } } : {}) }),
    );
  });

  const editor = (v: Viewer, id: string, text: string, faq: string, error?: { line: number; message: string; which: "yaml" | "faq" }) => {
    const k = T.properties;
    const lines = (error?.which === "faq" ? faq : text).split("\n");
    const around = error ? lines.map((l, i) => ({ n: i + 1, l })).filter((x) => Math.abs(x.n - error.line) <= 3) : [];
    return html`<h1>${deps.properties.get(id).name}</h1>
${
  error
    ? html`<div class="flash error" role="alert" id="policy-error"><p>${say(v, k.errorAt, { line: error.line, message: error.message })}</p>
<pre style="margin:0;overflow:auto">${around.map((x) => html`<span${x.n === error.line ? html` class="bad-line" style="background:#fed7d7;font-weight:700"` : ""}>${String(x.n).padStart(4)}  ${x.l}</span>\n`)}</pre></div>`
    : ""
}
<form method="post" action="/console/properties/${id}" class="card" style="display:grid;gap:.5rem">
<input type="hidden" name="_csrf" value="${v.csrf}">
<label for="yaml">${say(v, k.yaml, { id })}</label>
<textarea id="yaml" name="yaml" spellcheck="false" style="min-height:28rem;font-family:monospace">${text}</textarea>
<div><button class="primary" type="submit">${say(v, k.save)}</button></div>
</form>
<form method="post" action="/console/properties/${id}/faq" class="card" style="display:grid;gap:.5rem">
<input type="hidden" name="_csrf" value="${v.csrf}">
<label for="faq">${say(v, k.faqYaml)}</label>
<textarea id="faq" name="faq" spellcheck="false" style="min-height:16rem;font-family:monospace">${faq}</textarea>
<div><button class="primary" type="submit">${say(v, k.save)}</button></div>
</form>`;
  };

  const editable = (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Viewer | undefined => {
    const v = view(req, reply, "properties.edit");
    if (!v) return undefined;
    if (!deps.properties.has(req.params.id) || !can(v.principal, "properties.edit", req.params.id)) {
      void reply
        .code(404)
        .type("text/html; charset=utf-8")
        .send(page(v, { title: say(v, T.notFound), body: html`<p class="card">${say(v, T.notFound)}</p>` }));
      return undefined;
    }
    return v;
  };

  app.get<{ Params: { id: string } }>("/console/properties/:id", async (req, reply) => {
    const v = editable(req, reply);
    if (!v) return reply;
    const text = fileText(req.params.id);
    return send(reply, page(v, { title: say(v, T.properties.title), current: "properties", body: editor(v, req.params.id, text, faqText(text)) }));
  });

  /** Checks the whole file as the reload does; saved only when valid (the typed text is kept either way). */
  const check = async (v: Viewer, reply: FastifyReply, id: string, text: string, faq: string, which: "yaml" | "faq", offset = 0) => {
    const r = parsePolicyText(id, `${id}.yaml`, text);
    if (!r.ok) {
      const m = /^[^:]+:(\d+): (.*)$/.exec(r.error);
      const line = Math.max(1, Number(m?.[1] ?? 1) - offset);
      const body = editor(v, id, which === "faq" ? fileText(id) : text, faq, { line, message: m?.[2] ?? r.error, which });
      return send(reply, page(v, { title: say(v, T.properties.title), current: "properties", body }), 422);
    }
    await savePolicy(deps, id, text, r);
    return reply.redirect("/console/properties?ok=1", 303);
  };

  app.post<{ Params: { id: string }; Body: { yaml?: string } }>("/console/properties/:id", async (req, reply) => {
    const v = editable(req, reply);
    if (!v) return reply;
    const text = String(req.body?.yaml ?? "").replace(/\r\n/g, "\n");
    return check(v, reply, req.params.id, text, faqText(fileText(req.params.id)), "yaml");
  });

  app.post<{ Params: { id: string }; Body: { faq?: string } }>("/console/properties/:id/faq", async (req, reply) => {
    const v = editable(req, reply);
    if (!v) return reply;
    const faq = String(req.body?.faq ?? "").replace(/\r\n/g, "\n");
    const doc = parseDocument(fileText(req.params.id));
    const list = parseDocument(faq);
    if (list.errors.length) {
      const e = list.errors[0]!;
      const line = faq.slice(0, e.pos[0]).split("\n").length;
      const body = editor(v, req.params.id, fileText(req.params.id), faq, { line, message: e.message.split("\n")[0]!, which: "faq" });
      return send(reply, page(v, { title: say(v, T.properties.title), current: "properties", body }), 422);
    }
    // the questions replace the file's faq; the rest of the file (and its comments) stays
    doc.setIn(["policy", "faq"], list.toJS() ?? []);
    const text = doc.toString();
    const at = text.split("\n").findIndex((l) => /^\s*faq:/.test(l));
    return check(v, reply, req.params.id, text, faq, "faq", at + 1);
  });
}
