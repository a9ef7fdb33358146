import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Clock } from "../core/policy/clock.js";
import { isoInZone } from "../core/policy/zoned.js";
import type { StaffAdmin, StaffEdit, StaffRecord } from "../core/staff/staff-admin.js";
import { ROLES } from "../core/ticket/domain.js";
import type { PropertyDirectory } from "../db/properties.js";
import { allowed } from "./auth.js";
import { parseOr400 } from "./errors.js";

const shift = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'a shift as "08:00-17:30" (overnight: "22:00-06:00")');
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD");
/** weekly shifts in the property's zone, days off, extra shifts (none: always on duty) */
export const rosterSchema = z.strictObject({
  weekly: z.partialRecord(z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), z.array(shift).max(6)).optional(),
  off: z.array(isoDay).max(400).optional(),
  extra: z.record(isoDay, z.array(shift).max(6)).optional(),
});

// strict: a field the API would not keep is an error, never silently dropped
export const newStaff = z.strictObject({
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
  roster: rosterSchema.nullable().optional(),
  /** the language of what they are sent (work orders, alerts) */
  lang: z.enum(["zh", "en"]).default("zh"),
});

/** An edit: any of the fields, and `active`; what is not given stays. */
export const staffEdit = newStaff
  .extend({
    skills: z.array(z.string().trim().min(1).max(30)).max(30).optional(),
    buildings: z.array(z.string().trim().min(1).max(20)).max(200).optional(),
    lang: z.enum(["zh", "en"]).optional(),
    roles: z.array(z.enum(ROLES)).min(1).optional(),
    name: z.string().trim().min(1).max(40).optional(),
    active: z.boolean().optional(),
    superiorId: z.string().nullable().optional(),
    phone: newStaff.shape.phone.unwrap().nullable().optional(),
  })
  .strict();

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
  roster: s.roster,
  alsoProperties: s.alsoProperties,
  active: s.active,
  lang: s.lang,
  channels: s.channels,
});

/** Staff accounts and their one-time bind codes (admin API; registered inside the bearer-protected scope). */
export function staffRoutes(api: FastifyInstance, deps: { admin: StaffAdmin; properties: PropertyDirectory; clock: Clock; defaultProperty: string }) {
  // (who may do what is the core's: StaffAdmin checks role and property for the API and the console alike)
  api.post("/api/staff", async (req, reply) => {
    const body = parseOr400(newStaff, req.body, reply);
    if (!body) return reply;
    if (!allowed(req, reply, "staff.manage")) return reply;
    return reply.code(201).send(json(await deps.admin.create(req.principal, body, deps.clock.now())));
  });

  api.get("/api/staff", async (req, reply) => {
    if (!allowed(req, reply, "staff.read")) return reply;
    return { staff: (await deps.admin.visible(req.principal)).map(json) };
  });

  api.patch<{ Params: { id: string } }>("/api/staff/:id", async (req, reply) => {
    const body = parseOr400(staffEdit, req.body, reply);
    if (!body) return reply;
    if (!allowed(req, reply, "staff.manage")) return reply;
    return json(await deps.admin.update(req.principal, req.params.id, body as StaffEdit, deps.clock.now()));
  });

  api.delete<{ Params: { id: string } }>("/api/staff/:id", async (req, reply) => {
    if (!allowed(req, reply, "staff.manage")) return reply;
    return json(await deps.admin.update(req.principal, req.params.id, { active: false }, deps.clock.now()));
  });

  api.post<{ Params: { id: string } }>("/api/staff/:id/bind-code", async (req, reply) => {
    if (!allowed(req, reply, "staff.manage")) return reply;
    const { staff, code, expiresAt } = await deps.admin.bindCode(req.principal, req.params.id, deps.clock.now());
    // in the property's zone, as every other time the API shows
    const tz = deps.properties.get(staff.propertyId).policy.timezone;
    return reply.code(201).send({ code, expiresAt: isoInZone(expiresAt, tz), howTo: `send "/bind ${code}" (or "绑定 ${code}") to the bot` });
  });
}
