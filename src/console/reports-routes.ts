import type { FastifyInstance } from "fastify";
import { consoleTexts as T } from "../../conversations/console-texts.js";
import { can, inScope, propertyFilter } from "../core/access/access.js";
import { storedReportQuery } from "../http/reports.js";
import type { ConsoleDeps, Send, View } from "./deps.js";
import { html } from "./html.js";
import { page, say } from "./layout.js";
import { reportsView, reportView } from "./reports-page.js";

const PAGE = 30;

/** 报表: the stored daily follow-ups and monthly reports of the properties one may see, to list and read again. */
export function reportPages(app: FastifyInstance, deps: ConsoleDeps, view: View, send: Send) {
  const mine = (v: NonNullable<ReturnType<View>>) =>
    deps.properties
      .list()
      .filter((p) => inScope(v.principal, p.id))
      .map((p) => ({ id: p.id, name: p.name, zone: p.policy.timezone }));

  app.get<{ Querystring: Record<string, string> }>("/console/reports", async (req, reply) => {
    const v = view(req, reply, "statistics");
    if (!v) return reply;
    const title = say(v, T.reports.title);
    const q = storedReportQuery.safeParse(Object.fromEntries(Object.entries(req.query).filter(([, x]) => x !== "")));
    if (!q.success) {
      const error = q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      return send(reply, page(v, { title, current: "reports", body: html`<h1>${title}</h1>`, flash: { error } }), 400);
    }
    const properties = mine(v);
    if (q.data.property && !properties.some((p) => p.id === q.data.property))
      return send(reply, page(v, { title, current: "reports", body: html`<h1>${title}</h1>`, flash: { error: say(v, T.notFound) } }), 404);
    const rows = await deps.reports.list({ ...q.data, properties: propertyFilter(v.principal, q.data.property), limit: PAGE + 1 });
    const body = reportsView(v, { rows: rows.slice(0, PAGE), more: rows.length > PAGE, q: q.data, properties });
    return send(reply, page(v, { title, current: "reports", body }));
  });

  app.get<{ Params: { property: string; kind: string; period: string } }>("/console/reports/:property/:kind/:period", async (req, reply) => {
    const v = view(req, reply, "statistics");
    if (!v) return reply;
    const { property, kind, period } = req.params;
    const p = mine(v).find((x) => x.id === property);
    const r = p && can(v.principal, "statistics", property) ? await deps.reports.one(property, kind, period) : undefined;
    if (!p || !r) {
      const title = say(v, T.reports.title);
      return send(reply, page(v, { title, current: "reports", body: html`<h1>${title}</h1>`, flash: { error: say(v, T.notFound) } }), 404);
    }
    return send(reply, page(v, { title: `${say(v, T.reports.kinds[r.kind])} ${r.period}`, current: "reports", body: reportView(v, r, p) }));
  });
}
