import type { FastifyInstance } from "fastify";
import type { Database } from "../db/client.js";

/** GET /healthz: 200 when the database answers, 503 when it does not. */
export function healthRoutes(app: FastifyInstance, db: Database) {
  app.get("/healthz", async (_req, reply) => {
    try {
      await db.$queryRawUnsafe("SELECT 1");
      return { status: "ok", database: "ok" };
    } catch (err) {
      return reply.code(503).send({ status: "unavailable", database: "unreachable", error: String(err).slice(0, 200) });
    }
  });
}
