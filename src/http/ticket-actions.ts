import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Clock } from "../core/policy/clock.js";
import { STATUSES } from "../core/ticket/domain.js";
import type { OfficeActions } from "../core/ticket/office-actions.js";
import { allowed } from "./auth.js";
import { parseOr400 } from "./errors.js";

/**
 * Steward / console actions on a ticket (admin API): parsed here, done by the core's OfficeActions — the same
 * state machine as chat. Their named errors become 404 / 409 / 400 in the server's error handler.
 */
export function ticketActionRoutes(api: FastifyInstance, deps: { actions: OfficeActions; clock: Clock }) {
  api.post<{ Params: { number: string } }>("/api/tickets/:number/transition", async (req, reply) => {
    const body = parseOr400(z.object({ to: z.enum(STATUSES), reason: z.string().max(200).optional() }), req.body, reply);
    if (!body) return reply;
    if (!allowed(req, reply, "tickets.read")) return reply;
    return deps.actions.transition(req.principal, req.params.number, body.to, body.reason, deps.clock.now());
  });

  api.post<{ Params: { number: string } }>("/api/tickets/:number/assign", async (req, reply) => {
    const body = parseOr400(z.object({ staffId: z.string().min(1), by: z.string().max(40).optional() }), req.body, reply);
    if (!body) return reply;
    if (!allowed(req, reply, "tickets.read")) return reply;
    // (by: the name an API caller acts under; a console session is its own name)
    const who = body.by && req.principal.staffId === null ? { ...req.principal, name: body.by } : req.principal;
    return deps.actions.assign(who, req.params.number, body.staffId, deps.clock.now());
  });
}
