import type { Category, Severity, TicketStatus, Urgency } from "../core/ticket/domain.js";
import type { DueTicket, TicketChange } from "../core/deadlines/deadline-sweep.js";
import type { Escalations } from "../core/deadlines/escalation.js";
import type { OutboxRecord } from "../core/ports.js";
import { ConflictError } from "../core/errors.js";
import { deadlinesOf, type DeadlineRow, type HotPath } from "./hot-path.js";
import { placeText } from "./rows.js";
import { param, query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";
import { readDate, readJson } from "./sql/values.js";

const Q = {
  // the offer matters only to a dispatched ticket, who declined it only to one waiting for a worker
  due: query<DeadlineRow & Record<string, unknown>>((k, json) =>
    k
      .selectFrom("Ticket as t")
      .selectAll("t")
      .select((eb) => [
        json
          .jsonObjectFrom(
            eb
              .selectFrom("Assignment as a")
              .select(["a.id", "a.staffId", "a.level"])
              .whereRef("a.ticketId", "=", "t.id")
              .where("a.status", "=", "offered")
              .where("t.status", "=", "dispatched")
              .orderBy("a.offeredAt", "desc")
              .orderBy("a.id", "desc")
              .limit(1),
          )
          .as("offer"),
        json
          .jsonArrayFrom(
            eb
              .selectFrom("Assignment as a")
              .select("a.staffId")
              .whereRef("a.ticketId", "=", "t.id")
              .where("a.status", "in", ["refused", "expired", "handed_over"])
              .where("t.status", "in", ["received", "refused", "reopened"]),
          )
          .as("declinedBy"),
      ])
      .where("t.nextDueAt", "<=", param("now"))
      .orderBy("t.nextDueAt")
      .orderBy("t.id")
      .limit(param("limit")),
  ),
  expire: query((k) =>
    k
      .updateTable("Assignment")
      .set({ status: "expired", reason: param("reason"), respondedAt: param("at") })
      .where("id", "=", param("id"))
      .where("status", "=", "offered"),
  ),
};

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/**
 * The deadline sweep's storage: what is due, read through the index on Ticket.nextDueAt (a range
 * scan, whatever the table's size), and each ticket's change written only if the ticket is still
 * as it was read, so two sweeps (two instances, or a retry) never remind twice.
 */
export class DeadlineStore {
  constructor(private readonly hot: HotPath) {}

  /** The query the sweep runs, for the benchmark's query plan. */
  static readonly DUE_SQL = `SELECT id FROM Ticket WHERE nextDueAt <= ? ORDER BY nextDueAt LIMIT ?`;

  async due(now: Date, limit: number): Promise<DueTicket[]> {
    const rows = await this.hot.db.all(Q.due, { now, limit });
    return rows.map((r) => ({
      id: String(r.id),
      receivedAt: readDate(r.receivedAt)!,
      number: String(r.number),
      propertyId: r.propertyId,
      status: r.status as TicketStatus,
      nature: r.nature,
      severity: r.severity as Severity | null,
      urgency: r.urgency as Urgency,
      category: r.category as Category | null,
      place: placeText({ building: str(r.building), unit: str(r.unit), roomNo: str(r.roomNo), location: str(r.location) }),
      description: String(r.description),
      phone: str(r.phone),
      appointmentAt: readDate(r.appointmentAt),
      attachments: readJson<unknown[]>(r.attachments)?.length ?? 0,
      assigneeId: str(r.assigneeId),
      residentId: str(r.residentId),
      deadlines: deadlinesOf(r),
      escalations: readJson<Escalations>(r.escalations) ?? {},
      nextDueAt: readDate(r.nextDueAt)!,
      offer: readJson<DueTicket["offer"]>(r.offer),
      building: str(r.building),
      quoteStatus: str(r.quoteStatus),
      declinedBy: (readJson<{ staffId: string }[]>(r.declinedBy) ?? []).map((d) => d.staffId),
    }));
  }

  private async write(tx: Runner, c: TicketChange, at: Date): Promise<boolean> {
    if ((await this.hot.update(tx, "Ticket", c.ticketId, { ...c.set, updatedAt: at }, { status: c.expect.status, nextDueAt: c.expect.nextDueAt })) !== 1)
      return false;
    await this.hot.records(tx, c);
    return true;
  }

  /** Writes a batch of changes in one transaction; a ticket changed meanwhile is skipped whole. */
  apply(changes: readonly TicketChange[], at: Date): Promise<{ applied: number; outbox: OutboxRecord[] }> {
    // one outer transaction (one fsync); any other failure rolls the batch back, and the next tick retries it
    return this.hot.db.transaction(async (tx) => {
      const written: OutboxRecord[] = [];
      let applied = 0;
      for (const c of changes) {
        let ok = false;
        if (c.expireOffer) {
          const offer = c.expireOffer;
          // a ticket whose offer expires: its two updates stand or fall together (a savepoint); answered meanwhile, it is skipped
          try {
            ok = await tx.transaction(async (sp) => {
              if ((await sp.run(Q.expire, { reason: offer.reason, at, id: offer.id })) !== 1)
                throw new ConflictError(`offer ${offer.id} was answered during the sweep`);
              if (!(await this.write(sp, c, at))) throw new ConflictError(`ticket ${c.ticketId} changed during the sweep`);
              return true;
            });
          } catch (err) {
            // the worker answered meanwhile: the next sweep reads the ticket afresh (anything else fails the batch)
            if (!(err instanceof ConflictError)) throw err;
          }
        } else ok = await this.write(tx, c, at);
        if (ok) {
          applied++;
          written.push(...c.outbox);
        }
      }
      return { applied, outbox: written };
    });
  }
}
