import { afterEach, describe, expect, it } from "vitest";
import type { RunningApp } from "../../helpers/app.js";
import type { BotApiDouble } from "../../helpers/bot-api-double.js";
import { TestClock } from "../../helpers/clock.js";
import { owner, startWithTelegram } from "../../helpers/telegram.js";

let svc: RunningApp | undefined;
let double: BotApiDouble | undefined;
afterEach(async () => {
  await svc?.destroy();
  await double?.stop();
  svc = double = undefined;
});

const oneShot = "3栋2单元201 厨房水管漏水 13812345678 尽快";

describe("webhook mode", () => {
  it("registers the webhook with a secret, accepts Telegram's calls and refuses others with 403", async () => {
    ({ svc, double } = await startWithTelegram({ webhook: true }));
    expect(double.webhook?.url).toMatch(/\/telegram\/hook$/);
    expect(double.webhook?.secret).toBe("test-webhook-secret");
    expect(double.callsOf("getUpdates")).toHaveLength(0);

    const update = double.push({
      message: { message_id: 1, date: 0, from: { ...owner, is_bot: false }, chat: { id: owner.id, type: "private" }, text: "查询进度" },
    });
    expect(await double.deliver(update, "wrong-secret")).toBe(403);
    expect(await double.deliver(update, "")).toBe(403);
    expect(await svc.app.db.inboundMessage.count()).toBe(0);
    expect(await double.deliver(update)).toBe(200);
    expect((await double.nth(owner.id, 1)).text).toContain("没有处理中的报事");
  });

  it("an update delivered twice (same update_id) changes nothing the second time", async () => {
    ({ svc, double } = await startWithTelegram({ webhook: true }));
    const first = double.push({
      message: { message_id: 1, date: 0, from: { ...owner, is_bot: false }, chat: { id: owner.id, type: "private" }, text: oneShot },
    });
    expect(await double.deliver(first)).toBe(200);
    const summary = await double.nth(owner.id, 1);
    const press = double.press(owner, summary, "确认提交");
    expect(await double.deliver(press)).toBe(200);
    expect(await double.deliver(press)).toBe(200);
    expect(await double.deliver(first)).toBe(200);
    await double.nth(owner.id, 2);
    await svc.app.telegram!.flushed();
    expect(await svc.app.db.ticket.count()).toBe(1);
    expect(double.sentTo(owner.id)).toHaveLength(2);
    expect(await svc.app.db.inboundMessage.count()).toBe(2);
  });
});

describe("sending within Telegram's limits", () => {
  it("a burst of 40 residents at once: every reply delivered once, no 429 provoked", async () => {
    ({ svc, double } = await startWithTelegram());
    const residents = Array.from({ length: 40 }, (_, i) => ({ id: 9000 + i, first_name: `业主${i}` }));
    for (const [i, r] of residents.entries()) double.say(r, `${(i % 12) + 1}栋1单元${301 + i} 厨房水管漏水 138${String(20000000 + i)} 尽快`);
    for (const r of residents) expect((await double.nth(r.id, 1)).text).toContain("请您核对报事信息");
    // and each one's second message too (per-chat bursts and the bot's 30/s together)
    for (const r of residents) double.press(r, double.lastTo(r.id), "确认提交");
    for (const r of residents) expect((await double.nth(r.id, 2)).text).toMatch(/单号 BS20261123-\d{4}/);
    await svc.app.telegram!.flushed();
    expect(double.violations).toBe(0);
    for (const r of residents) expect(double.sentTo(r.id)).toHaveLength(2);
    expect(await svc.app.db.ticket.count()).toBe(40);
  });

  it("a 429 storm: waits retry_after and delivers everything once, in order", async () => {
    ({ svc, double } = await startWithTelegram());
    double.fail(3, { code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 });
    double.say(owner, "我家漏水了");
    double.say(owner, "3栋2单元201");
    const first = await double.nth(owner.id, 1);
    const second = await double.nth(owner.id, 2);
    expect(first.text).toContain("房号");
    expect(second.text).toContain("联系电话");
    await svc.app.telegram!.flushed();
    expect(double.sentTo(owner.id)).toHaveLength(2);
    const rows = await svc.app.db.outboxMessage.findMany({ where: { channel: "telegram" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(rows[0]!.attempts).toBe(4);
  });

  it("a 500 storm: backs off and delivers", async () => {
    ({ svc, double } = await startWithTelegram());
    double.fail(2, { code: 500, description: "Internal Server Error" });
    double.say(owner, "查询进度");
    expect((await double.nth(owner.id, 1)).text).toContain("没有处理中的报事");
    await svc.app.telegram!.flushed();
    const row = await svc.app.db.outboxMessage.findFirst({ where: { channel: "telegram" } });
    expect(row).toMatchObject({ status: "sent", attempts: 3 });
  });

  it("a resident who blocked the bot is marked unreachable and a steward-facing event is recorded; nothing is retried", async () => {
    ({ svc, double } = await startWithTelegram());
    double.say(owner, oneShot);
    const summary = await double.nth(owner.id, 1);
    double.block(owner.id);
    double.press(owner, summary, "确认提交");
    await double.until(() => double!.calls.filter((c) => c.method === "sendMessage").length >= 2, "the refused send");
    await svc.app.telegram!.flushed();
    const identity = await svc.app.db.residentIdentity.findUnique({ where: { id: `telegram:${owner.id}` } });
    expect(identity?.unreachable).toBe(true);
    const event = await svc.app.db.event.findFirst({ where: { type: "identity.unreachable" } });
    expect(event?.data).toMatchObject({ recipient: String(owner.id), resident: `telegram:${owner.id}` });
    const dead = await svc.app.db.outboxMessage.findFirst({ where: { status: "dead" } });
    expect(dead?.lastError).toContain("403");
    expect(double.calls.filter((c) => c.method === "sendMessage")).toHaveLength(2);
  });
});

describe("restart", () => {
  it("replies still unsent when the process stops are sent after it comes back", async () => {
    const clock = new TestClock("2026-11-23T10:00:00+08:00");
    ({ svc, double } = await startWithTelegram({ clock }));
    // Telegram is down: the reply is committed to the outbox but cannot leave
    double.fail(1000, { code: 502, description: "Bad Gateway" });
    double.say(owner, oneShot);
    await double.until(() => double!.calls.filter((c) => c.method === "sendMessage").length >= 1, "a failed try");
    const dir = svc.dir;
    await svc.stop();
    const pending = await (await import("../../helpers/app.js")).startApp({ dir, clock });
    expect(await pending.app.db.outboxMessage.count({ where: { status: "pending" } })).toBe(1);
    await pending.stop();

    // back a minute later, Telegram answering again
    clock.advance(1);
    const healthy = await startWithTelegram({ dir, clock });
    svc = healthy.svc;
    const fresh = healthy.double;
    expect((await fresh.nth(owner.id, 1)).text).toContain("请您核对报事信息");
    await svc.app.telegram!.flushed();
    expect(fresh.sentTo(owner.id)).toHaveLength(1);
    expect(await svc.app.db.outboxMessage.count({ where: { status: "pending" } })).toBe(0);
    await fresh.stop();
  });
});
