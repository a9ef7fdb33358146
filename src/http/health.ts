import type { FastifyInstance } from "fastify";
import type { Database } from "../db/client.js";

/**
 * GET /healthz: 200 when the database answers, 503 when it does not; names the database's provider and the
 * leases this instance holds — the scheduler's jobs and the bots' senders (several instances: one holds each).
 */
export function healthRoutes(app: FastifyInstance, deps: { db: Database; provider: string; leases: () => readonly string[] }) {
  app.get("/healthz", async (_req, reply) => {
    try {
      await deps.db.$queryRawUnsafe("SELECT 1");
      return { status: "ok", database: "ok", provider: deps.provider, leases: deps.leases() };
    } catch (err) {
      return reply.code(503).send({ status: "unavailable", database: "unreachable", provider: deps.provider, error: String(err).slice(0, 200) });
    }
  });
}
