import type { FastifyInstance, FastifyReply } from "fastify";
import { ownOrdersOnly, seesFullPhones } from "../core/access/access.js";
import type { TicketFile } from "../db/ticket-files.js";
import type { ConsoleDeps, Send, View } from "./deps.js";
import type { Viewer } from "./layout.js";
import { orderSheet } from "./order-sheet.js";

/** The printed 派工单 of one of a ticket's orders (a technician prints only his own), on A5 or A4. */
export function orderSheetPages(
  app: FastifyInstance,
  deps: ConsoleDeps,
  view: View,
  send: Send,
  ticket: { readable(v: Viewer, number: string): Promise<TicketFile | undefined>; notFound(reply: FastifyReply, v: Viewer): unknown },
) {
  app.get<{ Params: { number: string; order: string }; Querystring: { size?: string } }>("/console/tickets/:number/orders/:order/print", async (req, reply) => {
    const v = view(req, reply, "tickets.read");
    if (!v) return reply;
    const t = await ticket.readable(v, req.params.number);
    const a = t?.assignments.find((x) => x.id === req.params.order);
    if (!t || !a || (ownOrdersOnly(v.principal) && a.staffId !== v.principal.staffId)) return ticket.notFound(reply, v);
    const row = await deps.registers.order(a.id);
    if (!row) return ticket.notFound(reply, v);
    const property = deps.properties.get(t.propertyId);
    // the office calls residents; a worker sees the number once the order is theirs and taken, as chat tells them
    const fullPhone = seesFullPhones(v.principal) || (a.staffId === v.principal.staffId && a.status === "accepted");
    const body = orderSheet(v, {
      row,
      ctx: { zone: property.policy.timezone, fullPhone },
      property: property.name,
      size: req.query.size === "a4" ? "a4" : "a5",
      now: deps.clock.now(),
      back: `/console/tickets/${encodeURIComponent(t.number)}`,
    });
    return send(reply, body);
  });
}
