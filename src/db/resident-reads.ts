import { WAITING_STATUSES, type Category, type Place, type TicketStatus } from "../core/ticket/domain.js";
import type { SimilarTicket } from "../core/conversation/types.js";
import { ts, type SqliteHotPath } from "./hot-path.js";
import { placeText } from "./rows.js";

const IN = `(${WAITING_STATUSES.map((s) => `'${s}'`).join(", ")})`;

type Row = Record<string, string | number | null>;
const date = (v: string | number | null | undefined) => (v == null ? null : new Date(String(v)));

/**
 * What the report flow reads before filing (a repeat? past the day's limit?), on the driver with
 * prepared statements: it runs for every report filed, and Prisma's queries wait on one another.
 */
export class ResidentReads {
  private readonly q;

  constructor(hot: SqliteHotPath) {
    const p = (sql: string) => hot.db.prepare(sql);
    const cols = `t.id, t.number, t.status, t.description, t.building, t.unit, t.roomNo, t.location, t.appointmentAt, t.asap, t.receivedAt, t.category,
      t.residentId, t.arriveDueAt, t.dispatchDueAt, s.name AS assigneeName FROM Ticket t LEFT JOIN Staff s ON s.id = t.assigneeId`;
    this.q = {
      mine: p(`SELECT ${cols} WHERE t.residentId = ? AND t.status IN ${IN} AND t.receivedAt >= ? ORDER BY t.receivedAt DESC LIMIT 10`),
      room: p(
        `SELECT ${cols} WHERE t.building = ? AND t.unit IS ? AND t.roomNo = ? AND t.status IN ${IN} AND t.receivedAt >= ? ORDER BY t.receivedAt DESC LIMIT 10`,
      ),
      filed: p(`SELECT COUNT(*) AS n FROM Ticket WHERE residentId = ? AND receivedAt >= ?`),
    };
  }

  openSince(residentId: string, place: Place | null, since: Date): SimilarTicket[] {
    const rows = this.q.mine.all(residentId, ts(since)) as Row[];
    if (place?.kind === "room") rows.push(...(this.q.room.all(place.building, place.unit, place.room, ts(since)) as Row[]));
    const seen = new Set<string>();
    return rows
      .filter((r) => !seen.has(String(r.id)) && seen.add(String(r.id)))
      .sort((a, b) => String(b.receivedAt).localeCompare(String(a.receivedAt)))
      .map((r) => ({
        id: String(r.id),
        number: String(r.number),
        status: r.status as TicketStatus,
        description: String(r.description),
        place: placeText(r as never),
        appointmentAt: date(r.appointmentAt),
        asap: r.asap === 1,
        receivedAt: new Date(String(r.receivedAt)),
        category: (r.category as Category | null) ?? null,
        mine: r.residentId === residentId,
        assigneeName: (r.assigneeName as string | null) ?? null,
        arriveDueAt: date(r.arriveDueAt),
        dispatchDueAt: date(r.dispatchDueAt),
      }));
  }

  filedSince(residentId: string, since: Date): number {
    return Number((this.q.filed.get(residentId, ts(since)) as { n: number }).n);
  }
}
