import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Database } from "../db/client.js";
import { can, propertyFilter } from "../core/access/access.js";
import { allowed } from "./auth.js";
import { parseOr400, sendError } from "./errors.js";

const query = z.object({
  property: z.string().max(40).optional(),
  kind: z.enum(["daily", "monthly"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** Stored daily follow-ups and monthly statistics, to read again (newest first). */
export function reportRoutes(api: FastifyInstance, deps: { db: Database }) {
  api.get("/api/reports", async (req, reply) => {
    if (!allowed(req, reply, "statistics")) return reply;
    const q = parseOr400(query, req.query, reply);
    if (!q) return reply;
    const scope = propertyFilter(req.principal, q.property);
    const rows = await deps.db.storedReport.findMany({
      where: { ...(scope ? { propertyId: { in: [...scope] } } : {}), ...(q.kind ? { kind: q.kind } : {}) },
      orderBy: [{ period: "desc" }, { kind: "asc" }],
      take: q.limit,
    });
    return { reports: rows.map((r) => ({ property: r.propertyId, kind: r.kind, period: r.period, createdAt: r.createdAt.toISOString() })) };
  });

  api.get<{ Params: { property: string; kind: string; period: string } }>("/api/reports/:property/:kind/:period", async (req, reply) => {
    const { property, kind, period } = req.params;
    if (!allowed(req, reply, "statistics")) return reply;
    const r = !can(req.principal, "statistics", property)
      ? null
      : await deps.db.storedReport.findUnique({ where: { propertyId_kind_period: { propertyId: property, kind, period } } });
    if (!r) return sendError(reply, 404, "report_not_found", `no ${kind.slice(0, 10)} report for ${property.slice(0, 40)} ${period.slice(0, 10)}`);
    return { property: r.propertyId, kind: r.kind, period: r.period, createdAt: r.createdAt.toISOString(), content: r.content };
  });
}
