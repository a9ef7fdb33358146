import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import type { Provider } from "../../src/db/sql/query.js";
import type { Runner } from "../../src/db/sql/runner.js";
import { SqliteRunner } from "../../src/db/sql/sqlite-runner.js";
import { PgRunner } from "../../src/db/sql/pg-runner.js";
import { openDatabase } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { migratePostgres } from "../../src/db/migrate-pg.js";

/**
 * The databases a store test runs on: always a real SQLite file; PostgreSQL too when a server is given
 * (TEST_PG_URL: `npm test` starts a throwaway cluster where PostgreSQL is installed, scripts/test.sh).
 */
export const PG_URL = process.env.TEST_PG_URL;
export const providers: Provider[] = PG_URL ? ["sqlite", "postgresql"] : ["sqlite"];

export const SQLITE_MIGRATIONS = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
export const PG_MIGRATIONS = fileURLToPath(new URL("../../prisma/postgresql/migrations", import.meta.url));

/** A fresh, migrated database of this provider; `connect()` opens another connection to it (another instance). */
export interface TestDatabase {
  provider: Provider;
  url: string;
  connect(): Runner;
  drop(): Promise<void>;
}

export async function freshDatabase(provider: Provider): Promise<TestDatabase> {
  const opened: Runner[] = [];
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "baoshi-store-"));
    const file = join(dir, "test.db");
    const prisma = await openDatabase(`file:${file}`);
    await migrate(prisma, SQLITE_MIGRATIONS);
    await prisma.$disconnect();
    const conns: BetterSqlite3.Database[] = [];
    return {
      provider,
      url: `file:${file}`,
      connect() {
        const c = new BetterSqlite3(file);
        c.pragma("journal_mode = WAL");
        c.pragma("busy_timeout = 5000");
        conns.push(c);
        const r = new SqliteRunner(c);
        opened.push(r);
        return r;
      },
      async drop() {
        for (const c of conns) c.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { name, url } = await createPgDatabase();
  await migratePostgres(url, PG_MIGRATIONS);
  return {
    provider,
    url,
    connect() {
      const r = PgRunner.connect(url, 4);
      opened.push(r);
      return r;
    },
    async drop() {
      for (const r of opened) await r.close();
      const a = new pg.Client({ connectionString: PG_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/**
 * TEST_DATABASE=postgresql runs the service suites on PostgreSQL: each service gets a database of its own on
 * the test server, named in its folder (a restart on the same folder finds the same database).
 */
export const SERVICE_DATABASE: Provider = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";

export async function serviceDatabaseUrl(dir: string): Promise<string> {
  if (SERVICE_DATABASE === "sqlite") return `file:${join(dir, "baoshi.db")}`;
  const named = join(dir, "pg-url");
  if (existsSync(named)) return readFileSync(named, "utf8");
  const { url } = await createPgDatabase();
  writeFileSync(named, url);
  return url;
}

export async function dropServiceDatabase(dir: string): Promise<void> {
  const named = join(dir, "pg-url");
  if (!PG_URL || !existsSync(named)) return;
  const name = readFileSync(named, "utf8").replace(/^.*\//, "");
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/** PostgreSQL refuses the service's database (its connections ended, new ones refused), or lets it in again. */
export async function refuseConnections(dir: string, refuse: boolean): Promise<void> {
  const name = readFileSync(join(dir, "pg-url"), "utf8").replace(/^.*\//, "");
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS ${refuse ? "false" : "true"}`);
  if (refuse) await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
  await admin.end();
}

/** A new, empty database on the test server. */
async function createPgDatabase(): Promise<{ name: string; url: string }> {
  if (!PG_URL) throw new Error("TEST_PG_URL is not set: no PostgreSQL server to test on (npm test starts one, scripts/test.sh)");
  const name = `baoshi_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return { name, url: PG_URL.replace(/\/[^/]*$/, `/${name}`) };
}
