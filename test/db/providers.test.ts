import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { param, query } from "../../src/db/sql/query.js";
import { readDate, readFlag, readJson } from "../../src/db/sql/values.js";
import { migratePostgres } from "../../src/db/migrate-pg.js";
import { HotPath } from "../../src/db/hot-path.js";
import { parsePolicy } from "../../src/core/policy/policy.js";
import { freshDatabase, PG_MIGRATIONS, providers, type TestDatabase } from "../helpers/databases.js";

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

const addProperty = query((k) =>
  k.insertInto("Property").values({ id: param("id"), name: param("name"), policy: param("policy"), updatedAt: param<Date>("at") }),
);
const addStaff = query((k) =>
  k.insertInto("Staff").values({
    id: param("id"),
    propertyId: param("propertyId"),
    name: param("name"),
    roles: param("roles"),
    skills: param("skills"),
    buildings: param("buildings"),
    active: param<boolean>("active"),
    lastAssignedAt: param<Date>("lastAssignedAt"),
    updatedAt: param<Date>("at"),
  }),
);
const staffById = query<{ name: string; roles: unknown; active: unknown; lastAssignedAt: unknown }>((k) =>
  k.selectFrom("Staff").select(["name", "roles", "active", "lastAssignedAt"]).where("id", "=", param("id")),
);

describe.each(providers)("one query layer on %s", (provider) => {
  it("writes and reads back the same dates (whatever the host's zone), flags, JSON and Chinese text", async () => {
    db = await freshDatabase(provider);
    const r = db.connect();
    const at = new Date("2026-11-23T02:00:00.123Z");
    await r.run(addProperty, { id: "demo", name: "示范小区", policy: { timezone: "Asia/Shanghai" }, at });
    await r.run(addStaff, {
      id: "s-li",
      propertyId: "demo",
      name: "李师傅",
      roles: ["technician"],
      skills: ["plumbing", "电工"],
      buildings: [],
      active: false,
      lastAssignedAt: at,
      at,
    });
    const row = await r.one(staffById, { id: "s-li" });
    expect(row?.name).toBe("李师傅");
    expect(readJson(row?.roles)).toEqual(["technician"]);
    expect(readFlag(row?.active)).toBe(false);
    expect(readDate(row?.lastAssignedAt)?.toISOString()).toBe("2026-11-23T02:00:00.123Z");
    expect(await r.one(staffById, { id: "nobody" })).toBeUndefined();
  });

  it("a transaction that fails writes nothing of itself", async () => {
    db = await freshDatabase(provider);
    const r = db.connect();
    const at = new Date();
    await expect(
      r.transaction(async (tx) => {
        await tx.run(addProperty, { id: "p1", name: "一号", policy: {}, at });
        await tx.run(addProperty, { id: "p1", name: "again", policy: {}, at });
      }),
    ).rejects.toThrow();
    expect(await r.all(query((k) => k.selectFrom("Property").select("id")))).toEqual([]);
  });
});

describe.skipIf(!providers.includes("postgresql"))("one chat's turn across instances (PostgreSQL)", () => {
  it("waits for the other instance's turn of the same chat to commit; another chat's turn does not wait", async () => {
    db = await freshDatabase("postgresql");
    const policy = parsePolicy({});
    const a = new HotPath(db.connect(), () => policy);
    const b = new HotPath(db.connect(), () => policy);
    const log: string[] = [];
    const hold = (name: string, ms: number) => async () => {
      log.push(`${name} in`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name} out`);
    };
    const first = a.exclusive("web:same", hold("a", 300));
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all([first, b.exclusive("web:same", hold("b", 10)), b.exclusive("web:other", hold("c", 10))]);
    expect(log).toEqual(["a in", "c in", "c out", "a out", "b in", "b out"]);
  });
});

describe("SQLite migrations", () => {
  it("are applied at open and prisma migrate status agrees", async () => {
    db = await freshDatabase("sqlite");
    const { stdout } = await promisify(execFile)("npx", ["prisma", "migrate", "status"], { env: { ...process.env, DATABASE_URL: db.url } });
    expect(stdout).toContain("Database schema is up to date!");
  }, 60_000);
});

describe.skipIf(!providers.includes("postgresql"))("PostgreSQL migrations", () => {
  it("are applied once, by one of several instances starting together, and prisma migrate status agrees", async () => {
    db = await freshDatabase("postgresql");
    // the database is migrated; two more instances starting at once find nothing to do
    expect(await Promise.all([migratePostgres(db.url, PG_MIGRATIONS), migratePostgres(db.url, PG_MIGRATIONS)])).toEqual([[], []]);
    const { stdout } = await promisify(execFile)("npx", ["prisma", "migrate", "status", "--config", "prisma.pg.config.ts"], {
      env: { ...process.env, DATABASE_URL: db.url },
    });
    expect(stdout).toContain("Database schema is up to date!");
  }, 60_000);
});
