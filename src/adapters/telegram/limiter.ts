import Bottleneck from "bottleneck";
import type { SendLimiter } from "../../outbox/sender.js";

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
  // Bottleneck costs ~5 ms per job per limiter (measured): worth it at Telegram's real limits,
  // pure delay when every limit is raised past what the sender can reach (a self-hosted server).
  if (l.perSecond >= 1000 && l.chatPerSecond >= 1000 && l.groupPerMinute >= 60_000) return { schedule: (_r, task) => task(), stop: async () => {} };
  // a limit too high to matter is no limiter at all: Bottleneck's timers would only cost time
  const bot = new Bottleneck(l.perSecond >= 1000 ? {} : { minTime: Math.ceil(1000 / l.perSecond) });
  const bucket = (capacity: number, everyMs: number): Bottleneck.ConstructorOptions => ({
    maxConcurrent: 1,
    reservoir: capacity,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseInterval: Math.ceil(everyMs),
    reservoirIncreaseMaximum: capacity,
  });
  const perChat = (capacity: number, everyMs: number) => new Bottleneck.Group(everyMs < 5 ? { maxConcurrent: 1 } : bucket(capacity, everyMs));
  const privates = perChat(l.chatBurst, 1000 / l.chatPerSecond);
  const groups = perChat(l.groupPerMinute, 60_000 / l.groupPerMinute);
  for (const g of [privates, groups]) g.on("created", (limiter) => limiter.chain(bot));
  return {
    schedule: (recipient, task) => (recipient.startsWith("-") ? groups : privates).key(recipient).schedule(task),
    async stop() {
      await Promise.all(
        [...privates.limiters(), ...groups.limiters()].map((x) => x.limiter.stop({ dropWaitingJobs: true })).concat(bot.stop({ dropWaitingJobs: true })),
      );
    },
  };
}
