/**
 * Intake benchmark (not a test): N simulated residents file reports concurrently through the
 * channel interface, in-process, with every step committed to SQLite (WAL, synchronous=FULL)
 * before its reply is returned. Prints messages/s, p50/p99 latency and heap per open session.
 *
 *   npm run bench                  # defaults: 1000 residents
 *   RESIDENTS=3000 CONCURRENCY=128 npm run bench
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../src/app.js";
import { createConfig } from "../src/config.js";
import { systemClock } from "../src/core/policy/clock.js";
import { createLogger } from "../src/log.js";
import pino from "pino";
import { reportMessages } from "./residents.js";

const RESIDENTS = Number(process.env.RESIDENTS ?? 1000);
const OPEN_SESSIONS = Number(process.env.OPEN_SESSIONS ?? 5000);
/** residents typing at the same moment (each waits for its reply before the next message) */
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 64);

const conversation = reportMessages;
/** names this process's residents apart from another's on the same database */
const PREFIX = process.env.BENCH_PREFIX ?? "";
/** the heap figure needs open sessions; a second instance on the same database skips it */
const SKIP_HEAP = process.env.BENCH_SKIP_HEAP === "1";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "baoshi-bench-"));
  // BENCH_DATABASE_URL: a PostgreSQL database instead (bench/postgres.sh runs one and two instances on one)
  const config = createConfig({
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? `file:${join(dir, "bench.db")}`,
    DATABASE_POOL: process.env.DATABASE_POOL ?? "10",
  });
  // logs are written (to /dev/null) as in production: their cost is part of the figure
  const log = createLogger({ level: "info", format: "json", destination: pino.destination({ dest: "/dev/null", sync: false }) });
  const app = await createApp(config, { clock: systemClock, log });
  const intake = app.intake;

  // warm-up: JIT and caches, not measured
  await Promise.all(Array.from({ length: 50 }, (_, i) => runResident(`warm-${i}`, i, [])));

  const latencies: number[] = [];
  // (PostgreSQL: each chat's turn is its own transaction — there is no group commit to count)
  const batchesBefore = app.store.committer.stats.batches;
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < RESIDENTS) {
      const i = next++;
      await runResident(`${PREFIX}r-${i}`, i, latencies);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const batches = app.store.committer.stats.batches - batchesBefore;

  latencies.sort((a, b) => a - b);
  const tickets = await app.db.ticket.count({ where: { status: "received" } });
  const provider = config.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql";

  // heap per open session: OPEN_SESSIONS residents stopped halfway through a report
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < (SKIP_HEAP ? 0 : OPEN_SESSIONS); i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, OPEN_SESSIONS - i) }, (_, j) =>
        intake.handle({ channel: "web", userId: `${PREFIX}open-${i + j}`, text: conversation(i + j)[0] }),
      ),
    );
    await Promise.all(
      Array.from({ length: Math.min(200, OPEN_SESSIONS - i) }, (_, j) =>
        intake.handle({ channel: "web", userId: `${PREFIX}open-${i + j}`, text: conversation(i + j)[1] }),
      ),
    );
  }
  global.gc?.();
  const heapPerSession = (process.memoryUsage().heapUsed - heapBefore) / OPEN_SESSIONS;

  const result = {
    provider,
    residents: RESIDENTS,
    concurrency: CONCURRENCY,
    messages: latencies.length,
    seconds: +seconds.toFixed(2),
    messagesPerSecond: Math.round(latencies.length / seconds),
    p50ms: +percentile(latencies, 50).toFixed(2),
    p99ms: +percentile(latencies, 99).toFixed(2),
    maxms: +latencies.at(-1)!.toFixed(2),
    commits: batches || "one per message",
    messagesPerCommit: batches ? +(latencies.length / batches).toFixed(1) : 1,
    ticketsFiled: tickets,
    heapPerOpenSessionKB: SKIP_HEAP ? "skipped" : global.gc ? +(heapPerSession / 1024).toFixed(2) : "run with --expose-gc",
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 2));
  await app.close();
  rmSync(dir, { recursive: true, force: true });

  async function runResident(id: string, i: number, lat: number[]) {
    for (const [step, text] of conversation(i).entries()) {
      const t0 = performance.now();
      const replies = await intake.handle({ channel: "web", userId: id, text, messageId: `${id}-${step}` });
      lat.push(performance.now() - t0);
      if (step === 4 && !/BS\d{8}-\d{4}/.test(replies[0]!.text)) throw new Error(`resident ${id} got no number: ${replies[0]!.text}`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
