import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { STATUSES } from "../core/ticket/domain.js";
import type { Database } from "../db/client.js";
import type { PropertyDirectory } from "../db/properties.js";
import { can, ownOrdersOnly, propertyFilter } from "../core/access/access.js";
import { allowed } from "./auth.js";
import { parseOr400, sendError } from "./errors.js";
import { staffRoutes } from "./staff.js";
import { ticketJson } from "./ticket-json.js";

const listQuery = z.object({
  status: z.enum(STATUSES).optional(),
  property: z.string().max(40).optional(),
  // a "+" left unencoded in a URL arrives as a space: "…T00:00:00 08:00" is read as "+08:00"
  since: z
    .preprocess(
      (v) => (typeof v === "string" ? v.replace(/ (\d{2}:?\d{2})$/, "+$1") : v),
      z.iso.datetime({
        offset: true,
        message: "must be an ISO 8601 time, e.g. 2026-11-23T00:00:00+08:00 (in a URL, write + as %2B: since=2026-11-23T00:00:00%2B08:00)",
      }),
    )
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * The staff's API under /api: the bearer ADMIN_TOKEN (the administrator) or a console session; each route checks
 * the role and the property (auth.ts). Web chat's routes are public and registered apart.
 */
export function adminRoutes(
  app: FastifyInstance,
  deps: {
    db: Database;
    properties: PropertyDirectory;
    staff: Omit<Parameters<typeof staffRoutes>[1], "properties">;
    extra?: ((api: FastifyInstance) => void)[];
  },
) {
  app.register(async (api) => {
    api.addHook("onRequest", async (req, reply) => {
      if (!req.principal) {
        reply.header("www-authenticate", 'Bearer realm="baoshi"');
        return sendError(reply, 401, "unauthorized", "sign in to the console, or send the admin token as: Authorization: Bearer <ADMIN_TOKEN>");
      }
    });

    staffRoutes(api, { properties: deps.properties, ...deps.staff });
    for (const add of deps.extra ?? []) add(api);

    api.get("/api/tickets", async (req, reply) => {
      if (!allowed(req, reply, "tickets.read")) return reply;
      const q = parseOr400(listQuery, req.query, reply);
      if (!q) return reply;
      const scope = propertyFilter(req.principal, q.property);
      const rows = await deps.db.ticket.findMany({
        where: {
          ...(q.status ? { status: q.status } : {}),
          ...(scope ? { propertyId: { in: [...scope] } } : {}),
          // a technician sees the orders they hold or were offered, nothing else
          ...(ownOrdersOnly(req.principal) ? { assignments: { some: { staffId: req.principal.staffId! } } } : {}),
          ...(q.since ? { receivedAt: { gte: new Date(q.since) } } : {}),
        },
        include: { assignee: true },
        orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
        take: q.limit,
      });
      return { tickets: rows.map((t) => ticketJson(t, deps.properties.get(t.propertyId).policy.timezone)) };
    });

    api.get<{ Params: { number: string } }>("/api/tickets/:number", async (req, reply) => {
      if (!allowed(req, reply, "tickets.read")) return reply;
      const t = await deps.db.ticket.findUnique({
        where: { number: req.params.number },
        include: { assignee: true, assignments: { select: { staffId: true } }, events: { orderBy: [{ at: "asc" }, { id: "asc" }] } },
      });
      const own = !ownOrdersOnly(req.principal) || t?.assignments.some((a) => a.staffId === req.principal!.staffId);
      // another property's ticket, or another technician's, is "not found" as a missing one is
      if (!t || !own || !can(req.principal, "tickets.read", t.propertyId))
        return sendError(reply, 404, "ticket_not_found", `no ticket numbered ${req.params.number.slice(0, 40)}`);
      return ticketJson(t, deps.properties.get(t.propertyId).policy.timezone);
    });
  });
}
