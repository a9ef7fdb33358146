import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { consoleTexts as T } from "../../conversations/console-texts.js";
import { can, inScope, ownOrdersOnly, type Action } from "../core/access/access.js";
import type { ChannelName } from "../core/ticket/domain.js";

import { BaoshiError } from "../core/errors.js";
import type { Lang } from "../core/ticket/domain.js";
import { cookieOf, SESSION_COOKIE } from "../http/auth.js";
import { clearSessionCookie, setSessionCookie } from "../http/session.js";
import { boardFilter, boardQuery, boardResults, boardView, todayStart } from "./board-page.js";
import { html } from "./html.js";
import { bare, page, say, type Viewer } from "./layout.js";
import { loginView } from "./login-page.js";
import { ticketView } from "./ticket-page.js";
import { ForbiddenError, NotFoundError } from "../core/errors.js";
import type { ConsoleDeps } from "./deps.js";
import type { TicketStatus } from "../core/ticket/domain.js";
import { frontDeskPages } from "./front-desk-routes.js";
import { callbackPages } from "./callback-routes.js";
import { statsPages } from "./stats-routes.js";
import { reportPages } from "./reports-routes.js";
import { conversationPages } from "./conversation-routes.js";
import { orderSheetPages } from "./order-sheet-routes.js";

import { staffPages } from "./staff-routes.js";
import { propertyPages } from "./property-pages.js";

const ASSETS: Record<string, { type: string; body: string }> = Object.fromEntries(
  [
    ["console.css", "text/css; charset=utf-8"],
    ["console.js", "text/javascript; charset=utf-8"],
    ["stats.js", "text/javascript; charset=utf-8"],
    ["order-sheet.css", "text/css; charset=utf-8"],
  ].map(([name, type]) => [name, { type: type!, body: readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8") }]),
);
// ECharts from its npm package, served by the service (no CDN)
ASSETS["echarts.min.js"] = {
  type: "text/javascript; charset=utf-8",
  body: readFileSync(createRequire(import.meta.url).resolve("echarts/dist/echarts.min.js"), "utf8"),
};

const LANG_COOKIE = "baoshi_lang";
export const langOf = (req: FastifyRequest, fallback: Lang = "zh"): Lang => {
  const c = cookieOf(req, LANG_COOKIE);
  return c === "en" || c === "zh" ? c : fallback;
};

/** The staff console at /console: server-rendered pages, each checking role and property on the server. */
export function consoleRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  const sendPage = (reply: FastifyReply, body: string, status = 200) =>
    reply.code(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(body);

  /** The viewer, or the answer instead: the sign-in page for nobody, 403 for a role without this view. */
  const viewer = (req: FastifyRequest, reply: FastifyReply, action: Action): Viewer | undefined => {
    const p = req.principal;
    if (!p) {
      void reply.redirect(`/console/login?next=${encodeURIComponent(req.url)}`, 303);
      return undefined;
    }
    const v: Viewer = { principal: p, csrf: req.csrf ?? "", lang: langOf(req, p.lang) };
    if (!can(p, action)) {
      void sendPage(reply, page(v, { title: say(v, T.forbidden), body: html`<p class="card">${say(v, T.forbidden)}</p>` }), 403);
      return undefined;
    }
    return v;
  };
  const notFound = (reply: FastifyReply, v: Viewer) =>
    sendPage(reply, page(v, { title: say(v, T.notFound), body: html`<p class="card">${say(v, T.notFound)}</p>` }), 404);
  const back = (reply: FastifyReply, to: string, flash: { ok?: string; error?: string }) => {
    const q = new URLSearchParams(flash as Record<string, string>);
    return reply.redirect(`${to}?${q}`, 303);
  };

  app.get<{ Params: { file: string } }>("/console/assets/:file", async (req, reply) => {
    const a = ASSETS[req.params.file];
    if (!a) return reply.code(404).send("not found");
    return reply.type(a.type).header("cache-control", "public, max-age=300").send(a.body);
  });

  app.get<{ Querystring: { to?: string; back?: string } }>("/console/lang", async (req, reply) => {
    const to = req.query.to === "en" ? "en" : "zh";
    reply.header("set-cookie", `${LANG_COOKIE}=${to}; Path=/; SameSite=Lax; Max-Age=31536000`);
    const ref = req.headers.referer;
    const target = ref && new URL(ref).pathname.startsWith("/console") ? new URL(ref).pathname + new URL(ref).search : "/console";
    return reply.redirect(target, 303);
  });

  // ---- signing in
  app.get<{ Querystring: { next?: string } }>("/console/login", async (req, reply) => {
    if (req.principal) return reply.redirect("/console", 303);
    return sendPage(reply, loginView(langOf(req), { next: req.query.next }));
  });

  app.post<{ Body: { login?: string; password?: string; next?: string } }>("/console/login", async (req, reply) => {
    const lang = langOf(req);
    const login = String(req.body?.login ?? "").slice(0, 60);
    const now = deps.clock.now();
    const s = await deps.signIn.withPassword(login, String(req.body?.password ?? "").slice(0, 200), req.ip, now);
    if (typeof s === "string") return sendPage(reply, loginView(lang, { next: req.body?.next, login, error: T.login[s][lang] }), s === "limited" ? 429 : 401);
    setSessionCookie(reply, s, deps.secure, now);
    return reply.redirect(safeNext(req.body?.next), 303);
  });

  app.get<{ Querystring: { t?: string } }>("/console/link", async (req, reply) => {
    const lang = langOf(req);
    const now = deps.clock.now();
    const s = await deps.signIn.withLink(String(req.query.t ?? ""), now);
    if (typeof s === "string") {
      const why = s === "expired" ? T.login.linkExpired : s === "used" ? T.login.linkUsed : T.login.linkWrong;
      return sendPage(
        reply,
        bare(
          lang,
          T.login.title[lang],
          html`<div class="login card"><p role="alert">${why[lang]}</p><a href="/console/login">${T.login.title[lang]}</a></div>`,
        ),
        401,
      );
    }
    setSessionCookie(reply, s, deps.secure, now);
    return reply.redirect("/console", 303);
  });

  app.post("/console/logout", async (req, reply) => {
    const cookie = cookieOf(req, SESSION_COOKIE);
    if (cookie) await deps.signIn.signOut(cookie);
    clearSessionCookie(reply, deps.secure);
    return reply.redirect("/console/login", 303);
  });

  // ---- the board
  const board = async (req: FastifyRequest, v: Viewer, shared = false) => {
    const parsed = boardQuery.safeParse(req.query);
    const q = parsed.success ? parsed.data : boardQuery.parse({});
    const p = v.principal;
    const visible = deps.properties.list().filter((x) => inScope(p, x.id));
    const home = deps.properties.get(q.property && inScope(p, q.property) ? q.property : visible[0]?.id);
    const tz = home.policy.timezone;
    const now = deps.clock.now();
    const { rows, total } = await deps.board.page(boardFilter(q, p, tz), now, todayStart(now, tz), shared);
    // (the assignee picker is on the full page only; a live refresh needs the rows)
    const staff = shared ? [] : (await deps.staff.list()).filter((s) => s.active && inScope(p, s.propertyId)).map((s) => ({ id: s.id, name: s.name }));
    return {
      q,
      rows,
      total,
      now,
      policyOf: (id: string) => deps.properties.get(id).policy,
      staff,
      properties: visible.map((x) => ({ id: x.id, name: x.name })),
      error: parsed.success ? undefined : parsed.error.issues[0],
    };
  };

  app.get("/console", async (req, reply) => {
    const v = viewer(req, reply, "tickets.read");
    if (!v) return reply;
    const d = await board(req, v);
    const error = d.error ? `${d.error.path.join(".")}: ${d.error.message}` : undefined;
    return sendPage(reply, page(v, { title: say(v, T.board.title), current: "board", body: boardView(v, d), ...(error ? { flash: { error } } : {}) }));
  });

  app.get("/console/rows", async (req, reply) => {
    const v = viewer(req, reply, "tickets.read");
    if (!v) return reply;
    return sendPage(reply, boardResults(v, await board(req, v, true)).value);
  });

  // the live stream: a ping per change of a property this viewer may see; ended when the service stops
  const streams = new Set<import("node:http").ServerResponse>();
  app.addHook("preClose", async () => {
    for (const res of streams) res.end();
  });
  app.get("/console/events", async (req, reply) => {
    const p = req.principal;
    if (!p || !can(p, "tickets.read")) return reply.code(401).send();
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.write("retry: 3000\n\n");
    streams.add(res);
    const stop = deps.feed.listen({ principal: p, send: (properties) => res.write(`event: tickets\ndata: ${JSON.stringify({ properties })}\n\n`) });
    const beat = setInterval(() => res.write(": keep-alive\n\n"), 25_000);
    req.raw.on("close", () => {
      streams.delete(res);
      clearInterval(beat);
      stop();
    });
  });

  // ---- a ticket
  /** The ticket, when this viewer may read it (a technician: only an order offered to them). */
  const readable = async (v: Viewer, number: string) => {
    const t = await deps.files.byNumber(number.slice(0, 40));
    const own = !t || !ownOrdersOnly(v.principal) || t.assignments.some((a) => a.staffId === v.principal.staffId);
    return t && own && can(v.principal, "tickets.read", t.propertyId) ? t : undefined;
  };

  // a photo or file a resident sent, fetched through the channel it came by
  app.get<{ Params: { number: string; index: string } }>("/console/tickets/:number/files/:index", async (req, reply) => {
    const v = viewer(req, reply, "tickets.read");
    if (!v) return reply;
    const t = await readable(v, req.params.number);
    const a = ((t?.attachments as { ref: string }[] | null) ?? [])[Number(req.params.index)];
    const file = t && a ? await deps.attachment(t.channel as ChannelName, a.ref) : undefined;
    if (!file) return notFound(reply, v);
    return reply.type(file.type).header("cache-control", "private, max-age=3600").send(file.body);
  });

  app.get<{ Params: { number: string }; Querystring: { ok?: string; error?: string } }>("/console/tickets/:number", async (req, reply) => {
    const v = viewer(req, reply, "tickets.read");
    if (!v) return reply;
    const t = await readable(v, req.params.number);
    if (!t) return notFound(reply, v);
    const policy = deps.properties.get(t.propertyId).policy;
    const now = deps.clock.now();
    const workers = can(v.principal, "tickets.dispatch", t.propertyId) ? await deps.workforce.staffOf(t.propertyId, { fresh: true }) : [];
    const body = ticketView(v, { t, now, policy, workers, names: await deps.files.names(t.propertyId), skills: deps.skillsOf(t.description) });
    const flash = { ...(req.query.ok ? { ok: req.query.ok.slice(0, 200) } : {}), ...(req.query.error ? { error: req.query.error.slice(0, 300) } : {}) };
    return sendPage(reply, page(v, { title: t.number, current: "board", body, flash }));
  });

  orderSheetPages(app, deps, viewer, sendPage, { readable, notFound });

  /** A ticket action from its page: done by the same core operation as the API and chat, then back to the page. */
  const act = (path: string, action: Action, run: (v: Viewer, number: string, body: Record<string, string>, now: Date) => Promise<string>) =>
    app.post<{ Params: { number: string }; Body: Record<string, string> }>(`/console/tickets/:number/${path}`, async (req, reply) => {
      const v = viewer(req, reply, action);
      if (!v) return reply;
      const to = `/console/tickets/${encodeURIComponent(req.params.number)}`;
      try {
        const done = await run(v, req.params.number, req.body ?? {}, deps.clock.now());
        return back(reply, to, { ok: say(v, T.ticket.done, { what: done }) });
      } catch (err) {
        // another property's ticket is not found, as on its page; a role without the action is forbidden
        if (err instanceof NotFoundError) return notFound(reply, v);
        if (err instanceof ForbiddenError)
          return sendPage(reply, page(v, { title: say(v, T.forbidden), body: html`<p class="card">${say(v, T.forbidden)}</p>` }), 403);
        if (err instanceof BaoshiError) return back(reply, to, { error: err.message });
        throw err;
      }
    });
  act("assign", "tickets.dispatch", async (v, n, b, now) => {
    const r = await deps.actions.assign(v.principal, n, String(b.staffId ?? ""), now);
    return `${say(v, T.ticket.assign)} → ${r.assignee.name}`;
  });
  act("transition", "tickets.read", async (v, n, b, now) => {
    const to = String(b.to ?? "") as TicketStatus;
    const reason = b.reason?.trim() ? b.reason.trim().slice(0, 200) : undefined;
    const r = await deps.actions.transition(v.principal, n, to, reason, now);
    return r.status;
  });
  act("quote", "tickets.dispatch", async (v, n, b, now) => (await deps.quotes.quote(v.principal, n, Number(b.price), String(b.note ?? ""), now)).said);
  act("note", "tickets.note", async (v, n, b, now) => {
    await deps.actions.note(v.principal, n, String(b.text ?? ""), now);
    return say(v, T.ticket.doNote);
  });

  callbackPages(app, deps, viewer, sendPage);
  statsPages(app, deps, viewer, sendPage);
  reportPages(app, deps, viewer, sendPage);
  conversationPages(app, deps, viewer, sendPage);
  frontDeskPages(app, deps, viewer, sendPage);
  staffPages(app, deps, viewer, sendPage);
  propertyPages(app, deps, viewer, sendPage);
}

/** Only a path of the console itself: a sign-in link never sends anyone elsewhere. */
const safeNext = (next: string | undefined) => (next && /^\/console(\/|\?|$)/.test(next) && !next.startsWith("//") ? next : "/console");
