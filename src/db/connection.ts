import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { type Database, openDatabase } from "./client.js";
import { migrate } from "./migrate.js";
import { migratePostgres } from "./migrate-pg.js";
import type { Provider } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";
import { SqliteRunner } from "./sql/sqlite-runner.js";
import { PgRunner } from "./sql/pg-runner.js";
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client.js";

/** The provider follows the URL: file: → the embedded SQLite file, postgresql:// → a PostgreSQL server. */
export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must be file:… (SQLite) or postgresql://… (PostgreSQL), not "${url.slice(0, 20)}…"`);
}

const found = (...paths: string[]) => paths.map((p) => fileURLToPath(new URL(p, import.meta.url))).find((p) => existsSync(p))!;
/** each provider's migration history (from src/db or dist/src/db) */
export const MIGRATIONS: Record<Provider, string> = {
  sqlite: found("../../prisma/migrations", "../../../prisma/migrations"),
  postgresql: found("../../prisma/postgresql/migrations", "../../../prisma/postgresql/migrations"),
};

/**
 * The store seam's two handles on one database: Prisma (models: the admin API, the rarer reads) and the query
 * layer (the hot path, sweeps, outbox, statistics). Migrated at open; nothing else knows which database it is.
 */
export interface Store {
  provider: Provider;
  prisma: Database;
  sql: Runner;
  migrated: string[];
  close(): Promise<void>;
}

export async function openStore(
  url: string,
  opts: { poolSize?: number; migrations?: string /** a pooled connection the server ended (it is replaced) */; onConnectionError?: (err: Error) => void } = {},
): Promise<Store> {
  const provider = providerOf(url);
  if (provider === "postgresql") {
    const migrated = await migratePostgres(url, opts.migrations ?? MIGRATIONS.postgresql);
    const max = opts.poolSize ?? 10;
    // (the PostgreSQL client is generated from the same models: the same API, typed as the SQLite one)
    const prismaPool = PgRunner.pool(url, max, opts.onConnectionError);
    const prisma = new PgPrismaClient({ adapter: new PrismaPg(prismaPool) }) as unknown as Database;
    const sql = PgRunner.connect(url, max, opts.onConnectionError);
    return {
      provider,
      prisma,
      sql,
      migrated,
      async close() {
        await sql.close();
        await prisma.$disconnect();
        await prismaPool.end().catch(() => undefined);
      },
    };
  }
  const prisma = await openDatabase(url);
  const migrated = await migrate(prisma, opts.migrations ?? MIGRATIONS.sqlite);
  // the one connection this process writes through (two writers would wait on each other's locks);
  // WAL lets readers run beside it, FULL makes every commit survive a power cut, group commit pays that fsync once
  const file = new BetterSqlite3(url.replace(/^file:/, ""));
  file.pragma("journal_mode = WAL");
  file.pragma("synchronous = FULL");
  file.pragma("busy_timeout = 5000");
  file.pragma("foreign_keys = ON");
  return {
    provider,
    prisma,
    sql: new SqliteRunner(file),
    migrated,
    async close() {
      file.close();
      await prisma.$disconnect();
    },
  };
}
