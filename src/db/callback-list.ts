import { param, query, type Query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";
import { readDate } from "./sql/values.js";

/** A callback waiting to be made, as the console's 回访 list shows it. */
export interface DueCallback {
  id: string;
  kind: string;
  dueAt: Date;
  steward: string | null;
  number: string;
  propertyId: string;
  place: string | null;
  description: string;
  /** the resident's phone, to call (E.164) */
  phone: string | null;
  assignee: string | null;
  completedAt: Date | null;
}

function listQuery(properties: number | "all", mine: boolean) {
  return query<Record<string, unknown>>((k) => {
    let q = k
      .selectFrom("Callback as c")
      .innerJoin("Ticket as t", "t.id", "c.ticketId")
      .leftJoin("Staff as s", "s.id", "c.stewardId")
      .leftJoin("Staff as a", "a.id", "t.assigneeId")
      .select([
        "c.id",
        "c.kind",
        "c.dueAt",
        "s.name as steward",
        "t.number",
        "t.propertyId",
        "t.room",
        "t.location",
        "t.description",
        "t.phone",
        "a.name as assignee",
        "t.completedAt",
      ])
      .where("c.status", "=", param("pending"));
    if (properties !== "all")
      q = q.where(
        "t.propertyId",
        "in",
        Array.from({ length: properties }, (_, i) => param<string>(`p${i}`)),
      );
    // a steward's own, and those no steward has been given yet
    if (mine) q = q.where((eb) => eb.or([eb("c.stewardId", "=", param("stewardId")), eb("c.stewardId", "is", null)]));
    return q.orderBy("c.dueAt").orderBy("c.id").limit(param("limit"));
  });
}

/** The callbacks still to make: a steward's own, or every one of the properties a lead may see; soonest due first. */
export class CallbackList {
  private readonly shapes = new Map<string, Query<Record<string, unknown>>>();
  constructor(private readonly sql: Runner) {}

  async pending(f: { properties?: readonly string[]; stewardId?: string; limit?: number }): Promise<DueCallback[]> {
    if (f.properties?.length === 0) return [];
    const key = `${f.properties?.length ?? "all"}:${!!f.stewardId}`;
    let q = this.shapes.get(key);
    if (!q) this.shapes.set(key, (q = listQuery(f.properties?.length ?? "all", !!f.stewardId)));
    const values: Record<string, unknown> = { pending: "pending", limit: f.limit ?? 200, stewardId: f.stewardId };
    f.properties?.forEach((p, i) => {
      values[`p${i}`] = p;
    });
    const rows = await this.sql.all(q, values);
    return rows.map((r) => ({
      id: String(r.id),
      kind: String(r.kind),
      dueAt: readDate(r.dueAt)!,
      steward: (r.steward as string | null) ?? null,
      number: String(r.number),
      propertyId: String(r.propertyId),
      place: (r.room as string | null) ?? (r.location as string | null) ?? null,
      description: String(r.description),
      phone: (r.phone as string | null) ?? null,
      assignee: (r.assignee as string | null) ?? null,
      completedAt: readDate(r.completedAt),
    }));
  }
}
