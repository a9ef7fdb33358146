import { describe, expect, it } from "vitest";
import { sweep, telegramPerTest, UNPACED } from "../../helpers/telegram.js";
import { bindTeam, fileAndAccept, team } from "../../helpers/team.js";
import { numberIn, Visitor } from "../../helpers/visitor.js";

const startService = telegramPerTest();

describe("挂起 (on hold): the clock stops while the work waits for parts or the owner", () => {
  it("the worker puts an accepted order on hold with a picked reason; nothing is chased meanwhile; resumed, every deadline moves on by the pause", async () => {
    const { svc, double } = await startService({ limits: UNPACED, policy: { warnBefore: "0m" } });
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    const number = await fileAndAccept(double, owner, "3栋2单元201 厨房水管漏水 13812345678 尽快");

    svc.clock.advance(5);
    double.say(team.li, "挂起");
    const why = await double.nth(team.li.id, 3);
    expect(why.text).toContain(`请问挂起 ${number} 的原因是？`);
    expect(why.reply_markup.inline_keyboard.flat().map((b: any) => b.text)).toEqual(["等配件", "等业主（不在家或另约）", "等其他部门或单位", "其他原因"]);
    double.press(team.li, why, "等业主（不在家或另约）");
    const held = await double.nth(team.li.id, 4);
    expect(held.text).toContain(`已挂起 ${number}（等业主（不在家或另约）），处理时限已暂停`);
    // 3 days on the office clock: Thursday at the same time
    expect(held.text).toContain("到 11月26日（周四）10:05 仍未恢复，主管会收到提醒");
    expect((await owner.seen()).at(-1)!.text).toContain(`您的报事 ${number} 暂时挂起：等业主（不在家或另约）。李师傅会在条件具备后继续处理`);
    let { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({
      status: "on_hold",
      hold: { since: "2026-11-23T10:05:00+08:00", reason: "等业主（不在家或另约）" },
      nextDue: "2026-11-26T10:05:00+08:00",
    });
    expect(body.deadlines.arrive).toBe("2026-11-23T10:30:00+08:00");

    // the arrival deadline (10:30) passes while on hold: nobody is chased
    svc.clock.set("2026-11-23T11:00:00+08:00");
    expect(await sweep(svc)).toEqual({ tickets: 0, messages: 0 });

    svc.clock.set("2026-11-23T12:05:00+08:00");
    double.say(team.li, "恢复");
    expect((await double.nth(team.li.id, 5)).text).toContain(`已恢复处理 ${number}（挂起 120 分钟，处理时限顺延）`);
    ({ body } = await svc.admin(`/api/tickets/${number}`));
    expect(body).toMatchObject({ status: "accepted", hold: null, pausedMs: 2 * 3600000 });
    expect(body.deadlines.arrive).toBe("2026-11-23T12:30:00+08:00");
    expect(body.nextDue).toBe("2026-11-23T12:30:00+08:00");
    expect((await owner.seen()).at(-1)!.text).toContain(`您的报事 ${number} 已恢复处理`);
    expect(body.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(["ticket.on_hold", "ticket.resumed"]));
  });

  it("a hold past maxHold reminds the supervisor, not the worker; only the assignee's accepted or arrived orders can be held", async () => {
    const { svc, double } = await startService({ limits: UNPACED, policy: { warnBefore: "0m", maxHold: "2h" } });
    await bindTeam(svc);
    double.say(team.li, "挂起");
    expect((await double.nth(team.li.id, 1)).text).toContain("您没有已接单或已到场的工单可以挂起");
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    double.press(team.li, await double.nth(team.li.id, 2), "接单");
    await double.nth(team.li.id, 3);
    double.say(team.li, "到场");
    await double.nth(team.li.id, 4);
    double.say(team.li, "挂起");
    double.press(team.li, await double.nth(team.li.id, 5), "等配件");
    await double.nth(team.li.id, 6);

    svc.clock.advance(119);
    expect(await sweep(svc)).toEqual({ tickets: 0, messages: 0 });
    svc.clock.advance(1);
    await sweep(svc);
    const reminder = await double.nth(team.wang.id, 1);
    expect(reminder.text).toContain(`【超时提醒】${number}`);
    expect(reminder.text).toContain("前结束挂起、恢复处理");
    expect(double.sentTo(team.li.id)).toHaveLength(6);

    // the office resumes it through the API: back to arrived, the way it was
    const res = await fetch(`${svc.url}/api/tickets/${number}/transition`, {
      method: "POST",
      headers: { authorization: "Bearer test-admin-token-0123456789", "content-type": "application/json" },
      body: JSON.stringify({ to: "arrived" }),
    });
    expect(res.status).toBe(200);
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "arrived", hold: null, pausedMs: 120 * 60000 });
  });
});
