import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.js";

export type Database = PrismaClient;

/** Opens the embedded SQLite database (creating its folder) with the pragmas the adapter leaves unset. */
export async function openDatabase(url: string): Promise<Database> {
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  // WAL lets readers run beside the writer; FULL makes every commit survive a power cut;
  // group commit (committer.ts) pays that fsync once for many messages.
  await db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous=FULL");
  await db.$executeRawUnsafe("PRAGMA busy_timeout=5000");
  await db.$executeRawUnsafe("PRAGMA foreign_keys=ON");
  return db;
}
