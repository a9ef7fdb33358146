import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { startApp } from "./helpers/app.js";

describe("starting the service", () => {
  it("a bad setting stops the start with one line naming the variable", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { ...process.env, PORT: "abc", DATABASE_URL: "file:/nonexistent/never-created.db" },
      encoding: "utf8",
      timeout: 20000,
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n").filter((l) => !l.startsWith("npm warn"));
    expect(lines).toEqual([expect.stringMatching(/^config error: PORT .*\(got "abc"\)$/)]);
  });

  it("the embedded database runs in WAL mode with durable commits, migrated at start", async () => {
    const svc = await startApp();
    const [mode] = await svc.app.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode!.journal_mode).toBe("wal");
    const applied = await svc.app.db.$queryRawUnsafe<{ migration_name: string }[]>("SELECT migration_name FROM _prisma_migrations");
    expect(applied.map((m) => m.migration_name)).toContain("20261123000000_init");
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
    await svc.destroy();
  });
});
