import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, freePort } from "../helpers/app.js";
import { BotApiDouble } from "../helpers/bot-api-double.js";
import { telegramEnv, UNPACED } from "../helpers/telegram.js";
import { freshDatabase, SERVICE_DATABASE, type TestDatabase } from "../helpers/databases.js";

/**
 * Two instances of Baoshi, each a real process, on one PostgreSQL database, behind a "load balancer" that sends
 * each request to either and retries on the other when one does not answer (the same message id, as a page
 * retries). Run in the PostgreSQL pass of the suite.
 */
interface Instance {
  url: string;
  child: ChildProcess;
}

let db: TestDatabase;
let dir: string;
let double: BotApiDouble;
const instances: Instance[] = [];
/** the technician every report goes to, bound on Telegram */
const TECHNICIAN = 8101;

async function start(name: string): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      DATABASE_POOL: "6",
      POLICIES_DIR: join(dir, "policies"),
      PORT: String(port),
      HOST: "127.0.0.1",
      ADMIN_TOKEN,
      LOG_LEVEL: "warn",
      SCHEDULER: "off",
      // the bot's sender lease passes within two seconds of its holder's death
      JOB_LEASE: "2s",
      ...telegramEnv(double, UNPACED),
    },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`instance ${name} did not start`);
}

type Reply = { text: string; choices?: { label: string; value: string }[] };

/** Posts to the instance chosen, or the other one if it does not answer (the load balancer's retry). */
async function post(first: number, body: Record<string, unknown>): Promise<Reply[]> {
  const messageId = `m-${randomUUID().slice(0, 20)}`;
  for (const i of [first % 2, (first + 1) % 2]) {
    const res = await fetch(`${instances[i]!.url}/api/webchat/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, messageId }),
    }).catch(() => undefined);
    if (res?.ok) return ((await res.json()) as { replies: Reply[] }).replies;
  }
  throw new Error("neither instance answered");
}

async function tickets(): Promise<{ number: string; phone: string | null; room: string | null; description: string }[]> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  const rows = (await c.query(`SELECT number, phone, room, description FROM "Ticket" ORDER BY number`)).rows;
  await c.end();
  return rows;
}

/** A plumber on duty for every building, bound on Telegram (rows written as the admin API and 绑定 would). */
async function bindTechnician() {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query(
    `INSERT INTO "Staff" (id, "propertyId", name, roles, skills, buildings, "updatedAt") VALUES ('s-li', 'demo', '李', '["technician"]', '["plumbing"]', '[]', now())`,
  );
  await c.query(`INSERT INTO "StaffIdentity" (id, "staffId", channel, "externalId") VALUES ('telegram:${TECHNICIAN}', 's-li', 'telegram', '${TECHNICIAN}')`);
  await c.end();
}

const numberIn = (replies: Reply[]) => /BS\d{8}-\d{4}/.exec(replies.map((r) => r.text).join("\n"))?.[0];
const confirm = (replies: Reply[]) => replies.flatMap((r) => r.choices ?? []).find((c) => c.label.includes("确认提交"))!.value;

describe.skipIf(SERVICE_DATABASE !== "postgresql")("two instances on one PostgreSQL database", () => {
  beforeAll(async () => {
    db = await freshDatabase("postgresql");
    dir = mkdtempSync(join(tmpdir(), "baoshi-two-"));
    mkdirSync(join(dir, "policies"));
    // the instances run on the real clock: the office is open whenever the test runs (night, weekend), so the work
    // orders go out at once instead of waiting for the morning
    const demo = parse(readFileSync("policies/demo.yaml", "utf8"));
    const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    demo.policy = { ...demo.policy, officeHours: { start: "00:00", end: "23:59" }, workdays: [day(-1), day(0), day(1)] };
    writeFileSync(join(dir, "policies", "demo.yaml"), stringify(demo));
    double = await new BotApiDouble(UNPACED).start();
    instances.push(await start("a"));
    // (the first instance takes the bot's lease: it alone sends)
    instances.push(await start("b"));
    await bindTechnician();
  }, 60_000);
  afterAll(async () => {
    for (const i of instances) i.child.kill("SIGKILL");
    await double?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("one instance holds the bot's sender lease, and /healthz says which", async () => {
    const [a, b] = await Promise.all(instances.map(async (i) => (await (await fetch(`${i.url}/healthz`)).json()) as { provider: string; leases: string[] }));
    expect(a).toMatchObject({ provider: "postgresql", leases: [expect.stringMatching(/^sender:telegram:/)] });
    expect(b).toMatchObject({ provider: "postgresql", leases: [] });
  });

  it("a resident's steps alternate between the instances and the report is filed once, with every field", async () => {
    const visitorId = `v-${randomUUID().slice(0, 12)}`;
    const summary = await post(0, { visitorId, text: "3栋2单元201 厨房水管漏水 13812345678 尽快" });
    expect(summary.map((r) => r.text).join("\n")).toContain("请您核对报事信息");
    const filed = await post(1, { visitorId, choice: confirm(summary) });
    const number = numberIn(filed)!;
    expect(number).toBeDefined();
    const mine = (await tickets()).filter((t) => t.number === number);
    expect(mine).toEqual([{ number, phone: "+8613812345678", room: "3栋2单元201", description: expect.stringContaining("厨房水管漏水") }]);
  });

  it("200 residents over both; one instance is killed mid-way: every answered message is recorded, no report is filed twice", async () => {
    const residents = Array.from({ length: 200 }, (_, i) => ({
      visitorId: `r-${i}-${randomUUID().slice(0, 8)}`,
      phone: `+86139${String(10000000 + i)}`,
      text: `${(i % 12) + 1}栋1单元${301 + (i % 50)} 卫生间漏水 139${String(10000000 + i)} 尽快`,
    }));
    const numbers = new Map<string, string>();
    let done = 0;
    let killed = false;
    const run = async (i: number) => {
      const r = residents[i]!;
      const summary = await post(i, { visitorId: r.visitorId, text: r.text });
      const filed = await post(i + 1, { visitorId: r.visitorId, choice: confirm(summary) });
      const n = numberIn(filed);
      if (n) numbers.set(r.phone, n);
      // a third of the way in, the first instance dies without a word
      if (++done === 70 && !killed) {
        killed = true;
        instances[0]!.child.kill("SIGKILL");
      }
    };
    const queue = residents.map((_, i) => i);
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) await run(i);
      }),
    );
    expect(killed).toBe(true);
    // every resident was answered with a number (the survivor answered the rest, retries included)
    expect(numbers.size).toBe(200);
    const stored = (await tickets()).filter((t) => t.phone?.startsWith("+86139"));
    // each resident's report exactly once, under the number they were told; no number given twice
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((t) => t.number)).size).toBe(200);
    for (const t of stored) expect(numbers.get(t.phone!)).toBe(t.number);
    // the bot's sender died with the first instance: its lease passed to the survivor, which sent every work order
    // still to go — none twice (one interrupted mid-send is marked unconfirmed for a steward, never sent again)
    const c2 = new pg.Client({ connectionString: db.url });
    await c2.connect();
    const orders = async () => {
      const rows = (await c2.query(`SELECT status, COUNT(*)::int AS n FROM "OutboxMessage" WHERE recipient = '${TECHNICIAN}' GROUP BY status`)).rows as {
        status: string;
        n: number;
      }[];
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    };
    for (let i = 0; i < 100 && ((await orders()).pending ?? 0) > 0; i++) await new Promise((r) => setTimeout(r, 200));
    const byStatus = await orders();
    await c2.end();
    expect(byStatus.pending ?? 0).toBe(0);
    const sent = double.sentTo(TECHNICIAN).map((m) => /【派工单】(BS\d{8}-\d{4})/.exec(m.text)?.[1]);
    const all = await tickets();
    // one order per report (this test's 200 and the first test's one), none delivered twice
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent.every((n) => all.some((t) => t.number === n))).toBe(true);
    // every order marked sent was delivered; the rest were claimed by the dead sender mid-send (delivery unknown)
    const interrupted = byStatus.sending ?? 0;
    expect(sent.length).toBeGreaterThanOrEqual(byStatus.sent ?? 0);
    expect(sent.length).toBeLessThanOrEqual((byStatus.sent ?? 0) + interrupted);
    expect((byStatus.sent ?? 0) + interrupted).toBe(all.length);
    // the survivor sent the orders filed after the first instance died: it holds the bot's lease now
    expect(byStatus.sent ?? 0).toBeGreaterThan(all.length - 100);
    const health = (await (await fetch(`${instances[1]!.url}/healthz`)).json()) as { leases: string[] };
    expect(health.leases).toEqual([expect.stringMatching(/^sender:telegram:/)]);
    // and each resident's two messages are recorded once each (a retried one was answered from the first)
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const counts = (await c.query(`SELECT "userId", COUNT(*)::int AS n FROM "InboundMessage" WHERE "userId" LIKE 'r-%' GROUP BY "userId"`)).rows;
    await c.end();
    expect(counts).toHaveLength(200);
    expect(counts.every((r: { n: number }) => r.n === 2)).toBe(true);
  }, 120_000);
});
