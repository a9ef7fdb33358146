import { randomInt, randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Clock } from "../core/policy/clock.js";
import type { Duration } from "../core/policy/duration.js";
import type { Database } from "../db/client.js";
import type { PropertyDirectory } from "../db/properties.js";
import { isoInZone } from "../core/policy/zoned.js";
import { ROLES } from "../core/ticket/domain.js";
import { parseOr400, sendError } from "./errors.js";

const newStaff = z.object({
  name: z.string().trim().min(1).max(40),
  roles: z.array(z.enum(ROLES)).min(1),
  skills: z.array(z.string().trim().min(1).max(30)).max(30).default([]),
  buildings: z.array(z.string().trim().min(1).max(20)).max(200).default([]),
  superiorId: z.string().optional(),
  propertyId: z.string().optional(),
  phone: z.string().max(20).optional(),
});

/** No 0/O or 1/I: codes are read off a screen and typed on a phone. */
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const bindCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");

/** Staff accounts and their one-time bind codes (admin API; registered inside the bearer-protected scope). */
export function staffRoutes(
  api: FastifyInstance,
  deps: { db: Database; properties: PropertyDirectory; clock: Clock; bindCodeTtl: Duration; defaultProperty: string; onChange?: () => void },
) {
  const json = (s: {
    id: string;
    name: string;
    roles: unknown;
    skills: unknown;
    buildings: unknown;
    superiorId: string | null;
    propertyId: string;
    active: boolean;
    identities?: { channel: string; unreachable: boolean }[];
  }) => ({
    id: s.id,
    name: s.name,
    property: s.propertyId,
    roles: s.roles,
    skills: s.skills,
    buildings: s.buildings,
    superiorId: s.superiorId,
    active: s.active,
    channels: (s.identities ?? []).map((i) => ({ channel: i.channel, unreachable: i.unreachable })),
  });

  api.post("/api/staff", async (req, reply) => {
    const body = parseOr400(newStaff, req.body, reply);
    if (!body) return reply;
    const propertyId = body.propertyId ?? deps.defaultProperty;
    if (!deps.properties.has(propertyId)) return sendError(reply, 400, "unknown_property", `propertyId: property "${propertyId}" does not exist`);
    if (body.superiorId && !(await deps.db.staff.findUnique({ where: { id: body.superiorId } }))) {
      return sendError(reply, 400, "unknown_superior", `superiorId: no staff member ${body.superiorId}`);
    }
    const staff = await deps.db.staff.create({
      data: {
        id: randomUUID(),
        propertyId,
        name: body.name,
        roles: body.roles,
        skills: body.skills,
        buildings: body.buildings,
        superiorId: body.superiorId ?? null,
        phone: body.phone ?? null,
        createdAt: deps.clock.now(),
      },
    });
    deps.onChange?.();
    return reply.code(201).send(json(staff));
  });

  api.get("/api/staff", async () => {
    const rows = await deps.db.staff.findMany({ include: { identities: true }, orderBy: { createdAt: "asc" } });
    return { staff: rows.map(json) };
  });

  api.post<{ Params: { id: string } }>("/api/staff/:id/bind-code", async (req, reply) => {
    const staff = await deps.db.staff.findUnique({ where: { id: req.params.id } });
    if (!staff) return sendError(reply, 404, "staff_not_found", `no staff member ${req.params.id.slice(0, 40)}`);
    const now = deps.clock.now();
    const expiresAt = new Date(now.getTime() + deps.bindCodeTtl.minutes * 60000);
    const code = bindCode();
    await deps.db.bindCode.create({ data: { code, staffId: staff.id, expiresAt, createdAt: now } });
    // in the property's zone, as every other time the API shows
    const tz = deps.properties.get(staff.propertyId).policy.timezone;
    return reply.code(201).send({ code, expiresAt: isoInZone(expiresAt, tz), howTo: `send "/bind ${code}" (or "绑定 ${code}") to the bot` });
  });
}
