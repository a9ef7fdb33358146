import { afterEach } from "vitest";
import { BotApiDouble, type Limits } from "./bot-api-double.js";
import { startApp, type RunningApp } from "./app.js";
import type { TestClock } from "./clock.js";

export const TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz";
/** Telegram's own limits (30/s per bot, 1/s per chat with a burst of 3, 20/min per group). */
export const TELEGRAM_LIMITS: Limits = { perSecond: 30, chatPerSecond: 1, chatBurst: 3, groupPerMinute: 20 };

/** Limits out of reach: for tests about something else than pacing (which would only slow them down). */
export const UNPACED: Limits = { perSecond: 1000, chatPerSecond: 1000, chatBurst: 1000, groupPerMinute: 1000 };

export const owner = { id: 5001, first_name: "三", last_name: "张" };

/**
 * For a test file: each test starts the service with Telegram (and its double) through the returned
 * function; both are stopped after the test.
 */
export function telegramPerTest() {
  let running: { svc: RunningApp; double: BotApiDouble } | undefined;
  afterEach(async () => {
    await running?.svc.destroy();
    await running?.double.stop();
    running = undefined;
  });
  return async (opts: Parameters<typeof startWithTelegram>[0] = {}) => (running = await startWithTelegram(opts));
}

/** The settings that point the service's Telegram channel at a double. */
export function telegramEnv(double: BotApiDouble, limits: Limits = TELEGRAM_LIMITS): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: double.url,
    TELEGRAM_MAX_PER_SECOND: String(limits.perSecond),
    TELEGRAM_CHAT_PER_SECOND: String(limits.chatPerSecond),
    TELEGRAM_CHAT_BURST: String(limits.chatBurst),
    TELEGRAM_GROUP_PER_MINUTE: String(limits.groupPerMinute),
  };
}

/** The service with Telegram on, against a Bot API double that enforces the same limits. */
export async function startWithTelegram(
  opts: {
    limits?: Limits;
    webhook?: boolean;
    dir?: string;
    clock?: TestClock;
    double?: BotApiDouble;
    policy?: Record<string, unknown>;
    alsoProperties?: { id: string; name: string }[];
  } = {},
) {
  const limits = opts.limits ?? TELEGRAM_LIMITS;
  const double = opts.double ?? (await new BotApiDouble(limits).start());
  const env = telegramEnv(double, limits);
  const svc: RunningApp = await startApp({
    env,
    ...(opts.dir ? { dir: opts.dir } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.webhook ? { webhookPath: "/telegram/hook" } : {}),
    ...(opts.policy ? { policy: opts.policy } : {}),
    ...(opts.alsoProperties ? { alsoProperties: opts.alsoProperties } : {}),
  });
  return { svc, double };
}

/** Runs the deadline sweep now and waits until what it sent has reached the double. */
export async function sweep(svc: RunningApp) {
  const r = await svc.app.scheduler.run("deadlines");
  await svc.app.telegram!.flushed();
  return r;
}
