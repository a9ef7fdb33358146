import { describe, expect, it } from "vitest";
import { TestClock } from "../../helpers/clock.js";
import { telegramPerTest, UNPACED } from "../../helpers/telegram.js";
import { bindTeam, team } from "../../helpers/team.js";
import { Visitor } from "../../helpers/visitor.js";

const startService = telegramPerTest();

describe("转人工 reaches a person", () => {
  it("in office hours the steward is told in chat who asked and how to reach them", async () => {
    const { svc, double } = await startService({ limits: UNPACED });
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    await owner.press("确认提交");
    expect(await owner.say("转人工")).toContain("正在为您转接人工，管家接入后会直接在这里回复您");
    const alert = await double.nth(team.sun.id, 1);
    // the phone masked in chat (a chat message can be forwarded)
    expect(alert.text).toContain("【转人工 #1】住户（网页，3栋2单元201，电话 138****5678）请求人工服务");
  });

  it("at night nobody is woken: the resident is told when the office opens and whom to call; the steward hears at opening", async () => {
    const { svc, double } = await startService({
      limits: UNPACED,
      clock: new TestClock("2026-11-23T23:30:00+08:00"),
      policy: { nightContact: "0571-88880000" },
    });
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    const reply = await owner.say("转人工");
    expect(reply).toContain("现在是下班时间，服务中心 11月24日（周二）08:00 上班后管家会在这里回复您，您现在说的话管家都能看到；着急的话请拨打 0571-88880000");
    await svc.app.scheduler.run("outbox");
    expect(Object.values(team).flatMap((u) => double.sentTo(u.id))).toHaveLength(0);
    const { body } = await svc.admin("/api/tickets");
    expect(body.tickets).toHaveLength(0);
    // held for the office: the steward has it when it opens
    svc.clock.set("2026-11-24T08:00:00+08:00");
    await svc.app.scheduler.run("outbox");
    expect((await double.nth(team.sun.id, 1)).text).toContain("【转人工 #1】住户（网页，未留电话）请求人工服务");
  });
});
