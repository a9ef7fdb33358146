import type { Database } from "./client.js";

/** A ticket's whole file as the console's ticket page reads it: the ticket, its offers, its timeline and its callbacks. */
export class TicketFiles {
  constructor(private readonly db: Database) {}

  byNumber(number: string) {
    return this.db.ticket.findUnique({
      where: { number },
      include: {
        assignee: { select: { id: true, name: true, phone: true } },
        assignments: { include: { staff: { select: { id: true, name: true } } }, orderBy: [{ offeredAt: "asc" }, { id: "asc" }] },
        events: { orderBy: [{ at: "asc" }, { id: "asc" }] },
        callbacks: { include: { steward: { select: { id: true, name: true } } }, orderBy: { seq: "asc" } },
      },
    });
  }

  /** staff names by id, for the timeline's actors */
  async names(propertyId: string): Promise<Map<string, string>> {
    const rows = await this.db.staff.findMany({ where: { propertyId }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
export type TicketFile = NonNullable<Awaited<ReturnType<TicketFiles["byNumber"]>>>;
