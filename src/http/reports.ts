import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { can, propertyFilter } from "../core/access/access.js";
import type { StoredReports } from "../db/stored-reports.js";
import { allowed } from "./auth.js";
import { parseOr400, sendError } from "./errors.js";

export const storedReportQuery = z.object({
  property: z.string().max(40).optional(),
  kind: z.enum(["daily", "monthly"]).optional(),
  /** older than this day or month key (the next page) */
  before: z
    .string()
    .regex(/^\d{4}-\d{2}(-\d{2})?$/, "must be a day or month, e.g. 2026-11-30 or 2026-11")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** Stored daily follow-ups and monthly statistics, to read again (newest first). */
export function reportRoutes(api: FastifyInstance, deps: { reports: StoredReports }) {
  api.get("/api/reports", async (req, reply) => {
    if (!allowed(req, reply, "statistics")) return reply;
    const q = parseOr400(storedReportQuery, req.query, reply);
    if (!q) return reply;
    const rows = await deps.reports.list({ ...q, properties: propertyFilter(req.principal, q.property) });
    return { reports: rows.map((r) => ({ property: r.propertyId, kind: r.kind, period: r.period, createdAt: r.createdAt.toISOString() })) };
  });

  api.get<{ Params: { property: string; kind: string; period: string } }>("/api/reports/:property/:kind/:period", async (req, reply) => {
    const { property, kind, period } = req.params;
    if (!allowed(req, reply, "statistics")) return reply;
    const r = can(req.principal, "statistics", property) ? await deps.reports.one(property, kind, period) : undefined;
    if (!r) return sendError(reply, 404, "report_not_found", `no ${kind.slice(0, 10)} report for ${property.slice(0, 40)} ${period.slice(0, 10)}`);
    return { property: r.propertyId, kind: r.kind, period: r.period, createdAt: r.createdAt.toISOString(), content: r.content };
  });
}
