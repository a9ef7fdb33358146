import { describe, expect, it } from "vitest";
import { telegramPerTest, UNPACED } from "../../helpers/telegram.js";
import { bindTeam, fileAndAccept, team } from "../../helpers/team.js";
import { numberIn, Visitor } from "../../helpers/visitor.js";

const startService = telegramPerTest();

describe("a report that repeats an open one, and floods", () => {
  it("the resident is shown the open report with who has it; added as a note, the worker is told; nothing is dropped", async () => {
    const { svc, double } = await startService({ limits: UNPACED, policy: { warnBefore: "0m" } });
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    const number = await fileAndAccept(double, owner, "3栋2单元201 厨房水管漏水 13812345678 尽快");

    svc.clock.advance(20);
    await owner.say("3栋2单元201 厨房水管还在漏水，地上都是水了 13812345678 尽快");
    const asked = await owner.press("确认提交");
    expect(asked).toContain(`您于 11月23日（周一）报过 ${number}（厨房水管漏水），李师傅已接单，预计 11月23日（周一）10:30 前上门。这次说的是同一个问题吗？`);
    expect(owner.choices()).toEqual([`是同一个，补充到 ${number}`, "不是，新报一条"]);
    expect(await owner.press("补充到")).toContain(`已把您这次说的内容（和照片）补充到报事 ${number}`);
    const note = await double.nth(team.li.id, 3);
    expect(note.text).toContain(`【业主补充】${number}：厨房水管还在漏水`);
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.events.find((e: any) => e.type === "ticket.note").data).toMatchObject({ text: expect.stringContaining("地上都是水了"), by: "resident" });
    const { body: list } = await svc.admin(`/api/tickets?property=demo`);
    // one report, with the addition on it: no second ticket
    expect(list.tickets).toHaveLength(1);
  });

  it("filed anyway when the resident says it is another problem; another resident of the same room sees the report without its details", async () => {
    const { svc } = await startService({ limits: UNPACED });
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 卫生间马桶堵了 13812345678 尽快");
    const first = numberIn(await owner.press("确认提交"))!;
    const family = new Visitor(svc.url);
    await family.say("3栋2单元201 马桶又堵了 13900002222 尽快");
    const asked = await family.press("确认提交");
    expect(asked).toContain(`这个房号于 11月23日（周一）已有人报过类似的问题（${first}），正在处理中`);
    expect(asked).not.toContain("13812345678");
    const second = numberIn(await family.press("新报一条"));
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it("a resident past the day's limit is told plainly and offered a person; an emergency still goes through", async () => {
    const { svc } = await startService({ limits: UNPACED, policy: { maxReportsPerDay: 2 } });
    const owner = new Visitor(svc.url);
    for (const r of ["3栋2单元201 卧室灯不亮 13812345678 尽快", "3栋2单元201 门锁坏了 13812345678 尽快"]) {
      await owner.say(r);
      expect(await owner.press("确认提交")).toMatch(/单号/);
    }
    await owner.say("3栋2单元201 阳台推拉门关不上 13812345678 尽快");
    const refused = await owner.press("确认提交");
    expect(refused).toContain("您今天已经提交了 2 条报事，达到了每天的上限，这一条没有登记");
    expect(owner.choices()).toEqual(["转人工"]);
    expect(await owner.press("转人工")).toMatch(/人工|客服|服务中心/);
    expect(await owner.say("3栋2单元201 厨房燃气泄漏 13812345678")).toMatch(/^⚠️[\s\S]*单号/);
  });
});
