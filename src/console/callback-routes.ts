import type { FastifyInstance } from "fastify";
import { consoleTexts as T } from "../../conversations/console-texts.js";
import { page, say } from "./layout.js";
import type { ConsoleDeps, Send, View } from "./deps.js";
import { propertyFilter } from "../core/access/access.js";
import { BaoshiError } from "../core/errors.js";
import { callbacksView } from "./callbacks-page.js";

/** 回访 in the console: what is due, and the result recorded through the same change as chat's presses. */
export function callbackPages(app: FastifyInstance, deps: ConsoleDeps, view: View, send: Send) {
  app.get<{ Querystring: { ok?: string; error?: string } }>("/console/callbacks", async (req, reply) => {
    const v = view(req, reply, "callbacks");
    if (!v) return reply;
    // a steward makes their own callbacks; a lead sees every one of their properties
    const mine = v.principal.roles.every((r) => r === "steward" || r === "technician");
    const scope = propertyFilter(v.principal);
    const list = await deps.callbackList.pending({
      ...(scope ? { properties: scope } : {}),
      ...(mine && v.principal.staffId ? { stewardId: v.principal.staffId } : {}),
    });
    const body = callbacksView(v, { list, mine, now: deps.clock.now(), tzOf: (id) => deps.properties.get(id).policy.timezone, words: deps.callbackWords });
    const flash = { ...(req.query.ok ? { ok: req.query.ok.slice(0, 300) } : {}), ...(req.query.error ? { error: req.query.error.slice(0, 300) } : {}) };
    return send(reply, page(v, { title: say(v, T.callbacks.title), current: "callbacks", body, flash }));
  });

  app.post<{ Params: { id: string }; Body: Record<string, string> }>("/console/callbacks/:id", async (req, reply) => {
    const v = view(req, reply, "callbacks");
    if (!v) return reply;
    const b = req.body ?? {};
    const int = (x: unknown) => (x === undefined || x === "" ? Number.NaN : Number(x));
    try {
      const r = await deps.callbackOffice.record(
        v.principal,
        req.params.id,
        { satisfaction: int(b.satisfaction), timeliness: int(b.timeliness), method: int(b.method), ...(b.comment ? { comment: String(b.comment) } : {}) },
        deps.clock.now(),
      );
      return reply.redirect(`/console/callbacks?${new URLSearchParams({ ok: say(v, T.callbacks.recorded, { said: r.said }) })}`, 303);
    } catch (err) {
      if (err instanceof BaoshiError) return reply.redirect(`/console/callbacks?${new URLSearchParams({ error: err.message })}`, 303);
      throw err;
    }
  });
}
