import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Clock } from "../core/policy/clock.js";
import { isoInZone } from "../core/policy/zoned.js";
import type { StaffAdmin, StaffRecord } from "../core/staff/staff-admin.js";
import { ROLES } from "../core/ticket/domain.js";
import type { PropertyDirectory } from "../db/properties.js";
import { parseOr400 } from "./errors.js";

const newStaff = z.object({
  name: z.string().trim().min(1).max(40),
  roles: z.array(z.enum(ROLES)).min(1),
  skills: z.array(z.string().trim().min(1).max(30)).max(30).default([]),
  buildings: z.array(z.string().trim().min(1).max(20)).max(200).default([]),
  superiorId: z.string().optional(),
  propertyId: z.string().optional(),
  phone: z.string().max(20).optional(),
  /** the language of what they are sent (work orders, alerts) */
  lang: z.enum(["zh", "en"]).default("zh"),
});

const json = (s: StaffRecord) => ({
  id: s.id,
  name: s.name,
  property: s.propertyId,
  roles: s.roles,
  skills: s.skills,
  buildings: s.buildings,
  superiorId: s.superiorId,
  active: s.active,
  lang: s.lang,
  channels: s.channels,
});

/** Staff accounts and their one-time bind codes (admin API; registered inside the bearer-protected scope). */
export function staffRoutes(api: FastifyInstance, deps: { admin: StaffAdmin; properties: PropertyDirectory; clock: Clock }) {
  api.post("/api/staff", async (req, reply) => {
    const body = parseOr400(newStaff, req.body, reply);
    if (!body) return reply;
    return reply.code(201).send(json(await deps.admin.create(body, deps.clock.now())));
  });

  api.get("/api/staff", async () => ({ staff: (await deps.admin.list()).map(json) }));

  api.post<{ Params: { id: string } }>("/api/staff/:id/bind-code", async (req, reply) => {
    const { staff, code, expiresAt } = await deps.admin.bindCode(req.params.id, deps.clock.now());
    // in the property's zone, as every other time the API shows
    const tz = deps.properties.get(staff.propertyId).policy.timezone;
    return reply.code(201).send({ code, expiresAt: isoInZone(expiresAt, tz), howTo: `send "/bind ${code}" (or "绑定 ${code}") to the bot` });
  });
}
