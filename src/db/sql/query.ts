import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";
import type { Compilable } from "kysely";
import * as pgJson from "kysely/helpers/postgres";
import * as sqliteJson from "kysely/helpers/sqlite";
import type { DB } from "../../generated/kysely/tables.js";

export type Provider = "sqlite" | "postgresql";

/**
 * One query layer for both databases: a query is written once with Kysely's builder, compiled once per
 * provider into that dialect's SQL, and run as a prepared statement on the provider's own driver
 * (better-sqlite3, pg) — so the hot path keeps its speed and no second dialect is written by hand.
 * Values are named with `param("name")` where the query is built and given when it runs.
 */
export type Builder = Kysely<DB>;

const SENTINEL = "\u0000param:";
/** A value given when the query runs (typed as the column it stands for). */
export const param = <T = never>(name: string): T => `${SENTINEL}${name}` as unknown as T;

/** Kysely's JSON helpers of the provider (a row's related rows as one JSON value; read back with readJson). */
export interface JsonHelpers {
  jsonObjectFrom: typeof sqliteJson.jsonObjectFrom;
  jsonArrayFrom: typeof sqliteJson.jsonArrayFrom;
}
const jsonHelpers: Record<Provider, JsonHelpers> = {
  sqlite: sqliteJson,
  postgresql: pgJson as unknown as JsonHelpers,
};

/** A query to prepare: its builder, and what its rows look like. */
export interface Query<Row = unknown> {
  /** (provider: for the rare clause only one database has, such as PostgreSQL's FOR UPDATE SKIP LOCKED) */
  readonly build: (k: Builder, json: JsonHelpers, provider: Provider) => Compilable<unknown>;
  readonly _row?: Row;
}
export const query = <Row = unknown>(build: (k: Builder, json: JsonHelpers, provider: Provider) => Compilable<unknown>): Query<Row> => ({ build });

export interface Compiled {
  sql: string;
  /** for each placeholder: the value's name (given at run time), or the constant the builder held */
  slots: ({ name: string } | { value: unknown })[];
}

// builders that only compile (no connection): the dialect's SQL, nothing else
const builders: Record<Provider, Builder> = {
  sqlite: new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgresql: new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

const compiledOf: Record<Provider, WeakMap<Query<unknown>, Compiled>> = { sqlite: new WeakMap(), postgresql: new WeakMap() };

/** The query in this provider's SQL (compiled once, then remembered). */
export function compile(q: Query<unknown>, provider: Provider): Compiled {
  const known = compiledOf[provider].get(q);
  if (known) return known;
  const c = q.build(builders[provider], jsonHelpers[provider], provider).compile();
  const compiled: Compiled = {
    sql: c.sql,
    slots: c.parameters.map((p) => (typeof p === "string" && p.startsWith(SENTINEL) ? { name: p.slice(SENTINEL.length) } : { value: p })),
  };
  compiledOf[provider].set(q, compiled);
  return compiled;
}

/** The placeholders' values, in order, from the named values given at run time. */
export function bind(c: Compiled, values: Readonly<Record<string, unknown>>): unknown[] {
  return c.slots.map((s) => {
    if ("value" in s) return s.value;
    if (!(s.name in values)) throw new Error(`query parameter "${s.name}" was not given`);
    return values[s.name];
  });
}
