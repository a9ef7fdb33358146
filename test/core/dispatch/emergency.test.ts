import { describe, expect, it } from "vitest";
import { telegramPerTest, UNPACED } from "../../helpers/telegram.js";
import { bindTeam, team } from "../../helpers/team.js";
import { numberIn, Visitor } from "../../helpers/visitor.js";

const startService = telegramPerTest();

/** Everything the resident was told in the last turn, as one text. */
const told = (v: Visitor) => v.last.map((r) => r.text).join("\n");

describe("an emergency is never turned away (issue 11)", () => {
  it("a lift with only the building said is filed and dispatched at once; the phone is asked after and reaches the technician", async () => {
    const { svc, double } = await startService({ limits: UNPACED });
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    await owner.say("电梯里困人了！5栋");
    const reply = told(owner);
    const number = numberIn(reply)!;
    expect(reply).toMatch(/^⚠️ 被困人员请保持冷静/);
    expect(reply).toContain("已通知值班人员立即赶来，要求 15 分钟内到场");
    // one question at a time, after the filing; no thanks, no "nobody can come"
    expect(owner.last.at(-1)!.text).toBe("请留一个联系电话，方便值班人员马上联系您。");
    expect(reply).not.toMatch(/谢谢您的反馈|无法受理|暂时没有/);
    // (a lift is the electrician's)
    const order = await double.nth(team.zhao.id, 1);
    expect(order.text).toContain(`【派工单】${number}`);
    expect(order.text).toContain("位置：5栋电梯");

    await owner.say("快点来人啊 13812345678");
    expect(told(owner)).toContain("已转告值班人员：联系电话");
    expect((await double.nth(team.zhao.id, 2)).text).toBe(`【紧急·业主补充】${number}：电话 13812345678`);
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "dispatched", urgency: "非常紧急", location: "5栋电梯" });
    expect(body.events.map((e: any) => e.type)).toContain("ticket.amended");
  });

  it("with no place at all it goes to the on-duty steward and the supervisor with the phone; the place comes after, never invalid", async () => {
    const { svc, double } = await startService({ limits: UNPACED });
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    await owner.say("着火了！！快来人 13812345678");
    const number = numberIn(told(owner))!;
    expect(told(owner)).toContain("已通知值班管家和主管，他们会马上联系您。");
    expect(owner.last.at(-1)!.text).toContain("请问具体在哪里？");
    for (const who of [team.sun, team.wang]) {
      const alert = await double.nth(who.id, 1);
      expect(alert.text).toContain(`【紧急·位置待确认】${number}`);
      expect(alert.text).toContain("电话 13812345678");
    }
    // the answers that do not parse are skipped after a few tries: the report stays a live emergency
    await owner.say("里面还有老人");
    expect(told(owner)).toContain("已转告值班人员：您补充的情况");
    expect((await double.nth(team.sun.id, 2)).text).toBe(`【紧急·业主补充】${number}：「里面还有老人」`);
    await owner.say("快点来人啊 五栋");
    expect(told(owner)).toContain("已转告值班人员：位置 5栋");
    expect(owner.last.at(-1)!.text).toContain("5栋 — 请问是几单元几号？");
    await owner.say("2单元1801");
    expect(told(owner)).toContain("已转告值班人员：位置 5栋2单元1801");
    expect(told(owner)).toContain("已全部转告值班人员");
    expect((await double.nth(team.wang.id, 4)).text).toBe(`【紧急·业主补充】${number}：位置 5栋2单元1801`);
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.status).not.toBe("invalid");
    expect(body).toMatchObject({ room: "5栋2单元1801", location: null });
  });

  it("declining and unreadable answers never make an emergency invalid", async () => {
    const { svc } = await startService({ limits: UNPACED });
    const owner = new Visitor(svc.url);
    await owner.say("家里燃气泄漏了 我不留电话");
    const number = numberIn(told(owner))!;
    await owner.say("不想说");
    expect(told(owner)).toContain("这一项可以先不提供，我们先处理紧急情况");
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "received", urgency: "非常紧急" });
  });
});
