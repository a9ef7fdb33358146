import type { FastifyInstance } from "fastify";
import { consoleTexts as T } from "../../conversations/console-texts.js";
import { can, propertyFilter, seesFullPhones } from "../core/access/access.js";
import type { Handoff } from "../core/handoff/handoff.js";
import { residentLine } from "../core/handoff/who.js";
import type { ChannelName } from "../core/ticket/domain.js";
import { fill } from "../core/conversation/text.js";
import { threadOf } from "../core/conversation/thread.js";
import type { ConsoleDeps, Send, View } from "./deps.js";
import { html } from "./html.js";
import { page, say, type Viewer } from "./layout.js";
import { conversationsView, conversationView, transcriptView, type Line } from "./conversations-page.js";

/** 转人工 in the console: the waiting list (a badge in the nav), each conversation's transcript, 接入, answer, 结束. */
export function conversationPages(app: FastifyInstance, deps: ConsoleDeps, view: View, send: Send) {
  const k = T.conversations;
  const h = deps.handoffs;
  const row = async (v: Viewer, x: Handoff) => ({
    h: x,
    who: residentLine(h.texts, x.residentKey, await h.residentOf(x.residentKey), v.lang, seesFullPhones(v.principal)),
    zone: deps.properties.get(x.propertyId).policy.timezone,
  });
  /** the conversation, if the viewer may see it (that property's office only) */
  const readable = async (v: Viewer, id: string) => {
    const x = await h.store.byId(id.slice(0, 64));
    return x && can(v.principal, "conversations", x.propertyId) ? x : undefined;
  };
  const lines = async (x: Handoff): Promise<Line[]> => {
    const [channel, ...rest] = x.residentKey.split(":");
    return threadOf(await h.history.recent(channel as ChannelName, rest.join(":")))
      .map((l) => ({ from: l.from === "resident" ? ("resident" as const) : ("out" as const), text: l.reply.text, at: l.at }))
      .slice(-50);
  };
  const notFound = (reply: Parameters<Send>[0], v: Viewer) =>
    send(reply, page(v, { title: say(v, k.title), current: "conversations", body: html`<p class="card">${say(v, T.notFound)}</p>` }), 404);

  app.get<{ Querystring: { ok?: string; error?: string } }>("/console/conversations", async (req, reply) => {
    const v = view(req, reply, "conversations");
    if (!v) return reply;
    const now = deps.clock.now();
    const list = await h.store.list(propertyFilter(v.principal), new Date(now.getTime() - 24 * 3_600_000));
    const rows = await Promise.all(list.map((x) => row(v, x)));
    const flash = { ...(req.query.ok ? { ok: req.query.ok.slice(0, 300) } : {}), ...(req.query.error ? { error: req.query.error.slice(0, 300) } : {}) };
    return send(reply, page(v, { title: say(v, k.title), current: "conversations", body: conversationsView(v, { rows, now }), flash }));
  });

  // the nav's badge: how many wait for a person now
  app.get("/console/conversations/waiting", async (req, reply) => {
    const v = view(req, reply, "conversations");
    if (!v) return reply;
    const list = await h.store.list(propertyFilter(v.principal), deps.clock.now());
    return reply.header("cache-control", "no-store").send({ waiting: list.filter((x) => x.status === "waiting").length });
  });

  app.get<{ Params: { id: string }; Querystring: { ok?: string; error?: string } }>("/console/conversations/:id", async (req, reply) => {
    const v = view(req, reply, "conversations");
    if (!v) return reply;
    const x = await readable(v, req.params.id);
    if (!x) return notFound(reply, v);
    const flash = { ...(req.query.ok ? { ok: req.query.ok.slice(0, 300) } : {}), ...(req.query.error ? { error: req.query.error.slice(0, 300) } : {}) };
    const files = (await h.store.files(x)).map((f, i) => ({
      kind: f.kind,
      href: /^https?:/.test(f.ref) ? f.ref : `/console/conversations/${x.id}/files/${i}`,
    }));
    const body = conversationView(v, { row: await row(v, x), lines: await lines(x), files, mine: x.stewardId !== null && x.stewardId === v.principal.staffId });
    return send(reply, page(v, { title: `#${x.seq} ${say(v, k.title)}`, current: "conversations", body, flash }));
  });

  // a photo or voice note the resident sent, fetched through the channel it came by
  app.get<{ Params: { id: string; index: string } }>("/console/conversations/:id/files/:index", async (req, reply) => {
    const v = view(req, reply, "conversations");
    if (!v) return reply;
    const x = await readable(v, req.params.id);
    const f = x ? (await h.store.files(x))[Number(req.params.index)] : undefined;
    const file = x && f ? await deps.attachment(x.residentKey.split(":")[0] as ChannelName, f.ref) : undefined;
    if (!file) return notFound(reply, v);
    return reply.type(file.type).header("cache-control", "private, max-age=3600").send(file.body);
  });

  app.get<{ Params: { id: string } }>("/console/conversations/:id/transcript", async (req, reply) => {
    const v = view(req, reply, "conversations");
    if (!v) return reply;
    const x = await readable(v, req.params.id);
    if (!x) return notFound(reply, v);
    return send(reply, transcriptView(v, await lines(x), deps.properties.get(x.propertyId).policy.timezone).value);
  });

  /** a step through the same HandoffOffice chat uses, written with its messages in one transaction */
  const step = (path: "take" | "say" | "end") =>
    app.post<{ Params: { id: string }; Body: Record<string, string> }>(`/console/conversations/:id/${path}`, async (req, reply) => {
      const v = view(req, reply, "conversations");
      if (!v) return reply;
      const x = await readable(v, req.params.id);
      if (!x) return notFound(reply, v);
      const to = `/console/conversations/${x.id}`;
      const now = deps.clock.now();
      const as = { id: v.principal.staffId ?? "", name: v.principal.name, lang: v.lang };
      const text = String(req.body?.text ?? "").trim();
      if (path === "say" && !text) return reply.redirect(`${to}?${new URLSearchParams({ error: say(v, k.empty) })}`, 303);
      const s =
        path === "take"
          ? await h.office.take(as, x, now)
          : path === "say"
            ? await h.office.say(as, x, text.slice(0, 1000), now)
            : await h.office.end(as, x, now);
      if (!s.handoffs.length && !s.outbox.length) return reply.redirect(`${to}?${new URLSearchParams({ error: fill(s.note.text[v.lang], s.note.vars) })}`, 303);
      try {
        await h.write(s, `staff:${as.id}`, now);
      } catch {
        // taken or ended meanwhile: the page shows how it stands now
        return reply.redirect(to, 303);
      }
      const ok = s.note.text.zh ? fill(s.note.text[v.lang], s.note.vars) : "";
      return reply.redirect(ok ? `${to}?${new URLSearchParams({ ok })}` : to, 303);
    });
  step("take");
  step("say");
  step("end");
}
