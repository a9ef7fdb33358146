import { SERVICE_DATABASE } from "./helpers/databases.js";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freePort, startApp } from "./helpers/app.js";

describe("starting the service", () => {
  it("a bad setting stops the start with one line naming the variable", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { ...process.env, PORT: "abc", DATABASE_URL: "file:/nonexistent/never-created.db" },
      encoding: "utf8",
      timeout: 20000,
    });
    expect(r.status).toBe(1);
    const lines = r.stderr
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("npm warn"));
    expect(lines).toEqual([expect.stringMatching(/^config error: PORT .*\(got "abc"\)$/)]);
  });

  it("stopping `npm start` (SIGTERM to npm) stops the server too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "baoshi-start-"));
    const port = await freePort();
    const npm = spawn("npm", ["start", "--silent"], {
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${join(dir, "b.db")}`, LOG_FORMAT: "json" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    npm.stdout.on("data", (d) => (out += String(d)));
    const up = async () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
    for (let i = 0; i < 200 && !out.includes("Baoshi is serving"); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await up()).toBe(200);
    npm.kill("SIGTERM");
    let status = 200;
    for (let i = 0; i < 100 && status !== 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = await up();
    }
    expect(status).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(SERVICE_DATABASE !== "sqlite")("the embedded database runs in WAL mode with durable commits, migrated at start", async () => {
    const svc = await startApp();
    const [mode] = await svc.app.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode!.journal_mode).toBe("wal");
    const applied = await svc.app.db.$queryRawUnsafe<{ migration_name: string }[]>("SELECT migration_name FROM _prisma_migrations");
    expect(applied.map((m) => m.migration_name)).toContain("20261123000000_init");
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
    await svc.destroy();
  });
});
