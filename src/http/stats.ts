import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../core/policy/clock.js";
import { periodQuery } from "../core/statistics/stats-period.js";
import { PeriodError, type StatsAnswer, type StatsOffice } from "../core/statistics/stats-office.js";
import { allowed } from "./auth.js";
import { parseOr400, sendError } from "./errors.js";

/**
 * The statistics a request asks for (period and property, checked against the role and scope), or undefined when
 * it has been answered instead (401/403/404, 400 naming a bad period).
 */
export async function askedStats(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: { stats: StatsOffice; clock: Clock },
): Promise<{ stats: StatsAnswer; property?: string } | undefined> {
  if (!allowed(req, reply, "statistics")) return undefined;
  const raw = req.query as Record<string, unknown>;
  const q = parseOr400(periodQuery, raw, reply);
  if (!q) return undefined;
  const property = typeof raw.property === "string" && raw.property ? raw.property.slice(0, 40) : undefined;
  if (property && !allowed(req, reply, "statistics", property)) return undefined;
  try {
    return { stats: await deps.stats.read(req.principal!, property, q, deps.clock.now()), ...(property ? { property } : {}) };
  } catch (err) {
    if (err instanceof PeriodError) {
      sendError(reply, 400, "invalid_period", err.message);
      return undefined;
    }
    throw err;
  }
}

/** GET /api/stats: a period's figures over one property or all one may see, with the period before (issue 15). */
export function statsRoutes(api: FastifyInstance, deps: { stats: StatsOffice; clock: Clock }) {
  api.get("/api/stats", async (req, reply) => (await askedStats(req, reply, deps))?.stats ?? reply);
}
