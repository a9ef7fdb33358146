import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Clock } from "../core/policy/clock.js";
import type { FrontDesk } from "../core/intake/front-desk.js";
import type { Database } from "../db/client.js";
import type { PropertyDirectory } from "../db/properties.js";
import { allowed } from "./auth.js";
import { parseOr400 } from "./errors.js";
import { ticketJson } from "./ticket-json.js";

const entry = z.strictObject({
  property: z.string().max(40).optional(),
  /** phone | walk_in (walk-in too) */
  channel: z.enum(["phone", "walk_in", "walk-in"]).transform((c) => (c === "phone" ? "phone" : "walk-in") as "phone" | "walk-in"),
  place: z.string().max(100).optional(),
  /** (room: the same as place) */
  room: z.string().max(100).optional(),
  phone: z.string().max(40).optional(),
  description: z.string().max(1000).optional(),
  appointment: z.string().max(100).optional(),
  reporterName: z.string().max(40).optional(),
  said: z.string().max(2000).optional(),
});

/** 前台登记 through the API: 201 with the ticket, 422 naming the field and the reason chat would give. */
export function frontDeskRoutes(
  api: FastifyInstance,
  deps: { desk: FrontDesk; db: Database; properties: PropertyDirectory; clock: Clock; defaultProperty: string },
) {
  api.post("/api/tickets", async (req, reply) => {
    if (!allowed(req, reply, "frontdesk")) return reply;
    const body = parseOr400(entry, req.body, reply);
    if (!body) return reply;
    const propertyId = body.property ?? (req.principal.properties === "all" ? deps.defaultProperty : req.principal.properties[0]!);
    const { ticket, told } = await deps.desk.register(
      req.principal,
      {
        propertyId,
        channel: body.channel,
        place: body.place ?? body.room ?? "",
        phone: body.phone ?? "",
        description: body.description ?? "",
        ...(body.appointment ? { appointment: body.appointment } : {}),
        ...(body.reporterName ? { reporterName: body.reporterName } : {}),
        ...(body.said ? { said: body.said } : {}),
      },
      deps.clock.now(),
    );
    const row = await deps.db.ticket.findUnique({ where: { id: ticket.id }, include: { assignee: true } });
    return reply.code(201).send({ ...ticketJson(row!, deps.properties.get(propertyId).policy.timezone), told });
  });
}
