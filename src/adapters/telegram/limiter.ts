import Bottleneck from "bottleneck";
import type { SendLimiter } from "../../outbox/dispatcher.js";

export interface TelegramLimits {
  /** all chats together (Telegram: 30/s) */
  perSecond: number;
  /** one private chat: steady rate (1/s) and short burst (3) */
  chatPerSecond: number;
  chatBurst: number;
  /** one group (20/min) */
  groupPerMinute: number;
}

/**
 * Telegram's sending limits as Bottleneck limiters: each chat's own bucket, then the bot's.
 * Group chats have negative ids. Kept in this process (one sender per bot account).
 */
export function telegramLimiter(l: TelegramLimits): SendLimiter {
  const bot = new Bottleneck({ minTime: Math.ceil(1000 / l.perSecond) });
  const bucket = (capacity: number, everyMs: number): Bottleneck.ConstructorOptions => ({
    maxConcurrent: 1,
    reservoir: capacity,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseInterval: Math.ceil(everyMs),
    reservoirIncreaseMaximum: capacity,
  });
  const privates = new Bottleneck.Group(bucket(l.chatBurst, 1000 / l.chatPerSecond));
  const groups = new Bottleneck.Group(bucket(l.groupPerMinute, 60_000 / l.groupPerMinute));
  for (const g of [privates, groups]) g.on("created", (limiter) => limiter.chain(bot));
  return {
    schedule: (recipient, task) => (recipient.startsWith("-") ? groups : privates).key(recipient).schedule(task),
    async stop() {
      await Promise.all([...privates.limiters(), ...groups.limiters()].map((x) => x.limiter.stop({ dropWaitingJobs: true })).concat(bot.stop({ dropWaitingJobs: true })));
    },
  };
}
