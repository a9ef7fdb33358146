/**
 * Telegram webhook benchmark (not a test). Residents file reports at once over real HTTP:
 * each update is POSTed to a webhook, and the time runs until the Bot API double receives the
 * bot's reply. The double and the residents run in a child process; the bot under test in this
 * one. Two bots, one after the other, against the same double (limits raised):
 *
 *  - Baoshi: its webhook route, flow engine, group commit and outbox dispatcher;
 *  - the same five-question intake written the way most grammY bots are: @grammyjs/conversations
 *    with a SQLite storage adapter (better-sqlite3, WAL, synchronous=FULL, as durable as Baoshi),
 *    the same parsers, replies sent from the handler.
 *
 *   RESIDENTS=300 CONCURRENCY=64 npm run bench:telegram
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { conversations, createConversation, type Conversation, type ConversationFlavor } from "@grammyjs/conversations";
import BetterSqlite3 from "better-sqlite3";
import Fastify from "fastify";
import { Bot, webhookCallback, type Context } from "grammy";
import pino from "pino";
import { asapWords, places } from "../conversations/keywords.js";
import { createApp } from "../src/app.js";
import { createConfig } from "../src/config.js";
import { systemClock } from "../src/core/policy/clock.js";
import { findAppointment } from "../src/core/conversation/parse/appointment.js";
import { findPhone } from "../src/core/conversation/parse/phone.js";
import { findPlace } from "../src/core/conversation/parse/place.js";
import { parsePolicy } from "../src/core/policy/policy.js";
import { createLogger } from "../src/log.js";
import { freePort } from "../test/helpers/app.js";
import { BotApiDouble, type Sent } from "../test/helpers/bot-api-double.js";
import { reportMessages } from "./residents.js";

const RESIDENTS = Number(process.env.RESIDENTS ?? 300);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 64);
const TOKEN = "123456:BENCH-token-abcdefghijklmnopqrstuvwxyz";
const SECRET = "bench-secret";
const RAISED = { perSecond: 1_000_000, chatPerSecond: 1_000_000, chatBurst: 1_000_000, groupPerMinute: 1_000_000 };

const messages = reportMessages;

interface Result {
  bot: string;
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  p50ms: number;
  p99ms: number;
  /** the bot's own CPU per message, and the rate one core would allow at that cost */
  botCpuMsPerMessage?: number;
  botCpuBoundMessagesPerSecond?: number;
}

/** The harness (child process): the Bot API double, and residents posting updates and timing replies. */
async function harness() {
  const double = await new BotApiDouble(RAISED).start();
  const send = (m: object) => process.send!(m);
  send({ ready: double.url });
  process.on("message", async (m: { run: string; url?: string; firstChat: number }) => {
    const post = m.url
      ? async (u: object) =>
          (
            await fetch(m.url!, {
              method: "POST",
              headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
              body: JSON.stringify(u),
            })
          ).status
      : (u: object) => double.deliver(u, SECRET);
    await run(double, post, m.firstChat + 900_000, 30, 8); // warm-up (JIT, lazy imports, connections): not measured
    const started = performance.now();
    const latencies = await run(double, post, m.firstChat, RESIDENTS, CONCURRENCY);
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => +latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
    send({
      result: {
        bot: m.run,
        messages: latencies.length,
        seconds: +seconds.toFixed(2),
        messagesPerSecond: Math.round(latencies.length / seconds),
        p50ms: pct(0.5),
        p99ms: pct(0.99),
      },
    });
  });
}

/** Residents against a webhook; each message's time runs until the bot's reply reaches the double. */
async function run(
  double: BotApiDouble,
  post: (update: object) => Promise<number>,
  firstChat: number,
  residents: number,
  concurrency: number,
): Promise<number[]> {
  const waiting = new Map<string, () => void>();
  double.onSent = (s: Sent) => {
    waiting.get(s.chat_id)?.();
    waiting.delete(s.chat_id);
  };
  const latencies: number[] = [];
  let updateId = firstChat * 10;
  const resident = async (i: number) => {
    const chat = firstChat + i;
    const user = { id: chat, is_bot: false, first_name: `业主${i}` };
    for (const text of messages(i)) {
      const replied = new Promise<void>((r) => waiting.set(String(chat), r));
      const t0 = performance.now();
      const status = await post({ update_id: updateId++, message: { message_id: updateId, date: 0, from: user, chat: { id: chat, type: "private" }, text } });
      if (status !== 200) throw new Error(`webhook answered ${status}`);
      await replied;
      latencies.push(performance.now() - t0);
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < residents) await resident(next++);
    }),
  );
  return latencies;
}

/** Asks the harness to run the residents against a bot and waits for the figures; adds the bot's own CPU time. */
async function measure(child: ChildProcess, run: string, firstChat: number, url?: string): Promise<Result> {
  const cpu0 = process.cpuUsage();
  const result = await new Promise<Result>((resolve) => {
    child.once("message", (m: { result: Result }) => resolve(m.result));
    child.send({ run, firstChat, ...(url ? { url } : {}) });
  });
  const cpu = process.cpuUsage(cpu0);
  // the warm-up's 150 messages are in the CPU time too; count them
  const cpuMsPerMessage = (cpu.user + cpu.system) / 1000 / (result.messages + 150);
  return { ...result, botCpuMsPerMessage: +cpuMsPerMessage.toFixed(3), botCpuBoundMessagesPerSecond: Math.round(1000 / cpuMsPerMessage) };
}

async function baoshi(apiRoot: string, dir: string, child: ChildProcess): Promise<Result> {
  const port = await freePort();
  const config = createConfig({
    DATABASE_URL: `file:${join(dir, "baoshi.db")}`,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_MAX_PER_SECOND: "1000000",
    TELEGRAM_CHAT_PER_SECOND: "1000000",
    TELEGRAM_CHAT_BURST: "1000000",
    TELEGRAM_GROUP_PER_MINUTE: "100000000",
  });
  const log = createLogger({ level: "info", format: "json", destination: pino.destination({ dest: "/dev/null", sync: false }) });
  const app = await createApp(config, { clock: systemClock, log });
  await app.server.listen({ port, host: "127.0.0.1" });
  await app.startChannels();
  const result = await measure(child, "Baoshi (webhook, group commit, outbox)", 1_000_000);
  await app.close();
  return result;
}

type Ctx = ConversationFlavor<Context>;

/** The five questions as a @grammyjs/conversations bot, state in SQLite. */
async function conversationsBot(apiRoot: string, dir: string, child: ChildProcess): Promise<Result> {
  const db = new BetterSqlite3(join(dir, "conversations.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec(
    "CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE ticket (id INTEGER PRIMARY KEY, chat TEXT, room TEXT, phone TEXT, time TEXT, description TEXT)",
  );
  const read = db.prepare("SELECT value FROM state WHERE key = ?");
  const write = db.prepare("INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  const remove = db.prepare("DELETE FROM state WHERE key = ?");
  const insertTicket = db.prepare("INSERT INTO ticket (chat, room, phone, time, description) VALUES (?, ?, ?, ?, ?)");
  const policy = parsePolicy({});

  const bot = new Bot<Ctx>(TOKEN, { client: { apiRoot }, botInfo: new BotApiDouble(RAISED).me as never });
  bot.use(
    conversations({
      storage: {
        read: (key: string) => {
          const row = read.get(key) as { value: string } | undefined;
          return row ? JSON.parse(row.value) : undefined;
        },
        write: (key: string, value: unknown) => void write.run(key, JSON.stringify(value)),
        delete: (key: string) => void remove.run(key),
      },
    }),
  );
  async function intake(conversation: Conversation<Ctx, Context>, ctx: Context) {
    const description = ctx.message?.text ?? "";
    const ask = async (question: string, valid: (t: string) => boolean) => {
      await ctx.reply(question);
      for (;;) {
        const answer = await conversation.waitFor("message:text");
        if (valid(answer.message.text)) return answer.message.text;
        await answer.reply("没有看懂，请再发一次");
      }
    };
    const room = await ask("请问您的房号是多少？", (t) => findPlace(t, policy, places)?.ok === true);
    const phone = await ask("请留一个联系电话", (t) => findPhone(t)?.ok === true);
    const time = await ask("请问什么时候上门方便？", (t) => findAppointment(t, new Date(), policy, asapWords)?.ok === true);
    await ctx.reply(`请您核对：${description} ${room} ${phone} ${time}`);
    await conversation.waitFor("message:text");
    const id = await conversation.external(() => insertTicket.run(String(ctx.chat!.id), room, phone, time, description).lastInsertRowid);
    await ctx.reply(`已为您登记报事，单号 ${id}`);
  }
  bot.use(createConversation(intake, "intake"));
  bot.on("message:text", (ctx) => ctx.conversation.enter("intake"));

  const server = Fastify();
  server.post("/hook", webhookCallback(bot, "fastify", { secretToken: SECRET }));
  const port = await freePort();
  await server.listen({ port, host: "127.0.0.1" });
  const result = await measure(child, "@grammyjs/conversations + SQLite storage", 2_000_000, `http://127.0.0.1:${port}/hook`);
  await server.close();
  db.close();
  return result;
}

async function main() {
  if (process.env.BENCH_HARNESS) return harness();
  const dir = mkdtempSync(join(tmpdir(), "baoshi-bench-tg-"));
  // the harness gets its own process (and core): each bot is measured by its own work
  const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, BENCH_HARNESS: "1" }, execArgv: process.execArgv });
  const apiRoot = await new Promise<string>((resolve) => child.once("message", (m: { ready: string }) => resolve(m.ready)));
  const ours = await baoshi(apiRoot, dir, child);
  const theirs = await conversationsBot(apiRoot, dir, child);
  console.log(
    JSON.stringify(
      {
        residents: RESIDENTS,
        concurrency: CONCURRENCY,
        results: [ours, theirs],
        measuredSpeedup: +(ours.messagesPerSecond / theirs.messagesPerSecond).toFixed(2),
        cpuSpeedup: +(theirs.botCpuMsPerMessage! / ours.botCpuMsPerMessage!).toFixed(2),
      },
      null,
      2,
    ),
  );
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
