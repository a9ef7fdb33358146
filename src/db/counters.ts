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

/**
 * The next value of a key. Its own commit need not wait for the disk (`lazy`): whatever uses the number is
 * committed durably after it, and that commit carries this one to the disk too (both databases write their log
 * in order); lost to a power cut before that, the number is a gap, never a repeat. Inside a transaction it is
 * that transaction's.
 */
export async function nextValue(db: Runner, key: string, atLeast = 1): Promise<number> {
  const row = await db.transaction((tx) => tx.one(bump, { key, at_least: atLeast }), { lazy: true });
  if (!row) throw new Error(`counter ${key}: no value returned`);
  return Number(row.value);
}
