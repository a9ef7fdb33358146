/**
 * Deadline sweep benchmark (not a test): 1,000,000 tickets of which 1 % are due. Shows the due
 * query's plan (an index range scan on Ticket.nextDueAt), the time to find what is due, and the time
 * of a whole sweep (deciding, then writing reminders, events and outbox rows for every due ticket).
 *
 *   npm run bench               # all benchmarks
 *   TICKETS=200000 node --import tsx bench/sweep.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import BetterSqlite3 from "better-sqlite3";
import { HotPath } from "../src/db/hot-path.js";
import { SqliteRunner } from "../src/db/sql/sqlite-runner.js";
import { DeadlineStore } from "../src/db/deadline-store.js";
import { DeadlineSweep } from "../src/core/deadlines/deadline-sweep.js";
import { Dispatcher } from "../src/core/dispatch/dispatcher.js";
import { dispatchTexts } from "../conversations/dispatch-texts.js";
import { DbConversationStore } from "../src/db/conversation-store.js";
import { parsePolicy } from "../src/core/policy/policy.js";
import { sweepTexts } from "../conversations/reminders.js";

const TICKETS = Number(process.env.TICKETS ?? 1_000_000);
/** Prisma's DateTime text on SQLite */
const ts = (d: Date) => d.toISOString().replace("Z", "+00:00");
const DUE_SHARE = Number(process.env.DUE_SHARE ?? 0.01);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "baoshi-sweep-"));
  const file = join(dir, "sweep.db");
  const db = await openDatabase(`file:${file}`);
  await migrate(db, fileURLToPath(new URL("../prisma/migrations", import.meta.url)));
  const policy = parsePolicy({});
  // the data is loaded on the driver directly; the sweep runs through the query layer as the service does
  const raw = new BetterSqlite3(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = FULL");
  const hot = new HotPath(new SqliteRunner(raw), () => policy);
  const now = new Date("2026-11-23T10:00:00+08:00");

  // ---- data: one property, a technician and a supervisor, a million tickets ----
  const t0 = performance.now();
  raw.prepare(`INSERT INTO Property (id, name, policy, createdAt, updatedAt) VALUES ('demo', '阳光花园', '{}', ?, ?)`).run(ts(now), ts(now));
  const staff = raw.prepare(
    `INSERT INTO Staff (id, propertyId, name, roles, skills, buildings, superiorId, createdAt, updatedAt) VALUES (?, 'demo', ?, ?, '[]', '[]', ?, ?, ?)`,
  );
  staff.run("s-wang", "王主管", '["supervisor"]', null, ts(now), ts(now));
  staff.run("s-li", "李", '["technician"]', "s-wang", ts(now), ts(now));
  const insert = raw.prepare(`INSERT INTO Ticket (id, number, propertyId, status, nature, urgency, building, roomNo, description, channel, assigneeId,
      receivedAt, acceptedAt, arriveDueAt, nextDueAt, createdAt, updatedAt)
    VALUES (?, ?, 'demo', ?, '报修', '一般', '3', '201', '厨房水管漏水', 'web', 's-li', ?, ?, ?, ?, ?, ?)`);
  raw.transaction(() => {
    for (let i = 0; i < TICKETS; i++) {
      const due = i % Math.round(1 / DUE_SHARE) === 0;
      const open = due || i % 10 === 1;
      // closed tickets have no next deadline; open ones are due now (1 %) or later
      const received = new Date(now.getTime() - (TICKETS - i) * 60_000);
      const arrive = due ? new Date(now.getTime() - 5 * 60_000) : new Date(now.getTime() + (1 + (i % 1000)) * 60_000);
      insert.run(
        `t${i}`,
        `BS-${i}`,
        open ? "accepted" : "closed",
        ts(received),
        ts(received),
        open ? ts(arrive) : null,
        open ? ts(arrive) : null,
        ts(received),
        ts(received),
      );
    }
  })();
  raw.pragma("wal_checkpoint(TRUNCATE)");
  raw.exec("ANALYZE");
  const loaded = (performance.now() - t0) / 1000;

  // ---- the query plan ----
  const plan = raw.prepare(`EXPLAIN QUERY PLAN ${DeadlineStore.DUE_SQL}`).all(ts(now), 500) as { detail: string }[];
  const store = new DeadlineStore(hot);

  // ---- finding what is due: every due ticket, batch by batch, as the job reads them ----
  let found = 0;
  const f0 = performance.now();
  const find = raw.prepare(DeadlineStore.DUE_SQL);
  found = (find.all(ts(now), TICKETS) as unknown[]).length;
  const findMs = performance.now() - f0;

  // ---- the whole sweep: decide and write a reminder for each due ticket ----
  // the staff as the service reads them (Prisma, with its few-seconds cache), bound on Telegram
  const identity = raw.prepare(`INSERT INTO StaffIdentity (id, staffId, channel, externalId, unreachable, boundAt) VALUES (?, ?, 'telegram', ?, 0, ?)`);
  identity.run("telegram:8101", "s-li", "8101", ts(now));
  identity.run("telegram:8103", "s-wang", "8103", ts(now));
  const workforce = new DbConversationStore(db, hot);
  const accountOf = () => "bench-bot";
  const sweep = new DeadlineSweep({
    workforce,
    dispatcher: new Dispatcher(workforce, () => [], accountOf, dispatchTexts),
    policyOf: () => policy,
    accountOf,
    texts: sweepTexts,
  });
  const s0 = performance.now();
  let swept = 0;
  for (;;) {
    const due = await store.due(now, 500);
    if (!due.length) break;
    const changes = [];
    for (const t of due) changes.push(await sweep.plan(t, now));
    swept += (await store.apply(changes, now)).applied;
  }
  const sweepMs = performance.now() - s0;
  const again = (find.all(ts(now), TICKETS) as unknown[]).length;

  console.log(`sweep benchmark: ${TICKETS.toLocaleString("en")} tickets, ${found.toLocaleString("en")} due (loaded in ${loaded.toFixed(1)} s)`);
  console.log(`query plan: ${plan.map((p) => p.detail).join(" | ")}`);
  console.log(`find all due: ${findMs.toFixed(1)} ms`);
  console.log(
    `full sweep (decide + write a reminder, an event and a message per ticket, fsynced): ${sweepMs.toFixed(0)} ms for ${swept.toLocaleString("en")} tickets (${((sweepMs / swept) * 1000).toFixed(0)} µs each); due afterwards: ${again}`,
  );
  raw.close();
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
