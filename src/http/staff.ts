import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Clock } from "../core/policy/clock.js";
import { isoInZone } from "../core/policy/zoned.js";
import type { StaffAdmin, StaffRecord } from "../core/staff/staff-admin.js";
import { ROLES } from "../core/ticket/domain.js";
import type { PropertyDirectory } from "../db/properties.js";
import { inScope } from "../core/access/access.js";
import { allowed } from "./auth.js";
import { parseOr400, sendError } from "./errors.js";

// strict: a field the API would not keep is an error, never silently dropped
const newStaff = z.strictObject({
  name: z.string().trim().min(1).max(40),
  roles: z.array(z.enum(ROLES)).min(1),
  skills: z.array(z.string().trim().min(1).max(30)).max(30).default([]),
  buildings: z.array(z.string().trim().min(1).max(20)).max(200).default([]),
  superiorId: z.string().optional(),
  propertyId: z.string().optional(),
  /** further properties they serve (a manager of several) */
  alsoProperties: z.array(z.string().max(40)).max(50).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d -]{5,20}$/, "must be a phone number (digits, e.g. 13900001111)")
    .optional(),
  /** the console's sign-in (username or phone) and its password */
  login: z
    .string()
    .trim()
    .regex(/^[\w.@+-]{2,40}$/, "2–40 letters, digits or . _ @ + -")
    .optional(),
  password: z.string().min(8, "at least 8 characters").max(200).optional(),
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
  phone: s.phone,
  login: s.login,
  alsoProperties: s.alsoProperties,
  active: s.active,
  lang: s.lang,
  channels: s.channels,
});

/** Staff accounts and their one-time bind codes (admin API; registered inside the bearer-protected scope). */
export function staffRoutes(api: FastifyInstance, deps: { admin: StaffAdmin; properties: PropertyDirectory; clock: Clock; defaultProperty: string }) {
  api.post("/api/staff", async (req, reply) => {
    const body = parseOr400(newStaff, req.body, reply);
    if (!body) return reply;
    if (!allowed(req, reply, "staff.manage", body.propertyId ?? deps.defaultProperty)) return reply;
    for (const p of body.alsoProperties ?? []) if (!allowed(req, reply, "staff.manage", p)) return reply;
    // only an administrator makes administrators
    if (body.roles.includes("admin") && !req.principal.roles.includes("admin"))
      return sendError(reply, 403, "forbidden", "roles: only an administrator may give the admin role");
    if (body.password && !body.login) return sendError(reply, 400, "invalid_input", "login: a password needs a login to sign in with");
    return reply.code(201).send(json(await deps.admin.create(body, deps.clock.now())));
  });

  api.get("/api/staff", async (req, reply) => {
    if (!allowed(req, reply, "staff.read")) return reply;
    const p = req.principal;
    return { staff: (await deps.admin.list()).filter((s) => [s.propertyId, ...s.alsoProperties].some((id) => inScope(p, id))).map(json) };
  });

  api.post<{ Params: { id: string } }>("/api/staff/:id/bind-code", async (req, reply) => {
    if (!allowed(req, reply, "staff.manage")) return reply;
    const found = await deps.admin.byId(req.params.id);
    if (!found || !inScope(req.principal, found.propertyId)) return sendError(reply, 404, "staff_not_found", `no staff member ${req.params.id.slice(0, 40)}`);
    const { staff, code, expiresAt } = await deps.admin.bindCode(found.id, deps.clock.now());
    // in the property's zone, as every other time the API shows
    const tz = deps.properties.get(staff.propertyId).policy.timezone;
    return reply.code(201).send({ code, expiresAt: isoInZone(expiresAt, tz), howTo: `send "/bind ${code}" (or "绑定 ${code}") to the bot` });
  });
}
