import { orderView } from "../core/dispatch/work-order.js";
import type { OfficeStore, OfficeTicket } from "../core/ticket/office-actions.js";
import type { Category, TicketStatus } from "../core/ticket/domain.js";
import type { Database } from "./client.js";
import type { HotPath } from "./hot-path.js";
import { deadlinesOfRow, placeText } from "./rows.js";

/** The office's actions on the tables: a ticket read by its number, a change written through the hot path. */
export class DbOfficeStore implements OfficeStore {
  constructor(
    private readonly db: Database,
    private readonly hot: HotPath,
  ) {}

  async ticketByNumber(number: string): Promise<OfficeTicket | undefined> {
    const t = await this.db.ticket.findUnique({ where: { number } });
    if (!t) return undefined;
    const view = orderView({
      ...t,
      place: placeText(t),
      category: (t.category as Category | null) ?? null,
      attachments: Array.isArray(t.attachments) ? t.attachments.length : 0,
    });
    return { ...t, status: t.status as TicketStatus, deadlines: deadlinesOfRow(t), view };
  }

  change(c: Parameters<OfficeStore["change"]>[0]): Promise<void> {
    return this.hot.change(c);
  }
}
