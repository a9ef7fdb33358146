import type { FastifyInstance } from "fastify";
import { consoleTexts as T } from "../../conversations/console-texts.js";
import { inScope } from "../core/access/access.js";
import { PeriodError } from "../core/statistics/stats-office.js";
import { periodQuery } from "../core/statistics/stats-period.js";
import type { ConsoleDeps, Send, View } from "./deps.js";
import { html } from "./html.js";
import { page, say } from "./layout.js";
import { statsView } from "./stats-page.js";

/** 统计: a period's figures against the seeds' targets, charts that open the board, the registers to download. */
export function statsPages(app: FastifyInstance, deps: ConsoleDeps, view: View, send: Send) {
  app.get<{ Querystring: Record<string, string> }>("/console/stats", async (req, reply) => {
    const v = view(req, reply, "statistics");
    if (!v) return reply;
    const title = say(v, T.stats.title);
    const parsed = periodQuery.safeParse(req.query);
    const property = req.query.property ? String(req.query.property).slice(0, 40) : undefined;
    const mine = deps.properties.list().filter((x) => inScope(v.principal, x.id));
    const failed = (message: string, status = 400) =>
      send(reply, page(v, { title, current: "stats", body: html`<h1>${title}</h1>`, flash: { error: message } }), status);
    if (!parsed.success) return failed(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    // another property's figures do not exist for this viewer
    if (property && !mine.some((x) => x.id === property)) return failed(say(v, T.notFound), 404);
    try {
      const s = await deps.stats.read(v.principal, property, parsed.data, deps.clock.now());
      const q = { ...parsed.data, ...(property ? { property } : {}) };
      return send(reply, page(v, { title, current: "stats", body: statsView(v, { s, q, properties: mine }), scripts: ["echarts.min.js", "stats.js"] }));
    } catch (err) {
      if (err instanceof PeriodError) return failed(err.message);
      throw err;
    }
  });
}
