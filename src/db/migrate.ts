import { randomUUID } from "node:crypto";
import { migrationFiles } from "./migration-files.js";
import type { Database } from "./client.js";

/**
 * Applies prisma/migrations/* that are not yet applied, at start. Keeps Prisma's own
 * _prisma_migrations table (same checksum), so `prisma migrate status` and `migrate deploy`
 * agree with it; done in-process because the CLI takes seconds to start.
 */
export async function migrate(db: Database, dir: string): Promise<string[]> {
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
    "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
  const applied = new Set(
    (
      await db.$queryRawUnsafe<{ migration_name: string }[]>(
        `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
    ).map((r) => r.migration_name),
  );
  const done: string[] = [];
  for (const { name, sql, checksum } of migrationFiles(dir)) {
    if (applied.has(name)) continue;
    const statements = sql
      .split(/;\s*(?:\r?\n|$)/)
      .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
      .filter(Boolean);
    const started = new Date().toISOString();
    await db.$transaction(async (tx) => {
      for (const s of statements) await tx.$executeRawUnsafe(s);
      await tx.$executeRawUnsafe(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
        randomUUID(),
        checksum,
        new Date().toISOString(),
        name,
        started,
      );
    });
    done.push(name);
  }
  return done;
}
