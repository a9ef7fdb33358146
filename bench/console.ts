/**
 * Console benchmark (not a test): with 100,000 tickets stored, how fast the board's first page and filtered
 * searches answer over HTTP; then 200 boards open on the live stream (each refetching its rows on a ping, at
 * most every 2 s, as the page does) while residents file reports through the intake as in bench/intake.ts.
 *
 *   node --import tsx bench/console.ts               # SQLite
 *   BENCH_DATABASE_URL=postgresql://… node --import tsx bench/console.ts
 *   TICKETS=100000 BOARDS=200 RESIDENTS=500 node --import tsx bench/console.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { createApp } from "../src/app.js";
import { createConfig } from "../src/config.js";
import { systemClock } from "../src/core/policy/clock.js";
import { createLogger } from "../src/log.js";
import { reportMessages } from "./residents.js";

const TICKETS = Number(process.env.TICKETS ?? 100_000);
const BOARDS = Number(process.env.BOARDS ?? 200);
const RESIDENTS = Number(process.env.RESIDENTS ?? 1000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 64);
const TOKEN = "bench-admin-token-0123456789";
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const WORDS = [
  "厨房水管漏水",
  "客厅灯不亮",
  "卫生间马桶堵了",
  "门锁坏了",
  "楼道灯坏了",
  "电梯异响",
  "空调不制冷",
  "热水器不出热水",
  "窗户关不上",
  "下水道返味",
];
const STATUSES = ["closed", "closed", "closed", "closed", "visited", "completed", "received", "dispatched", "accepted", "arrived"];
const URGENCIES = ["一般", "一般", "一般", "紧急", "非常紧急"];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "baoshi-bench-console-"));
  const config = createConfig({
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? `file:${join(dir, "bench.db")}`,
    ADMIN_TOKEN: TOKEN,
    SCHEDULER: "off",
  });
  const log = createLogger({ level: "info", format: "json", destination: pino.destination({ dest: "/dev/null", sync: false }) });
  const app = await createApp(config, { clock: systemClock, log });
  await app.server.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}`;
  const provider = config.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql";

  // 100,000 tickets over the last year: most closed, a tenth of them still open
  const seedStart = performance.now();
  const now = Date.now();
  for (let start = 0; start < TICKETS; start += 1000) {
    const data = Array.from({ length: Math.min(1000, TICKETS - start) }, (_, j) => {
      const i = start + j;
      const at = new Date(now - Math.floor((i / TICKETS) * 365 * 86_400_000) - (i % 997) * 1000);
      const status = STATUSES[i % STATUSES.length]!;
      const building = String((i % 20) + 1);
      return {
        id: `seed-${i}`,
        number: `BS${at.toISOString().slice(0, 10).replaceAll("-", "")}-${String(i).padStart(6, "0")}`,
        propertyId: "demo",
        status,
        category: "A",
        nature: "报修",
        urgency: URGENCIES[i % URGENCIES.length]!,
        room: `${building}栋${(i % 3) + 1}单元${(i % 30) + 101}`,
        building,
        phone: `+86138${String(10_000_000 + ((i * 7919) % 90_000_000)).padStart(8, "0")}`,
        description: WORDS[i % WORDS.length]!,
        channel: ["web", "telegram", "wechat", "phone"][i % 4]!,
        receivedAt: at,
        updatedAt: at,
        createdAt: at,
        ...(["received", "dispatched", "accepted", "arrived"].includes(status)
          ? {
              nextDueAt: new Date(at.getTime() + 3_600_000),
              dispatchDueAt: new Date(at.getTime() + 300_000),
              resolveDueAt: new Date(at.getTime() + 86_400_000),
            }
          : {}),
      };
    });
    await app.db.ticket.createMany({ data });
  }
  const seeded = (performance.now() - seedStart) / 1000;

  const res = await fetch(`${url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: "admin", password: TOKEN }),
  });
  const cookie = /baoshi_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
  const get = async (path: string) => {
    const t0 = performance.now();
    const r = await fetch(url + path, { headers: { cookie } });
    const body = await r.text();
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    return { ms: performance.now() - t0, count: /共 (\d+) 条|(\d+) tickets/.exec(body)?.slice(1).find(Boolean) };
  };

  const views: Record<string, string> = {
    "first page (open and today's)": "/console",
    "every ticket, newest first": "/console?status=all",
    "by urgency then deadline": "/console?sort=urgency",
    "search: phone's last four": "/console?status=all&q=5678",
    "search: words": `/console?status=all&q=${encodeURIComponent("马桶")}`,
    "search: room": `/console?status=all&q=${encodeURIComponent("7栋2单元")}`,
    "filter: building + urgency": `/console?status=all&building=4&urgency=${encodeURIComponent("紧急")}`,
    "filter: overdue": "/console?due=overdue",
    "page 100": "/console?status=all&page=100",
  };
  const board: Record<string, { p50ms: number; p95ms: number; matches: string | undefined }> = {};
  for (const [name, path] of Object.entries(views)) {
    await get(path); // warm
    const times: number[] = [];
    let count: string | undefined;
    for (let k = 0; k < 20; k++) {
      const r = await get(path);
      times.push(r.ms);
      count = r.count;
    }
    times.sort((a, b) => a - b);
    board[name] = { p50ms: +percentile(times, 50).toFixed(1), p95ms: +percentile(times, 95).toFixed(1), matches: count };
  }

  // ---- 200 open boards on the live stream while residents file
  const controllers: AbortController[] = [];
  const refreshes: number[] = [];
  let pings = 0;
  const streams = Array.from({ length: BOARDS }, async () => {
    const ctl = new AbortController();
    controllers.push(ctl);
    const r = await fetch(`${url}/console/events`, { headers: { cookie }, signal: ctl.signal });
    const reader = r.body!.getReader();
    let last = 0;
    let pending = false;
    const refresh = async () => {
      pending = false;
      last = Date.now();
      const t0 = performance.now();
      await fetch(`${url}/console/rows`, { headers: { cookie }, signal: ctl.signal }).then((x) => x.text());
      refreshes.push(performance.now() - t0);
    };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (!new TextDecoder().decode(value).includes("event: tickets")) continue;
        pings++;
        if (pending) continue;
        pending = true;
        setTimeout(() => void refresh().catch(() => {}), Math.max(300, 2000 - (Date.now() - last)));
      }
    } catch {
      // aborted at the end
    }
  });
  await new Promise((r) => setTimeout(r, 1500));

  const latencies: number[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < RESIDENTS) {
        const i = next++;
        for (const [step, text] of reportMessages(i).entries()) {
          const t0 = performance.now();
          await app.intake.handle({ channel: "web", userId: `live-${i}`, text, messageId: `live-${i}-${step}` });
          latencies.push(performance.now() - t0);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 2500));
  for (const c of controllers) c.abort();
  await Promise.allSettled(streams);
  latencies.sort((a, b) => a - b);
  refreshes.sort((a, b) => a - b);

  console.log(
    JSON.stringify(
      {
        provider,
        tickets: TICKETS,
        seededSeconds: +seeded.toFixed(1),
        board,
        live: {
          boards: BOARDS,
          residents: RESIDENTS,
          messagesPerSecond: Math.round(latencies.length / seconds),
          intakeP50ms: +percentile(latencies, 50).toFixed(1),
          intakeP99ms: +percentile(latencies, 99).toFixed(1),
          pingsReceived: pings,
          boardRefreshes: refreshes.length,
          refreshP50ms: refreshes.length ? +percentile(refreshes, 50).toFixed(1) : null,
          refreshP95ms: refreshes.length ? +percentile(refreshes, 95).toFixed(1) : null,
        },
        node: process.version,
      },
      null,
      2,
    ),
  );
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
