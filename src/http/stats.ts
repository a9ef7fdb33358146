import type { FastifyInstance } from "fastify";
import type { Clock } from "../core/policy/clock.js";
import { periodQuery } from "../core/statistics/stats-period.js";
import { PeriodError, type StatsOffice } from "../core/statistics/stats-office.js";
import { allowed } from "./auth.js";
import { parseOr400, sendError } from "./errors.js";

/** GET /api/stats: a period's figures over one property or all one may see, with the period before (issue 15). */
export function statsRoutes(api: FastifyInstance, deps: { stats: StatsOffice; clock: Clock }) {
  api.get("/api/stats", async (req, reply) => {
    if (!allowed(req, reply, "statistics")) return reply;
    const raw = req.query as Record<string, unknown>;
    const q = parseOr400(periodQuery, raw, reply);
    if (!q) return reply;
    const property = typeof raw.property === "string" && raw.property ? raw.property.slice(0, 40) : undefined;
    if (property && !allowed(req, reply, "statistics", property)) return reply;
    try {
      return await deps.stats.read(req.principal!, property, q, deps.clock.now());
    } catch (err) {
      if (err instanceof PeriodError) return sendError(reply, 400, "invalid_period", err.message);
      throw err;
    }
  });
}
