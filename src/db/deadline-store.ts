import type { Category, Severity, TicketStatus, Urgency } from "../core/ticket/domain.js";
import type { DueTicket, TicketChange } from "../core/deadlines/deadline-sweep.js";
import type { Escalations } from "../core/deadlines/escalation.js";
import type { OutboxRecord } from "../core/ports.js";
import { deadlinesOf, ts, type DeadlineRow, type SqliteHotPath } from "./hot-path.js";
import { placeText } from "./rows.js";
import { ConflictError } from "../core/errors.js";

/**
 * The deadline sweep's storage: what is due, read through the index on Ticket.nextDueAt (a range
 * scan, whatever the table's size), and each ticket's change written only if the ticket is still
 * as it was read, so two sweeps (two instances, or a retry) never remind twice.
 */
export class DeadlineStore {
  private readonly q;

  constructor(private readonly hot: SqliteHotPath) {
    const p = (sql: string) => hot.db.prepare(sql);
    this.q = {
      // the offer matters only to a dispatched ticket, who declined it only to one waiting for a worker
      due: p(`SELECT t.*,
        CASE WHEN t.status = 'dispatched' THEN (SELECT json_object('id', a.id, 'staffId', a.staffId, 'level', a.level) FROM Assignment a
          WHERE a.ticketId = t.id AND a.status = 'offered' ORDER BY a.offeredAt DESC LIMIT 1) END AS offer,
        CASE WHEN t.status IN ('received', 'refused', 'reopened') THEN (SELECT json_group_array(a.staffId) FROM Assignment a
          WHERE a.ticketId = t.id AND a.status IN ('refused', 'expired', 'handed_over')) END AS declinedBy
        FROM Ticket t WHERE t.nextDueAt <= ? ORDER BY t.nextDueAt LIMIT ?`),
      expire: p(`UPDATE Assignment SET status = 'expired', reason = ?, respondedAt = ? WHERE id = ? AND status = 'offered'`),
    };
  }

  /** The query the sweep runs, for the benchmark's query plan. */
  static readonly DUE_SQL = `SELECT id FROM Ticket WHERE nextDueAt <= ? ORDER BY nextDueAt LIMIT ?`;

  due(now: Date, limit: number): DueTicket[] {
    const rows = this.q.due.all(ts(now), limit) as (DeadlineRow & Record<string, string | null>)[];
    return rows.map((r) => ({
      id: r.id!,
      receivedAt: new Date(r.receivedAt!),
      number: r.number!,
      propertyId: r.propertyId,
      status: r.status as TicketStatus,
      nature: r.nature!,
      severity: r.severity as Severity | null,
      urgency: r.urgency as Urgency,
      category: r.category as Category | null,
      place: placeText(r as never),
      description: r.description!,
      phone: r.phone ?? null,
      appointmentAt: r.appointmentAt ? new Date(r.appointmentAt) : null,
      attachments: r.attachments ? (JSON.parse(r.attachments) as unknown[]).length : 0,
      assigneeId: r.assigneeId ?? null,
      residentId: r.residentId ?? null,
      deadlines: deadlinesOf(r),
      escalations: r.escalations ? (JSON.parse(r.escalations) as Escalations) : {},
      nextDueAt: new Date(r.nextDueAt!),
      offer: r.offer ? (JSON.parse(r.offer) as DueTicket["offer"]) : null,
      building: r.building ?? null,
      quoteStatus: r.quoteStatus ?? null,
      declinedBy: r.declinedBy ? (JSON.parse(r.declinedBy) as string[]) : [],
    }));
  }

  private write(c: TicketChange, at: Date): boolean {
    if (this.hot.update("Ticket", c.ticketId, { ...c.set, updatedAt: at }, "status = ? AND nextDueAt = ?", [c.expect.status, ts(c.expect.nextDueAt)]) !== 1)
      return false;
    this.hot.records(c);
    return true;
  }

  /** Writes a batch of changes in one transaction; a ticket changed meanwhile is skipped whole. */
  apply(changes: readonly TicketChange[], at: Date): { applied: number; outbox: OutboxRecord[] } {
    const written: OutboxRecord[] = [];
    let applied = 0;
    // a ticket whose offer expires: its two updates stand or fall together (a savepoint); answered meanwhile, it is skipped
    const withOffer = this.hot.db.transaction((c: TicketChange): boolean => {
      if (this.q.expire.run(c.expireOffer!.reason, ts(at), c.expireOffer!.id).changes !== 1)
        throw new ConflictError(`offer ${c.expireOffer!.id} was answered during the sweep`);
      if (!this.write(c, at)) throw new ConflictError(`ticket ${c.ticketId} changed during the sweep`);
      return true;
    });
    // one outer transaction (one fsync); any other failure rolls the batch back, and the next tick retries it
    this.hot.db.transaction(() => {
      for (const c of changes) {
        let ok = false;
        if (c.expireOffer) {
          try {
            ok = withOffer(c);
          } catch (err) {
            // the worker answered meanwhile: the next sweep reads the ticket afresh (anything else fails the batch)
            if (!(err instanceof ConflictError)) throw err;
          }
        } else ok = this.write(c, at);
        if (ok) {
          applied++;
          written.push(...c.outbox);
        }
      }
    })();
    return { applied, outbox: written };
  }
}
