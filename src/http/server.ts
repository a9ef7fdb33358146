import type { ChatHistory } from "../core/ports.js";
import type { PropertyRecords } from "../db/properties.js";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { chatPage } from "../adapters/web/page.js";
import { webchatRoutes } from "../adapters/web/webchat.js";
import type { VisitorLimit } from "../adapters/web/visitor-limit.js";
import type { Intake } from "../core/intake/intake.js";
import type { Database } from "../db/client.js";
import type { PropertyDirectory } from "../db/properties.js";
import { adminRoutes } from "./admin.js";
import { sendError, statusOf } from "./errors.js";
import { healthRoutes } from "./health.js";
import { authentication } from "./auth.js";
import { sessionRoutes } from "./session.js";
import type { SignIn } from "../core/access/sign-in.js";
import { propertyRoutes } from "./properties.js";
import { BaoshiError, FieldRefusedError } from "../core/errors.js";
import type { Clock } from "../core/policy/clock.js";

export interface ServerDeps {
  db: Database;
  intake: Intake;
  properties: PropertyDirectory;
  adminToken: string;
  log: FastifyBaseLogger;
  staff: Parameters<typeof adminRoutes>[1]["staff"];
  /** routes channels add (Telegram's webhook) */
  routes?: ((app: FastifyInstance) => void)[];
  policiesDir: string;
  /** which database this instance runs on, and the job leases it holds (for /healthz) */
  provider: string;
  leases: () => readonly string[];
  /** a chat's recent messages (the web chat page after a reload) */
  history: ChatHistory;
  /** property rows written (the admin API's policy changes) */
  records: PropertyRecords;
  visitorLimit: VisitorLimit;
  clock: Clock;
  /** what web chat says of its own (the limit) */
  webchatTexts: { tooFast: string };
  /** admin routes channels add (WeChat's QR code), behind the admin token */
  adminRoutes?: ((api: FastifyInstance) => void)[];
  signIn: SignIn;
  /** cookies are Secure when the service is reached over HTTPS (PUBLIC_URL) */
  secureCookies: boolean;
  /** the console's pages (registered by the composition root) */
  console?: (app: FastifyInstance) => void;
}

export function buildServer(deps: ServerDeps): FastifyInstance {
  const app: FastifyInstance = Fastify({ loggerInstance: deps.log, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 1_048_576 });
  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, req, reply) => {
    // an expected failure by its class; a framework's 4xx as it says; anything else a logged 500
    const named = err instanceof BaoshiError ? statusOf(err) : undefined;
    const status = named ?? (err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500);
    if (status === 500) req.log.error({ err, url: req.url }, "request failed");
    const message = status === 500 ? "internal error; the request was not applied" : err.message;
    // a refused field names itself, so a form can show the reason beside it
    if (err instanceof FieldRefusedError) return reply.code(422).send({ error: { code: err.code, field: err.field, message: `${err.field}: ${err.message}` } });
    return sendError(reply, status, status === 500 ? "internal" : (err.code ?? "bad_request").toLowerCase(), message);
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, 404, "not_found", `no route ${req.method} ${req.url.split("?")[0]}`));

  // forms post url-encoded (the console works without JavaScript); a repeated name becomes a list
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(String(body))) {
      const had = out[k];
      out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
    }
    done(null, out);
  });
  authentication(app, { signIn: deps.signIn, adminToken: deps.adminToken, clock: deps.clock });
  sessionRoutes(app, { signIn: deps.signIn, clock: deps.clock, secure: deps.secureCookies });
  deps.console?.(app);
  healthRoutes(app, { db: deps.db, provider: deps.provider, leases: deps.leases });
  chatPage(app, deps.properties);
  webchatRoutes(app, { ...deps, limit: deps.visitorLimit, texts: deps.webchatTexts });
  adminRoutes(app, {
    db: deps.db,
    properties: deps.properties,
    staff: deps.staff,
    extra: [
      (api) => propertyRoutes(api, { db: deps.db, records: deps.records, properties: deps.properties, dir: deps.policiesDir }),
      ...(deps.adminRoutes ?? []),
    ],
  });
  for (const add of deps.routes ?? []) add(app);
  return app;
}
