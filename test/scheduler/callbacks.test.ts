import { describe, expect, it } from "vitest";
import type { RunningApp } from "../helpers/app.js";
import { telegramPerTest, UNPACED } from "../helpers/telegram.js";
import { bindTeam, fileAndComplete, team } from "../helpers/team.js";
import { Visitor } from "../helpers/visitor.js";

const startService = telegramPerTest();

async function start() {
  const { svc, double } = await startService({ limits: UNPACED, policy: { warnBefore: "0m" } });
  await bindTeam(svc);
  return { svc, double };
}

async function runCallbacks(s: RunningApp) {
  const r = await s.app.scheduler.run("callbacks");
  await s.app.telegram!.flushed();
  return r;
}

describe("callbacks (回访)", () => {
  it("completion creates the callback due 24 h later; the steward is reminded with the summary and records the result in chat; the report closes", async () => {
    const { svc, double } = await start();
    const owner = new Visitor(svc.url);
    const number = await fileAndComplete(svc, double, owner, "3栋2单元201 厨房水管漏水 13812345678 尽快");
    const ticket = await svc.app.db.ticket.findUniqueOrThrow({ where: { number }, include: { callbacks: true } });
    expect(ticket.callbacks.map((c) => [c.kind, c.dueAt.toISOString()])).toEqual([["first", "2026-11-24T03:00:00.000Z"]]);

    expect(await runCallbacks(svc)).toEqual({ callbacks: 1, messages: 1 });
    const remind = await double.nth(team.sun.id, 1);
    expect(remind.text).toContain(`【回访提醒】${number}（3栋2单元201 厨房水管漏水）已于 11月23日（周一）11:00 由李师傅处理完成`);
    expect(remind.text).toContain("请在 11月24日（周二）11:00 前回访业主（☎ 13812345678）");
    // once reminded, nothing more until it is due
    expect(await runCallbacks(svc)).toEqual({ callbacks: 0, messages: 0 });

    double.press(team.sun, remind, "满意");
    const timely = await double.nth(team.sun.id, 2);
    expect(timely.text).toContain("是否及时");
    double.press(team.sun, timely, "及时");
    const how = await double.nth(team.sun.id, 3);
    expect(how.reply_markup.inline_keyboard.flat().map((b: any) => b.text)).toEqual(["电话", "微信/消息", "上门"]);
    double.press(team.sun, how, "电话");
    expect((await double.nth(team.sun.id, 4)).text).toContain(`已记录 ${number} 的回访：满意、及时、电话`);
    double.say(team.sun, "回访备注 业主说师傅很细心");
    expect((await double.nth(team.sun.id, 5)).text).toContain("已补充");

    const cb = await svc.app.db.callback.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(cb).toMatchObject({
      status: "done",
      satisfaction: "满意",
      timeliness: "及时",
      method: "phone",
      comment: "业主说师傅很细心",
      stewardId: "s-sun",
      nextAt: null,
    });
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.status).toBe("closed");
    expect(body.steps.visited).toBe("2026-11-23T11:00:00+08:00");
    // pressing an old choice again records nothing twice
    double.press(team.sun, how, "电话");
    expect((await double.nth(team.sun.id, 6)).text).toContain("已经记录过了");
    svc.clock.advance(48 * 60);
    expect(await runCallbacks(svc)).toEqual({ callbacks: 0, messages: 0 });
  });

  it("an overdue callback reminds the steward again, then climbs to the steward's superior and on up", async () => {
    const { svc, double } = await start();
    const owner = new Visitor(svc.url);
    const number = await fileAndComplete(svc, double, owner, "5栋1单元302 卫生间水管漏水 13812345678 尽快");
    await runCallbacks(svc);
    svc.clock.set("2026-11-24T11:00:00+08:00");
    await runCallbacks(svc);
    const again = await double.nth(team.sun.id, 2);
    expect(again.text).toContain(`【回访超时】${number}`);
    expect(again.reply_markup.inline_keyboard.flat().map((b: any) => b.text)).toEqual(["满意", "基本满意", "不满意"]);
    svc.clock.advance(30);
    await runCallbacks(svc);
    expect((await double.nth(team.wang.id, 1)).text).toContain(`【回访超时升级】${number}`);
    expect(double.lastTo(team.wang.id).text).toContain("孙管家尚未回访");
    svc.clock.advance(30);
    await runCallbacks(svc);
    expect((await double.nth(team.chen.id, 1)).text).toContain("【回访超时升级】");
    svc.clock.advance(30);
    await runCallbacks(svc);
    expect((await double.nth(team.liu.id, 1)).text).toContain("【回访超时升级】");
    svc.clock.advance(600);
    expect(await runCallbacks(svc)).toEqual({ callbacks: 0, messages: 0 });
    const events = (await svc.admin(`/api/tickets/${number}`)).body.events.filter((e: any) => e.type.startsWith("callback."));
    expect(events.map((e: any) => [e.type, e.data.to])).toEqual([
      ["callback.reminded", ["孙管家"]],
      ["callback.overdue", ["孙管家"]],
      ["callback.escalated", ["王主管"]],
      ["callback.escalated", ["陈经理"]],
      ["callback.escalated", ["刘总"]],
    ]);
  });

  it("不满意 from the steward reopens the report and escalates it to the technician's supervisor", async () => {
    const { svc, double } = await start();
    const owner = new Visitor(svc.url);
    const number = await fileAndComplete(svc, double, owner, "3栋2单元201 厨房水管漏水 13812345678 尽快");
    await runCallbacks(svc);
    double.press(team.sun, await double.nth(team.sun.id, 1), "不满意");
    double.press(team.sun, await double.nth(team.sun.id, 2), "不及时");
    double.press(team.sun, await double.nth(team.sun.id, 3), "上门");
    expect((await double.nth(team.sun.id, 4)).text).toContain(`业主不满意，${number} 已重新打开，并已上报王主管`);
    const told = await double.nth(team.wang.id, 1);
    expect(told.text).toContain(`【回访不满意】${number}`);
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.status).toBe("reopened");
    expect(body.deadlines.dispatch).toBe("2026-11-23T11:05:00+08:00");
    expect(body.nextDue).toBe("2026-11-23T11:05:00+08:00");
  });

  it("the resident rates the finished job in chat: the rating joins the callback; 不满意 reopens; nobody else can rate it", async () => {
    const { svc, double } = await start();
    const owner = new Visitor(svc.url);
    const number = await fileAndComplete(svc, double, owner, "3栋2单元201 厨房水管漏水 13812345678 尽快");
    const done = (await owner.seen()).at(-1)!;
    expect(done.text).toContain("请问您对这次服务满意吗");
    expect(done.choices!.map((c) => c.label)).toEqual(["满意", "基本满意", "不满意"]);
    const bad = done.choices!.find((c) => c.label === "不满意")!.value;

    const stranger = new Visitor(svc.url);
    stranger.last = [{ text: "", choices: [{ label: "不满意", value: bad }] }];
    expect(await stranger.press("不满意")).toContain("没有找到您的这条报事");

    owner.last = [done];
    expect(await owner.press("不满意")).toContain(`报事 ${number} 已重新打开并上报主管`);
    owner.last = [done];
    expect(await owner.press("满意")).toContain("已经评价过");
    const cb = await svc.app.db.callback.findFirstOrThrow({ where: { ticket: { number } } });
    expect(cb.residentRating).toBe("不满意");
    expect((await svc.admin(`/api/tickets/${number}`)).body.status).toBe("reopened");
    expect((await double.nth(team.wang.id, 1)).text).toContain(`【回访不满意】${number}`);
  });

  it("an urgent report gets a second callback within a month, reminded a day before it is due", async () => {
    const { svc, double } = await start();
    const owner = new Visitor(svc.url);
    const number = await fileAndComplete(svc, double, owner, "3栋2单元201 水管爆了 水漫出来了 13812345678 马上来");
    const callbacks = await svc.app.db.callback.findMany({ where: { ticket: { number } }, orderBy: { seq: "asc" } });
    expect(callbacks.map((c) => [c.kind, c.dueAt.toISOString(), c.nextAt?.toISOString()])).toEqual([
      ["first", "2026-11-24T03:00:00.000Z", "2026-11-23T03:00:00.000Z"],
      ["second", "2026-12-23T03:00:00.000Z", "2026-12-22T03:00:00.000Z"],
    ]);
    await runCallbacks(svc);
    double.press(team.sun, await double.nth(team.sun.id, 1), "满意");
    double.press(team.sun, await double.nth(team.sun.id, 2), "及时");
    double.press(team.sun, await double.nth(team.sun.id, 3), "电话");
    await double.nth(team.sun.id, 4);
    // visited, not closed: the second callback is still to come
    expect((await svc.admin(`/api/tickets/${number}`)).body.status).toBe("visited");
    svc.clock.set("2026-12-22T11:00:00+08:00");
    await runCallbacks(svc);
    const second = await double.nth(team.sun.id, 5);
    expect(second.text).toContain(`【二次回访】${number}`);
    double.press(team.sun, second, "基本满意");
    double.press(team.sun, await double.nth(team.sun.id, 6), "一般");
    double.press(team.sun, await double.nth(team.sun.id, 7), "电话");
    await double.nth(team.sun.id, 8);
    expect((await svc.admin(`/api/tickets/${number}`)).body.status).toBe("closed");
  });
});
