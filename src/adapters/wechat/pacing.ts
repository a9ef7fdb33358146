import Bottleneck from "bottleneck";
import type { SendLimiter } from "../../outbox/sender.js";

export interface WechatPacing {
  /** least time between two messages to one contact (or one group member), ms */
  contactGapMs: number;
  /** at most this many messages a minute from the account */
  perMinute: number;
  /** a random extra wait of up to this many ms before each message */
  jitterMs: number;
}

/**
 * Conservative pacing against WeChat's risk control: a gap (plus random jitter) measured from the
 * end of the previous message to the same contact, and a per-account token bucket through
 * Bottleneck. Each chat's messages already come one at a time (the dispatcher's chain).
 */
export function wechatPacing(p: WechatPacing, random: () => number = Math.random): SendLimiter {
  const account = new Bottleneck({
    reservoir: p.perMinute,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseInterval: Math.ceil(60_000 / p.perMinute),
    reservoirIncreaseMaximum: p.perMinute,
  });
  const lastSent = new Map<string, number>();
  return {
    schedule: (recipient, task) =>
      account.schedule(async () => {
        const wait = (lastSent.get(recipient) ?? 0) + p.contactGapMs + Math.round(random() * p.jitterMs) - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        try {
          return await task();
        } finally {
          lastSent.set(recipient, Date.now());
        }
      }),
    stop: () => account.stop({ dropWaitingJobs: true }),
  };
}
