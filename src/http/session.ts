import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { Session, SignIn } from "../core/access/sign-in.js";
import type { Clock } from "../core/policy/clock.js";
import { allowed, cookieOf, SESSION_COOKIE } from "./auth.js";
import { parseOr400, sendError } from "./errors.js";

const credentials = z.strictObject({ login: z.string().trim().min(1).max(60), password: z.string().min(1).max(200) });

/** The session cookie: HttpOnly, SameSite=Lax, Secure when the service is reached over HTTPS. */
export function setSessionCookie(reply: FastifyReply, s: Pick<Session, "token" | "expiresAt">, secure: boolean, now: Date) {
  const age = Math.max(0, Math.round((s.expiresAt.getTime() - now.getTime()) / 1000));
  reply.header("set-cookie", `${SESSION_COOKIE}=${s.token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${age}${secure ? "; Secure" : ""}`);
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.header("set-cookie", `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`);
}

export const REFUSED = {
  wrong: { status: 401, code: "wrong_credentials", message: "login or password is wrong" },
  limited: { status: 429, code: "too_many_attempts", message: "too many failed sign-ins: wait 15 minutes and try again" },
  inactive: { status: 403, code: "deactivated", message: "this account is deactivated" },
} as const;

/** POST /api/session signs in (the cookie), DELETE signs out, GET says who one is; PUT …/password changes one's own. */
export function sessionRoutes(app: FastifyInstance, deps: { signIn: SignIn; clock: Clock; secure: boolean }) {
  const who = (s: Pick<Session, "principal" | "csrf" | "expiresAt">) => ({
    name: s.principal.name,
    staffId: s.principal.staffId,
    roles: s.principal.roles,
    properties: s.principal.properties,
    csrf: s.csrf,
    expiresAt: s.expiresAt.toISOString(),
  });

  app.post("/api/session", async (req, reply) => {
    const body = parseOr400(credentials, req.body, reply);
    if (!body) return reply;
    const now = deps.clock.now();
    const s = await deps.signIn.withPassword(body.login, body.password, req.ip, now);
    if (typeof s === "string") return sendError(reply, REFUSED[s].status, REFUSED[s].code, REFUSED[s].message);
    setSessionCookie(reply, s, deps.secure, now);
    return who(s);
  });

  app.get("/api/session", async (req, reply) => {
    const s = await deps.signIn.session(cookieOf(req, SESSION_COOKIE), deps.clock.now());
    if (!s) return sendError(reply, 401, "unauthorized", "not signed in");
    return who(s);
  });

  app.delete("/api/session", async (req, reply) => {
    const cookie = cookieOf(req, SESSION_COOKIE);
    if (cookie) await deps.signIn.signOut(cookie);
    clearSessionCookie(reply, deps.secure);
    return reply.code(204).send();
  });

  app.put("/api/session/password", async (req, reply) => {
    const body = parseOr400(z.strictObject({ old: z.string().min(1), password: z.string().min(8, "at least 8 characters").max(200) }), req.body, reply);
    if (!body) return reply;
    if (!allowed(req, reply, "tickets.read")) return reply;
    const cookie = cookieOf(req, SESSION_COOKIE);
    if (!req.principal.staffId || !cookie) return sendError(reply, 400, "no_password", "the built-in administrator's password is the ADMIN_TOKEN");
    if (!(await deps.signIn.changePassword(req.principal.staffId, body.old, body.password, cookie, deps.clock.now())))
      return sendError(reply, 403, "wrong_password", "old: the current password is wrong");
    return { changed: true };
  });
}
