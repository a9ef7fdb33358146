import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Clock } from "../core/policy/clock.js";
import { STATUSES, type Category, type TicketStatus } from "../core/ticket/domain.js";
import type { Dispatcher } from "../core/dispatch/dispatcher.js";
import { orderView } from "../core/dispatch/work-order.js";
import { fromStatuses, move, STEP_TIMESTAMP } from "../core/ticket/lifecycle.js";
import type { EventRecord, OutboxRecord } from "../core/ports.js";
import type { Database } from "../db/client.js";
import type { SqliteHotPath } from "../db/hot-path.js";
import type { PropertyDirectory } from "../db/properties.js";
import { deadlinesOfRow, placeText } from "../db/rows.js";
import { parseOr400, sendError } from "./errors.js";
import { holdMove, resumeMove } from "../core/visits/hold.js";
import { ConflictError } from "../core/errors.js";

export interface TicketActionDeps {
  db: Database;
  hot: SqliteHotPath;
  dispatcher: Dispatcher;
  properties: PropertyDirectory;
  clock: Clock;
  /** hands new outbox rows to the channels' senders */
  offer(rows: OutboxRecord[]): void;
}

/** Steward / console actions on a ticket (admin API), through the same state machine as chat. */
export function ticketActionRoutes(api: FastifyInstance, deps: TicketActionDeps) {
  const event = (t: { id: string; propertyId: string }, type: string, data: Record<string, unknown>, at: Date): EventRecord => ({
    id: randomUUID(),
    propertyId: t.propertyId,
    ticketId: t.id,
    type,
    actor: "admin",
    channel: null,
    data,
    at,
  });

  api.post<{ Params: { number: string } }>("/api/tickets/:number/transition", async (req, reply) => {
    const body = parseOr400(z.object({ to: z.enum(STATUSES), reason: z.string().max(200).optional() }), req.body, reply);
    if (!body) return reply;
    const t = await deps.db.ticket.findUnique({ where: { number: req.params.number } });
    if (!t) return sendError(reply, 404, "ticket_not_found", `no ticket numbered ${req.params.number.slice(0, 40)}`);
    const now = deps.clock.now();
    // a hold stops the ticket's clock, and leaving it moves the deadlines on (core/hold.ts)
    const holding = body.to === "on_hold" || (t.status === "on_hold" && t.pausedAt);
    let held: ReturnType<typeof holdMove> | undefined;
    if (holding) {
      const policy = deps.properties.get(t.propertyId).policy;
      const tk = { ...t, status: t.status as TicketStatus, deadlines: deadlinesOfRow(t) };
      if (body.to === "on_hold" && !body.reason) return sendError(reply, 400, "reason_required", "reason: say why the ticket goes on hold (e.g. 等配件)");
      held = body.to === "on_hold" ? holdMove(tk, body.reason!, now, policy) : resumeMove(tk, now, policy);
      if (!held.ok) return sendError(reply, 409, "illegal_transition", held.reason.zh);
      if (body.to !== "on_hold" && body.to !== t.holdFrom) return sendError(reply, 409, "illegal_transition", `挂起的工单只能恢复为「${t.holdFrom}」`);
    } else {
      const m = move(t.status as TicketStatus, body.to);
      if (!m.ok) return sendError(reply, 409, "illegal_transition", m.reason.zh);
    }
    try {
      deps.hot.change({
        moves: [
          held?.ok
            ? { ...held.move, at: now }
            : { ticketId: t.id, from: fromStatuses(body.to), to: body.to, ...(STEP_TIMESTAMP[body.to] ? { stamp: STEP_TIMESTAMP[body.to]! } : {}), at: now },
        ],
        events: [
          event(
            t,
            holding && body.to !== "on_hold" ? "ticket.resumed" : `ticket.${body.to}`,
            { from: t.status, ...(body.reason ? { reason: body.reason } : {}) },
            now,
          ),
        ],
      });
    } catch (err) {
      if (err instanceof ConflictError) return sendError(reply, 409, err.code, "the ticket changed meanwhile; read it again");
      throw err;
    }
    return { number: t.number, status: body.to };
  });

  api.post<{ Params: { number: string } }>("/api/tickets/:number/assign", async (req, reply) => {
    const body = parseOr400(z.object({ staffId: z.string().min(1), by: z.string().max(40).default("admin") }), req.body, reply);
    if (!body) return reply;
    const t = await deps.db.ticket.findUnique({ where: { number: req.params.number } });
    if (!t) return sendError(reply, 404, "ticket_not_found", `no ticket numbered ${req.params.number.slice(0, 40)}`);
    const m = move(t.status as TicketStatus, "dispatched");
    if (!m.ok) return sendError(reply, 409, "illegal_transition", m.reason.zh);
    const policy = deps.properties.get(t.propertyId).policy;
    const now = deps.clock.now();
    const view = orderView({
      ...t,
      place: placeText(t),
      category: (t.category as Category | null) ?? null,
      attachments: Array.isArray(t.attachments) ? t.attachments.length : 0,
    });
    const offer = await deps.dispatcher.offerTo(body.staffId, { ticketId: t.id, propertyId: t.propertyId, view }, policy, now, body.by);
    if (!offer) return sendError(reply, 400, "unknown_staff", `staffId: no active staff member ${body.staffId} at property ${t.propertyId}`);
    try {
      deps.hot.change({
        moves: [
          {
            ticketId: t.id,
            from: fromStatuses("dispatched"),
            to: "dispatched",
            stamp: "dispatchedAt",
            set: { assigneeId: offer.staff.id, acceptDueAt: offer.respondBy },
            at: now,
          },
        ],
        assignments: [offer.assignment],
        events: [event(t, "ticket.dispatched", { staffId: offer.staff.id, staff: offer.staff.name, why: offer.assignment.why }, now)],
        outbox: offer.outbox,
      });
    } catch (err) {
      if (err instanceof ConflictError) return sendError(reply, 409, err.code, "the ticket changed meanwhile; read it again");
      throw err;
    }
    deps.offer(offer.outbox);
    return { number: t.number, status: "dispatched", assignee: { id: offer.staff.id, name: offer.staff.name }, notified: offer.outbox.length > 0 };
  });
}
