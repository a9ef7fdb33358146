import { sql } from "kysely";
import { param, query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";

/**
 * Counters kept in the database, atomic on both providers, so several instances never hand out one number
 * twice: one row per key, bumped by one upsert. `at_least` seeds a key that has no row yet (numbers given
 * before counters were kept: the highest stored, plus one); an existing row is only ever bumped.
 */
const bump = query<{ value: number }>((k) =>
  k
    .insertInto("Counter")
    .values({ key: param("key"), value: param<number>("at_least") })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        value: sql<number>`CASE WHEN ${sql.ref("Counter.value")} + 1 >= ${sql.ref("excluded.value")} THEN ${sql.ref("Counter.value")} + 1 ELSE ${sql.ref("excluded.value")} END`,
      }),
    )
    .returning("value"),
);

export async function nextValue(db: Runner, key: string, atLeast = 1): Promise<number> {
  const row = await db.one(bump, { key, at_least: atLeast });
  if (!row) throw new Error(`counter ${key}: no value returned`);
  return Number(row.value);
}
