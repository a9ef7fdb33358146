import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A provider's migrations in order, each with its SQL and the checksum Prisma records for it. */
export function migrationFiles(dir: string): { name: string; sql: string; checksum: string }[] {
  return readdirSync(dir)
    .filter((n) => existsSync(join(dir, n, "migration.sql")))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}
