import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ADMINISTRATOR, can, type Action, type Principal } from "../core/access/access.js";
import type { SignIn } from "../core/access/sign-in.js";
import type { Clock } from "../core/policy/clock.js";
import { sendError } from "./errors.js";

declare module "fastify" {
  interface FastifyRequest {
    /** who is asking (the admin token, or a console session); null when nobody signed in */
    principal: Principal | null;
    /** the session's CSRF token (console sessions only) */
    csrf: string | null;
  }
}

export const SESSION_COOKIE = "baoshi_session";
const hostOf = (origin: string) => {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
};
const CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function cookieOf(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) {
      try {
        return decodeURIComponent(v.join("="));
      } catch {
        return undefined; // a mangled cookie is no session
      }
    }
  }
  return undefined;
}

/**
 * Who every request is: the bearer admin token (the API's administrator) or a console session's cookie. A
 * state-changing request on a session must carry its CSRF token (`x-csrf-token`, or `_csrf` in a form) —
 * checked before the route runs; the bearer token needs none (a browser never sends it by itself).
 */
export function authentication(app: FastifyInstance, deps: { signIn: SignIn; adminToken: string; clock: Clock }) {
  const expected = Buffer.from(deps.adminToken);
  const bearer = (header: string | undefined) => {
    if (!header) return false;
    const given = Buffer.from(header.replace(/^Bearer\s+/i, ""));
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  app.decorateRequest("principal", null);
  app.decorateRequest("csrf", null);
  app.addHook("onRequest", async (req) => {
    // (web chat's API is public: no session is looked up on residents' path)
    if ((!req.url.startsWith("/api/") && !req.url.startsWith("/console")) || req.url.startsWith("/api/webchat/")) return;
    if (bearer(req.headers.authorization)) {
      req.principal = ADMINISTRATOR();
      return;
    }
    const s = await deps.signIn.session(cookieOf(req, SESSION_COOKIE), deps.clock.now());
    if (s) {
      req.principal = s.principal;
      req.csrf = s.csrf;
    }
  });
  app.addHook("preHandler", async (req, reply) => {
    // (web chat's API is public and carries no session: it is not asked)
    if (!CHANGING.has(req.method) || req.url.startsWith("/api/webchat/") || (!req.url.startsWith("/api/") && !req.url.startsWith("/console"))) return;
    // a browser names the page a post came from: another site's page may not sign anyone in or out (login CSRF)
    const origin = req.headers.origin;
    if (origin && origin !== "null" && hostOf(origin) !== req.headers.host && !req.headers.authorization)
      return sendError(reply, 403, "cross_site", "this request came from another site");
    if (!req.csrf) return;
    const given = String(req.headers["x-csrf-token"] ?? (req.body as { _csrf?: unknown } | undefined)?._csrf ?? "");
    if (given !== req.csrf) return sendError(reply, 403, "csrf", "this form has expired: reload the page and try again");
  });
}

/**
 * The route's check: signed in (401), allowed this action at this property (403). A property outside one's
 * scope answers 404, as if it did not exist, so a manager of one property learns nothing of another.
 */
export function allowed(req: FastifyRequest, reply: FastifyReply, action: Action, propertyId?: string): req is FastifyRequest & { principal: Principal } {
  const p = req.principal;
  if (!p) {
    reply.header("www-authenticate", 'Bearer realm="baoshi"');
    void sendError(reply, 401, "unauthorized", "sign in to the console, or send the admin token as: Authorization: Bearer <ADMIN_TOKEN>");
    return false;
  }
  if (!can(p, action)) {
    void sendError(reply, 403, "forbidden", `your role may not do this (${action})`);
    return false;
  }
  if (propertyId !== undefined && !can(p, action, propertyId)) {
    void sendError(reply, 404, "not_found", "no such record");
    return false;
  }
  return true;
}
