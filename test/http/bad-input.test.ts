import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app.js";
import { Visitor } from "../helpers/visitor.js";

let svc: RunningApp;
beforeAll(async () => {
  svc = await startApp();
});
afterAll(async () => {
  await svc.destroy();
});

const post = (body: unknown, raw?: string) =>
  fetch(`${svc.url}/api/webchat/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: raw ?? JSON.stringify(body) });

describe("bad input gets a clear reply, never a crash or a stored garbage field", () => {
  it.each([
    ["empty", "", /请用文字告诉我/],
    ["only spaces", "   \n\t ", /请用文字告诉我/],
    ["10,000 characters", "漏".repeat(10_000), /太长了（最多 1000 个字）/],
    ["control characters", "\u0000\u0007\u001b[31m", /请用文字告诉我/],
  ])("%s", async (_name, text, expected) => {
    const owner = new Visitor(svc.url);
    expect(await owner.say(text)).toMatch(expected);
    expect(await svc.app.db.conversationSession.count({ where: { id: `web:${owner.id}` } })).toBe(0);
  });

  it.each([
    ["emoji only", "😀😀🙏"],
    ["SQL", "'; DROP TABLE Ticket; --"],
    ["HTML", "<script>alert(1)</script>"],
    ["a greeting", "在吗"],
  ])("%s as a description is not stored as one", async (_name, text) => {
    const owner = new Visitor(svc.url);
    await owner.say("报事");
    const reply = await owner.say(text);
    expect(reply).toMatch(/描述|问题/);
    await owner.say("3栋2单元201");
    await owner.say("13812345678");
    await owner.say("尽快");
    const state = await svc.app.db.conversationSession.findUnique({ where: { id: `web:${owner.id}` } });
    expect(JSON.parse(state!.state).state.values.description).toBeUndefined();
  });

  it("a room, phone or time that cannot exist is refused with the reason", async () => {
    const owner = new Visitor(svc.url);
    await owner.say("厨房漏水了");
    expect(await owner.say("房号 0栋0单元0000")).toContain("房号好像不存在");
    await owner.say("3栋2单元201");
    expect(await owner.say("1381234567")).toContain("11 位");
    await owner.say("13812345678");
    expect(await owner.say("2026-02-30 10:00")).toContain("2月没有30日");
    expect(await owner.say("今天早上8点")).toContain("已经过去了");
    expect(await owner.say("明天下午3点")).toContain("请您核对");

    // a third refusal of the same question would end the report as invalid, so a new resident
    const late = new Visitor(svc.url);
    await late.say("3栋2单元201 厨房漏水 13812345678");
    expect(await late.say("明天晚上11点")).toContain("不在服务时间内");
    expect(await late.say("明年3月1日上午10点")).toContain("最多可以预约 30 天");
  });

  it("the API names what is wrong with a malformed request", async () => {
    const cases: [unknown, string | undefined, RegExp][] = [
      [{ text: "hi" }, undefined, /visitorId/],
      [{ visitorId: "x", text: "hi" }, undefined, /visitorId: must be 8–64/],
      [{ visitorId: "visitor-001" }, undefined, /send text, choice or attachments/],
      [{ visitorId: "visitor-001", attachments: [{ kind: "photo", ref: "javascript:alert(1)" }] }, undefined, /attachments/],
      [{ visitorId: "visitor-001", text: 42 }, undefined, /text/],
      [undefined, "{not json", /JSON/i],
    ];
    for (const [body, raw, expected] of cases) {
      const res = await post(body, raw);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { error: { message: string } };
      expect(json.error.message).toMatch(expected);
    }
    expect(await svc.app.db.inboundMessage.count({ where: { userId: "visitor-001" } })).toBe(0);
  });

  it("a visitor sending too fast is told to wait, and nothing of those messages is stored", async () => {
    const flood = new Visitor(svc.url);
    for (let i = 0; i < 20; i++) await flood.say("你好");
    const res = await post({ visitorId: flood.id, text: "你好" });
    expect(res.status).toBe(429);
    expect(((await res.json()) as any).error.message).toContain("您发送得太快了");
    expect(await svc.app.db.inboundMessage.count({ where: { userId: flood.id } })).toBe(20);
    // a minute later the visitor may write again
    svc.clock.advance(1);
    expect(await flood.say("你好")).toContain("报事服务");
  });

  it("an unknown choice value is read as text, not as a crash", async () => {
    const res = await post({ visitorId: "visitor-002", choice: "edit:nonsense" });
    expect(res.status).toBe(200);
  });
});
