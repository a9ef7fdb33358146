import { orderedId } from "../ids.js";
import { deadlinesFor } from "../deadlines/deadlines.js";
import type { FlowContext, NewTicket } from "../conversation/types.js";

/** Builds a ticket to file: number, id, receipt time and the deadlines of the property's policy. */
export async function draftTicket(fields: Omit<NewTicket, "id" | "number" | "receivedAt" | "deadlines">, ctx: FlowContext): Promise<NewTicket> {
  const number = await ctx.tickets.nextNumber(ctx.property.id, ctx.now, ctx.policy.timezone);
  const receivedAt = ctx.now;
  const deadlines = fields.status === "invalid" ? {} : deadlinesFor({ ...fields, receivedAt }, ctx.policy);
  return { ...fields, id: orderedId(), number, receivedAt, deadlines };
}
