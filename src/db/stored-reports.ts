import type { Runner } from "./sql/runner.js";
import { param, query, type Query } from "./sql/query.js";
import { readDate, readJson } from "./sql/values.js";

/** A daily follow-up or monthly report as the scheduler stored it (what was sent to chat, kept to read again). */
export interface StoredReportRow {
  propertyId: string;
  kind: "daily" | "monthly";
  period: string;
  createdAt: Date;
}

const listQuery = (properties: number | "all", kind: boolean) =>
  query<Record<string, unknown>>((k) => {
    let q = k.selectFrom("StoredReport").select(["propertyId", "kind", "period", "createdAt"]);
    if (properties !== "all")
      q = q.where(
        "propertyId",
        "in",
        Array.from({ length: properties }, (_, i) => param<string>(`p${i}`)),
      );
    if (kind) q = q.where("kind", "=", param("kind"));
    // newest first; before= pages back through older ones
    return q.where("period", "<", param("before")).orderBy("period", "desc").orderBy("kind").orderBy("propertyId").limit(param("limit"));
  });

const oneQuery = query<Record<string, unknown>>((k) =>
  k
    .selectFrom("StoredReport")
    .select(["propertyId", "kind", "period", "createdAt", "content"])
    .where("propertyId", "=", param("propertyId"))
    .where("kind", "=", param("kind"))
    .where("period", "=", param("period")),
);

const rowOf = (r: Record<string, unknown>): StoredReportRow => ({
  propertyId: String(r.propertyId),
  kind: r.kind === "monthly" ? "monthly" : "daily",
  period: String(r.period),
  createdAt: readDate(r.createdAt)!,
});

/** The stored reports of the properties one may see, for GET /api/reports and the console's 报表 page. */
export class StoredReports {
  private readonly shapes = new Map<string, Query<Record<string, unknown>>>();
  constructor(private readonly sql: Runner) {}

  /** properties undefined: every property; periods before `before` (a day or month key), newest first */
  async list(f: { properties?: readonly string[]; kind?: "daily" | "monthly"; before?: string; limit: number }): Promise<StoredReportRow[]> {
    if (f.properties?.length === 0) return [];
    const key = `${f.properties?.length ?? "all"}:${!!f.kind}`;
    let q = this.shapes.get(key);
    if (!q) this.shapes.set(key, (q = listQuery(f.properties?.length ?? "all", !!f.kind)));
    const values: Record<string, unknown> = { kind: f.kind, before: f.before ?? "\uffff", limit: f.limit };
    f.properties?.forEach((p, i) => {
      values[`p${i}`] = p;
    });
    return (await this.sql.all(q, values)).map(rowOf);
  }

  async one(propertyId: string, kind: string, period: string): Promise<(StoredReportRow & { content: unknown }) | undefined> {
    const r = await this.sql.one(oneQuery, { propertyId, kind, period });
    return r ? { ...rowOf(r), content: readJson(r.content) } : undefined;
  }
}
