import { describe, expect, it } from "vitest";
import { TestClock } from "../../helpers/clock.js";
import { telegramPerTest, UNPACED } from "../../helpers/telegram.js";
import { bindTeam, fileAndAccept, team } from "../../helpers/team.js";
import { numberIn, Visitor } from "../../helpers/visitor.js";

const startService = telegramPerTest();

describe("催单: a resident urges a report while waiting", () => {
  it("the worker holding it hears at once with the number and the wait; a second urge at the same step goes to the supervisor; at most one per 10 minutes", async () => {
    const { svc, double } = await startService({ limits: UNPACED, policy: { warnBefore: "0m" } });
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    const number = await fileAndAccept(double, owner, "3栋2单元201 厨房水管漏水 13812345678 尽快");

    svc.clock.advance(25);
    const told = await owner.say("怎么还没人来");
    expect(told).toContain(`已帮您催促：李已收到您的催单（${number}，已等待 25 分钟）。师傅预计 11月23日（周一）10:30 前上门。`);
    const toLi = await double.nth(team.li.id, 3);
    expect(toLi.text).toContain(`【催单】${number}（3栋2单元201 厨房水管漏水）业主第 1 次催单，已等待 25 分钟，当前「师傅已接单」`);
    expect(double.sentTo(team.wang.id)).toHaveLength(0);

    svc.clock.advance(5);
    expect(await owner.say("催一下")).toMatch(/已经催过 BS\d{8}-\d{4}，我们正在处理，11月23日（周一）10:35 后可以再催/);
    expect(double.sentTo(team.li.id)).toHaveLength(3);

    svc.clock.advance(6);
    expect(await owner.say("催一下")).toContain("已帮您再次催促，并上报给了李的上级督办");
    const toWang = await double.nth(team.wang.id, 1);
    expect(toWang.text).toContain(`【催单升级】${number}`);
    expect(toWang.text).toContain("业主第 2 次催单，已等待 36 分钟");
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.urges).toBe(2);
    expect(body.events.filter((e: any) => e.type === "ticket.urged").map((e: any) => [e.data.level, e.data.to])).toEqual([
      [0, ["李"]],
      [1, ["王主管"]],
    ]);
  });

  it("with several open reports, the resident picks which; in quiet hours the urge is recorded and nobody is woken", async () => {
    const { svc, double } = await startService({
      limits: UNPACED,
      clock: new TestClock("2026-11-23T20:00:00+08:00"),
      policy: { warnBefore: "0m", officeHours: { start: "08:00", end: "18:00" }, nightContact: "0571-88880000" },
    });
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    for (const r of ["3栋2单元201 厨房水管漏水 13812345678 尽快", "3栋2单元201 卧室灯不亮 13812345678 尽快"]) {
      await owner.say(r);
      await owner.press("确认提交");
    }
    expect(await owner.say("催单")).toContain("请问要催哪一条报事？");
    expect(owner.choices()).toHaveLength(2);
    const reply = await owner.press("卧室灯");
    expect(reply).toContain("已记录您的催单");
    expect(reply).toContain("服务中心 11月24日（周二）08:00 上班后会第一时间处理");
    expect(reply).toContain("0571-88880000");
    expect(Object.values(team).flatMap((u) => double.sentTo(u.id))).toHaveLength(0);
  });

  it("someone else's report cannot be urged, and with nothing open an urge is not taken for one", async () => {
    const { svc } = await startService({ limits: UNPACED });
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    const ticket = await svc.app.db.ticket.findUnique({ where: { number } });
    const stranger = new Visitor(svc.url);
    const res = await fetch(`${svc.url}/api/webchat/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ visitorId: stranger.id, choice: `urge:${ticket!.id}` }),
    });
    expect(((await res.json()) as any).replies[0].text).toContain("您目前没有处理中的报事可以催");
    expect((await svc.admin(`/api/tickets/${number}`)).body.urges).toBe(0);
  });
});
