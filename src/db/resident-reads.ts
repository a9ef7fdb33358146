import { WAITING_STATUSES, type Category, type Place, type TicketStatus } from "../core/ticket/domain.js";
import type { SimilarTicket } from "../core/conversation/types.js";
import { placeText } from "./rows.js";
import { param, query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";
import { readDate, readFlag } from "./sql/values.js";

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

const COLUMNS = [
  "t.id",
  "t.number",
  "t.status",
  "t.description",
  "t.building",
  "t.unit",
  "t.roomNo",
  "t.location",
  "t.appointmentAt",
  "t.asap",
  "t.receivedAt",
  "t.category",
  "t.residentId",
  "t.arriveDueAt",
  "t.dispatchDueAt",
] as const;

const Q = {
  mine: query<Row>((k) =>
    k
      .selectFrom("Ticket as t")
      .leftJoin("Staff as s", "s.id", "t.assigneeId")
      .select([...COLUMNS, "s.name as assigneeName"])
      .where("t.residentId", "=", param("residentId"))
      .where("t.status", "in", [...WAITING_STATUSES])
      .where("t.receivedAt", ">=", param("since"))
      .orderBy("t.receivedAt", "desc")
      .orderBy("t.id", "desc")
      .limit(10),
  ),
  room: query<Row>((k) =>
    k
      .selectFrom("Ticket as t")
      .leftJoin("Staff as s", "s.id", "t.assigneeId")
      .select([...COLUMNS, "s.name as assigneeName"])
      .where("t.building", "=", param("building"))
      .where("t.unit", "is not distinct from", param("unit"))
      .where("t.roomNo", "=", param("room"))
      .where("t.status", "in", [...WAITING_STATUSES])
      .where("t.receivedAt", ">=", param("since"))
      .orderBy("t.receivedAt", "desc")
      .orderBy("t.id", "desc")
      .limit(10),
  ),
  filed: query<{ n: unknown }>((k) =>
    k
      .selectFrom("Ticket")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("residentId", "=", param("residentId"))
      .where("receivedAt", ">=", param("since")),
  ),
};

/**
 * What the report flow reads before filing (a repeat? past the day's limit?), as prepared queries: it runs
 * for every report filed, and Prisma's queries wait on one another.
 */
export class ResidentReads {
  constructor(private readonly db: Runner) {}

  async openSince(residentId: string, place: Place | null, since: Date): Promise<SimilarTicket[]> {
    const rows = await this.db.all(Q.mine, { residentId, since });
    if (place?.kind === "room") rows.push(...(await this.db.all(Q.room, { building: place.building, unit: place.unit, room: place.room, since })));
    const seen = new Set<string>();
    return rows
      .filter((r) => !seen.has(String(r.id)) && seen.add(String(r.id)))
      .map((r) => ({
        id: String(r.id),
        number: String(r.number),
        status: r.status as TicketStatus,
        description: String(r.description),
        place: placeText({ building: str(r.building), unit: str(r.unit), roomNo: str(r.roomNo), location: str(r.location) }),
        appointmentAt: readDate(r.appointmentAt),
        asap: readFlag(r.asap),
        receivedAt: readDate(r.receivedAt)!,
        category: (r.category as Category | null) ?? null,
        mine: r.residentId === residentId,
        assigneeName: str(r.assigneeName),
        arriveDueAt: readDate(r.arriveDueAt),
        dispatchDueAt: readDate(r.dispatchDueAt),
      }))
      .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
  }

  async filedSince(residentId: string, since: Date): Promise<number> {
    return Number((await this.db.one(Q.filed, { residentId, since }))?.n ?? 0);
  }
}
