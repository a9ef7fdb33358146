import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { Writable } from "node:stream";
import { createApp, type App } from "../../src/app.js";
import { createConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { TestClock } from "./clock.js";
import { dropServiceDatabase, serviceDatabaseUrl } from "./databases.js";

export const ADMIN_TOKEN = "test-admin-token-0123456789";
/** Monday 2026-11-23 10:00 in Asia/Shanghai, the fixtures' reference time. */
export const MONDAY_10AM = "2026-11-23T10:00:00+08:00";

export interface RunningApp {
  app: App;
  url: string;
  clock: TestClock;
  dir: string;
  /** every log line written, as text */
  logs: string[];
  admin(path: string): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
  /** stop and remove the database */
  destroy(): Promise<void>;
}

/** Starts the real service on a loopback port with its own database (SQLite file, or PostgreSQL: TEST_DATABASE), or an existing one for restarts. */
export async function startApp(
  opts: {
    dir?: string;
    clock?: TestClock;
    env?: Record<string, string>;
    webhookPath?: string;
    wechatPuppet?: unknown;
    /** settings that differ from the demo property's policy (merged into policies/demo.yaml) */
    policy?: Record<string, unknown>;
    /** further properties, each with the demo's policy under its own id and name */
    alsoProperties?: { id: string; name: string }[];
  } = {},
): Promise<RunningApp> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), "baoshi-test-"));
  const clock = opts.clock ?? new TestClock(MONDAY_10AM);
  // a webhook URL names the port, so the port is chosen before the server starts
  const port = opts.webhookPath ? await freePort() : 0;
  const webhook = opts.webhookPath
    ? { TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}${opts.webhookPath}`, TELEGRAM_WEBHOOK_SECRET: "test-webhook-secret" }
    : {};
  // each service reads its own policies folder, starting with the quick start's demo property
  const policies = join(dir, "policies");
  if (!existsSync(policies)) {
    mkdirSync(policies);
    const demo = parse(readFileSync(new URL("../../policies/demo.yaml", import.meta.url), "utf8")) as { policy: Record<string, unknown> };
    demo.policy = { ...demo.policy, ...opts.policy };
    writeFileSync(join(policies, "demo.yaml"), stringify(demo));
    for (const p of opts.alsoProperties ?? []) writeFileSync(join(policies, `${p.id}.yaml`), stringify({ ...demo, name: p.name }));
  }
  const config = createConfig({ DATABASE_URL: await serviceDatabaseUrl(dir), ADMIN_TOKEN, POLICIES_DIR: policies, ...opts.env, ...webhook });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ level: "info", format: "json", destination });
  const app = await createApp(config, { clock, log, ...(opts.wechatPuppet ? { wechatPuppet: opts.wechatPuppet as never } : {}) });
  await app.server.listen({ port, host: "127.0.0.1" });
  await app.startChannels();
  const address = app.server.server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const running: RunningApp = {
    app,
    url,
    clock,
    dir,
    logs,
    async admin(path) {
      const res = await fetch(url + path, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      return { status: res.status, body: await res.json() };
    },
    stop: () => app.close(),
    async destroy() {
      await app.close();
      await dropServiceDatabase(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return running;
}

/** A free loopback port (for a URL that must be known before the server listens). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
