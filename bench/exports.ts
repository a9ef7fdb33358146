/**
 * Export benchmark (not a test): 100,000 reports in the register, downloaded as XLSX and CSV over HTTP; the time
 * to the last byte and the process's peak RSS growth while streaming (sampled every 50 ms), at 10,000 and 100,000
 * rows — memory that does not grow with the row count is the point.
 *
 *   node --import tsx bench/exports.ts
 *   BENCH_DATABASE_URL=postgresql://… node --import tsx bench/exports.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { createApp } from "../src/app.js";
import { createConfig } from "../src/config.js";
import { systemClock } from "../src/core/policy/clock.js";
import { createLogger } from "../src/log.js";

const TICKETS = Number(process.env.TICKETS ?? 100_000);
const TOKEN = "bench-admin-token-0123456789";
const WORDS = ["厨房水管漏水", "客厅灯不亮", "卫生间马桶堵了", "门锁坏了", "楼道灯坏了"];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "baoshi-bench-exports-"));
  const config = createConfig({ DATABASE_URL: process.env.BENCH_DATABASE_URL ?? `file:${join(dir, "bench.db")}`, ADMIN_TOKEN: TOKEN, SCHEDULER: "off" });
  const log = createLogger({ level: "info", format: "json", destination: pino.destination({ dest: "/dev/null", sync: false }) });
  const app = await createApp(config, { clock: systemClock, log });
  await app.server.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}`;
  const provider = config.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql";
  // the first 10,000 in January, the rest after: a from/to picks 10,000 or all
  const base = Date.UTC(2026, 0, 1);
  for (let start = 0; start < TICKETS; start += 1000) {
    const data = Array.from({ length: Math.min(1000, TICKETS - start) }, (_, j) => {
      const i = start + j;
      const at = new Date(i < 10_000 ? base + i * 200_000 : base + 40 * 86_400_000 + (i - 10_000) * 100_000);
      const building = String((i % 20) + 1);
      return {
        id: `seed-${String(i).padStart(7, "0")}`,
        number: `BS${at.toISOString().slice(0, 10).replaceAll("-", "")}-${String(i).padStart(6, "0")}`,
        propertyId: "demo",
        status: "closed",
        category: "A",
        nature: i % 10 === 0 ? "投诉" : "报修",
        room: `${building}栋1单元${(i % 30) + 101}`,
        building,
        phone: `+86138${String(10_000_000 + ((i * 7919) % 90_000_000)).padStart(8, "0")}`,
        reporterName: "张先生",
        description: WORDS[i % WORDS.length]!,
        channel: "web",
        receivedAt: at,
        completedAt: new Date(at.getTime() + 3_600_000),
        updatedAt: at,
        createdAt: at,
      };
    });
    await app.db.ticket.createMany({ data });
  }
  const rows: string[] = [];
  for (const [label, query] of [
    ["10,000", "from=2026-01-01&to=2026-01-24"],
    [`${TICKETS.toLocaleString("en")}`, ""],
  ] as const)
    for (const format of ["xlsx", "csv"]) {
      (globalThis as { gc?: () => void }).gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const heap0 = process.memoryUsage().heapUsed;
      let heap = heap0;
      const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
        heap = Math.max(heap, process.memoryUsage().heapUsed);
      }, 50);
      const t0 = performance.now();
      const res = await fetch(`${url}/api/exports/reports.${format}?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const bytes = (await res.arrayBuffer()).byteLength;
      const s = (performance.now() - t0) / 1000;
      clearInterval(timer);
      rows.push(
        `| ${provider} | ${label} rows | ${format} | ${s.toFixed(2)} s | ${(bytes / 1e6).toFixed(1)} MB | +${((peak - before) / 1e6).toFixed(0)} MB | +${((heap - heap0) / 1e6).toFixed(0)} MB |`,
      );
    }
  console.log("| database | export | format | to the last byte | size | peak RSS growth | peak heap growth |\n| --- | --- | --- | --- | --- | --- | --- |");
  console.log(rows.join("\n"));
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
