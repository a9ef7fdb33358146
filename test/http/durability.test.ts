import { describe, expect, it } from "vitest";
import { startApp } from "../helpers/app.js";
import { TestClock } from "../helpers/clock.js";
import { numberIn, Visitor } from "../helpers/visitor.js";

describe("conversations survive restarts and expire when idle", () => {
  it("after a process restart the conversation continues at the same step", async () => {
    const clock = new TestClock("2026-11-23T10:00:00+08:00");
    const first = await startApp({ clock });
    const owner = new Visitor(first.url);
    await owner.say("我家漏水了");
    expect(await owner.say("3栋2单元201")).toContain("联系电话");
    await first.stop();

    clock.advance(5);
    const second = await startApp({ dir: first.dir, clock });
    const again = new Visitor(second.url, owner.id);
    expect(await again.say("13812345678")).toContain("什么时候上门");
    const summary = await again.say("明天下午3点");
    expect(summary).toContain("3栋2单元201");
    expect(summary).toContain("我家漏水了");
    expect(numberIn(await again.press("确认提交"))).toBe("BS20261123-0001");
    await second.destroy();
  });

  it("report numbers go on from the last one stored after a restart", async () => {
    const clock = new TestClock("2026-11-23T10:00:00+08:00");
    const first = await startApp({ clock });
    const a = new Visitor(first.url);
    await a.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    expect(numberIn(await a.press("确认提交"))).toBe("BS20261123-0001");
    await first.stop();
    const second = await startApp({ dir: first.dir, clock });
    const b = new Visitor(second.url);
    await b.say("5栋1单元302 马桶堵了 13900001111 尽快");
    expect(numberIn(await b.press("确认提交"))).toBe("BS20261123-0002");
    await second.destroy();
  });

  it("a session idle past the policy's 30 minutes expires, and the resident is told so next time", async () => {
    const svc = await startApp();
    const owner = new Visitor(svc.url);
    await owner.say("我家漏水了");
    svc.clock.advance(29);
    expect(await owner.say("3栋2单元201")).toContain("联系电话");
    svc.clock.advance(31);
    const reply = await owner.say("13812345678");
    expect(reply).toContain("超过 30 分钟没有回复");
    expect(reply).toContain("遇到了什么问题");
    await svc.destroy();
  });

  it("the same message delivered twice (same messageId) is handled once and answered the same", async () => {
    const svc = await startApp();
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const first = await owner.say("确认", "msg-confirm-0001");
    const again = await owner.say("确认", "msg-confirm-0001");
    expect(again).toBe(first);
    expect(await svc.app.db.ticket.count()).toBe(1);
    expect(await svc.app.db.inboundMessage.count({ where: { externalId: "msg-confirm-0001" } })).toBe(1);
    await svc.destroy();
  });

  it("every reply is in the outbox, written with the state change, and the page can read the conversation back", async () => {
    const svc = await startApp();
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const done = await owner.press("确认提交");
    const number = numberIn(done)!;
    const ticket = await svc.app.db.ticket.findUnique({ where: { number } });
    const outbox = await svc.app.db.outboxMessage.findMany({ where: { ticketId: ticket!.id } });
    expect(outbox.map((o) => JSON.parse(o.payload).text)).toEqual([done]);

    const res = await fetch(`${svc.url}/api/webchat/messages?visitorId=${owner.id}`);
    const { messages } = (await res.json()) as { messages: { from: string; text: string }[] };
    expect(messages.map((m) => m.from)).toEqual(["resident", "bot", "bot"]);
    expect(messages.at(-1)!.text).toBe(done);
    await svc.destroy();
  });

  it("many residents at once each get their own conversation and their own number", async () => {
    const svc = await startApp();
    const owners = Array.from({ length: 40 }, () => new Visitor(svc.url));
    const numbers = await Promise.all(
      owners.map(async (o, i) => {
        await o.say(`${(i % 12) + 1}栋2单元${201 + i} 厨房水管漏水 138${String(10000000 + i).padStart(8, "0")} 尽快`);
        return numberIn(await o.press("确认提交"));
      }),
    );
    expect(new Set(numbers).size).toBe(40);
    const { body } = await svc.admin("/api/tickets?limit=100");
    expect(body.tickets).toHaveLength(40);
    for (const [i, o] of owners.entries()) {
      expect(await o.say("查询进度")).toContain(numbers[i]);
    }
    await svc.destroy();
  });
});
