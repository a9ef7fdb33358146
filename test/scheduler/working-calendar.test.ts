import { afterEach, describe, expect, it } from "vitest";
import type { RunningApp } from "../helpers/app.js";
import type { BotApiDouble } from "../helpers/bot-api-double.js";
import { TestClock } from "../helpers/clock.js";
import { startWithTelegram, sweep, UNPACED } from "../helpers/telegram.js";
import { bindTeam, fileAndComplete, team } from "../helpers/team.js";
import { numberIn, Visitor } from "../helpers/visitor.js";

/**
 * The property's working calendar, end to end: office 08:00–18:00 on working days, with a holiday.
 * Nobody is woken for a non-urgent ticket; very urgent ones reach someone at any hour.
 */
let running: { svc: RunningApp; double: BotApiDouble } | undefined;
afterEach(async () => {
  await running?.svc.destroy();
  await running?.double.stop();
  running = undefined;
});

async function start(at: string, policy: Record<string, unknown> = {}) {
  running = await startWithTelegram({
    limits: UNPACED,
    clock: new TestClock(at),
    policy: { officeHours: { start: "08:00", end: "18:00" }, holidays: ["2026-12-25"], nightContact: "0571-88880000", ...policy },
  });
  await bindTeam(running.svc);
  return running;
}

/** Every Telegram message staff received. */
const staffMessages = (double: BotApiDouble) => Object.values(team).flatMap((u) => double.sentTo(u.id));

describe("the working calendar (office 08:00–18:00, Christmas off)", () => {
  it("a dripping tap at 23:40 waits for the office: the resident is told when, nobody is woken, it is dispatched at 08:05", async () => {
    const { svc, double } = await start("2026-12-01T23:40:00+08:00"); // a Tuesday night
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水龙头一直滴水 13812345678 尽快");
    const reply = await owner.press("确认提交");
    const number = numberIn(reply)!;
    expect(reply).toContain("现在是下班时间，服务中心 12月2日（周三）08:00 上班后会第一时间处理：12月2日（周三）08:05 前安排师傅");
    expect(reply).toContain("0571-88880000");
    expect(reply).not.toMatch(/30 分钟内上门/);
    let { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "received", clock: "office" });
    expect(body.deadlines.dispatch).toBe("2026-12-02T08:05:00+08:00");
    expect(body.events.map((e: any) => e.type)).toContain("dispatch.deferred");

    for (const at of ["2026-12-02T00:30:00+08:00", "2026-12-02T03:00:00+08:00", "2026-12-02T07:59:00+08:00"]) {
      svc.clock.set(at);
      await sweep(svc);
    }
    expect(staffMessages(double)).toHaveLength(0);

    svc.clock.set("2026-12-02T08:05:00+08:00");
    await sweep(svc);
    expect((await double.nth(team.li.id, 1)).text).toContain(`【派工单】${number}`);
    ({ body } = await svc.admin(`/api/tickets/${number}`));
    expect(body).toMatchObject({ status: "dispatched", assignee: { name: "李" } });
    // no warning for a dispatch the sweep makes itself, and nobody else heard of it
    expect(staffMessages(double)).toHaveLength(1);
  });

  it("a paid job outside the fee catalogue filed at night is quoted first when the office opens, never sent straight to a worker", async () => {
    const { svc, double } = await start("2026-12-01T22:00:00+08:00");
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 卧室衣柜门坏了 13812345678 后天下午三点");
    const number = numberIn(await owner.press("确认提交"))!;
    svc.clock.set("2026-12-02T08:05:00+08:00");
    await sweep(svc);
    expect((await double.nth(team.wang.id, 1)).text).toContain(`【报价单】${number}`);
    expect(double.sentTo(team.li.id)).toHaveLength(0);
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "received" });
    expect(body.deadlines.dispatch).toBe("2026-12-02T08:20:00+08:00");
  });

  it("filed on Christmas Eve night, it waits over the holiday; the weekend after the holiday is skipped too", async () => {
    const { svc } = await start("2026-12-24T22:00:00+08:00"); // Thursday; Friday 25th is the holiday
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 卫生间灯不亮了 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.deadlines.dispatch).toBe("2026-12-28T08:05:00+08:00");
    expect(body.deadlines.arrive).toBe("2026-12-28T08:30:00+08:00");
  });

  it("a gas leak at 03:00 goes at once to the technician on duty, on a 24-hour clock", async () => {
    const { svc, double } = await start("2026-12-02T03:00:00+08:00");
    const owner = new Visitor(svc.url);
    const reply = await owner.say("3栋2单元201 厨房燃气泄漏了 很大的煤气味 13812345678");
    const number = numberIn(reply)!;
    expect(reply).toMatch(/^⚠️/);
    expect((await double.nth(team.li.id, 1)).text).toContain(`【派工单】${number}（非常紧急）`);
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "dispatched", clock: "round" });
    expect(body.deadlines.accept).toBe("2026-12-02T03:10:00+08:00");
  });

  it("a gas leak at 03:00 with nobody on duty reaches the supervisor at once, and the resident gets the night duty phone", async () => {
    const { svc, double } = await start("2026-12-02T03:00:00+08:00");
    const dayShift = { weekly: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, ["08:00-18:00"]])) };
    for (const id of ["s-li", "s-zhao"]) await svc.app.db.staff.update({ where: { id }, data: { roster: dayShift } });
    svc.app.store.forgetWorkforce();
    const owner = new Visitor(svc.url);
    const reply = await owner.say("5栋1单元302 燃气泄漏 13812345678");
    expect(reply).toContain("值班师傅暂时联系不上，主管已收到紧急通知，正在安排人员赶来；您也可以直接拨打夜间值班电话 0571-88880000");
    // nobody on the way: no arrival promised before it
    expect(reply).not.toMatch(/谢谢您的反馈|分钟内到场|立即赶来/);
    expect((await double.nth(team.wang.id, 1)).text).toMatch(/^【待派工】/);
    expect(double.sentTo(team.li.id)).toHaveLength(0);
  });

  it("quiet hours: reminders that fall due in the evening are held, then each person gets one summary when the office opens", async () => {
    const { svc, double } = await start("2026-12-01T10:00:00+08:00", { warnBefore: "0m" });
    const numbers: string[] = [];
    // two visits booked for this evening, after the office closes (arrival deadlines 18:55 and 19:55)
    for (const [i, [room, time]] of (
      [
        ["201", "晚上7点"],
        ["202", "晚上8点"],
      ] as const
    ).entries()) {
      const owner = new Visitor(svc.url);
      await owner.say(`3栋2单元${room} 水管漏水 13812345678 今天${time}`);
      numbers.push(numberIn(await owner.press("确认提交"))!);
      double.press(team.li, await double.nth(team.li.id, 2 * i + 1), "接单");
      await double.nth(team.li.id, 2 * i + 2);
    }
    const before = double.sentTo(team.li.id).length;
    for (const at of ["2026-12-01T18:55:00+08:00", "2026-12-01T19:56:00+08:00", "2026-12-01T23:00:00+08:00", "2026-12-02T07:59:00+08:00"]) {
      svc.clock.set(at);
      await sweep(svc);
    }
    expect(double.sentTo(team.li.id)).toHaveLength(before);
    expect(double.sentTo(team.wang.id)).toHaveLength(0);

    svc.clock.set("2026-12-02T08:00:00+08:00");
    await sweep(svc);
    const li = double.sentTo(team.li.id).slice(before);
    expect(li).toHaveLength(1);
    expect(li[0]!.text).toContain("【上班提醒】非工作时间里有 2 项到期未处理");
    for (const n of numbers) expect(li[0]!.text).toContain(n);
    // from here the chain climbs on the office clock: 30 office minutes later, the supervisor
    svc.clock.set("2026-12-02T08:29:00+08:00");
    await sweep(svc);
    expect(double.sentTo(team.wang.id)).toHaveLength(0);
    svc.clock.set("2026-12-02T08:30:00+08:00");
    await sweep(svc);
    expect(double.sentTo(team.wang.id).map((m) => m.text.slice(0, 6))).toEqual(["【超时升级】", "【超时升级】"]);
  });

  it("a job finished after closing time: the steward is reminded to call back when the office opens, not at night", async () => {
    const { svc, double } = await start("2026-12-01T17:00:00+08:00");
    const owner = new Visitor(svc.url);
    const number = await fileAndComplete(svc, double, owner, "3栋2单元201 厨房水管漏水 13812345678 尽快", 90);
    for (const at of ["2026-12-01T18:31:00+08:00", "2026-12-01T23:00:00+08:00", "2026-12-02T07:59:00+08:00"]) {
      svc.clock.set(at);
      await svc.app.scheduler.run("callbacks");
      await svc.app.telegram!.flushed();
    }
    expect(double.sentTo(team.sun.id)).toHaveLength(0);
    svc.clock.set("2026-12-02T08:00:00+08:00");
    await svc.app.scheduler.run("callbacks");
    expect((await double.nth(team.sun.id, 1)).text).toContain(number);
  });

  it("快超时: one warning before the acceptance deadline, to the worker only; then the timeout climbs as before", async () => {
    const { svc, double } = await start("2026-12-01T10:00:00+08:00");
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    await double.nth(team.li.id, 1);
    // a 10-minute window: warned a third of it before, at 10:06:40
    svc.clock.set("2026-12-01T10:06:00+08:00");
    await sweep(svc);
    expect(double.sentTo(team.li.id)).toHaveLength(1);
    svc.clock.set("2026-12-01T10:07:00+08:00");
    await sweep(svc);
    const warning = await double.nth(team.li.id, 2);
    expect(warning.text).toContain(`【快超时】${number}`);
    expect(warning.text).toContain("需在 12月1日（周二）10:10 前接单");
    await sweep(svc);
    svc.clock.set("2026-12-01T10:08:00+08:00");
    await sweep(svc);
    expect(double.sentTo(team.li.id)).toHaveLength(2);
    expect(double.sentTo(team.wang.id)).toHaveLength(0);
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.events.filter((e: any) => e.type === "ticket.warned")).toMatchObject([{ data: { step: "accept", to: ["李"] } }]);
    // a warning is not a breach: the ticket is not late
    expect(body.events.some((e: any) => e.type.startsWith("deadline."))).toBe(false);
  });
});
