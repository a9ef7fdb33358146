import { param, query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";

const after = query<{ id: string; propertyId: string }>((k) =>
  k.selectFrom("Event").select(["id", "propertyId"]).where("id", ">", param("after")).orderBy("id").limit(param("limit")),
);
const newest = query<{ id: string | null }>((k) => k.selectFrom("Event").select((eb) => eb.fn.max("id").as("id")));

/**
 * What changed since: events are written with every change, in id order (UUID v7), whichever instance or job
 * wrote them — so reading past the last id seen tells every open board of every change, on one database or several instances.
 */
export class FeedStore {
  constructor(private readonly sql: Runner) {}

  async newest(): Promise<string> {
    return (await this.sql.one(newest))?.id ?? "";
  }

  since(id: string, limit = 1000): Promise<{ id: string; propertyId: string }[]> {
    return this.sql.all(after, { after: id, limit });
  }
}
