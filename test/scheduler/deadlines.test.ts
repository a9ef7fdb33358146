import { afterEach, describe, expect, it } from "vitest";
import type { RunningApp } from "../helpers/app.js";
import type { BotApiDouble } from "../helpers/bot-api-double.js";
import { startWithTelegram } from "../helpers/telegram.js";
import { bindTeam, team } from "../helpers/team.js";
import { numberIn, Visitor } from "../helpers/visitor.js";

let running: RunningApp[] = [];
let double: BotApiDouble | undefined;
afterEach(async () => {
  for (const s of running) await s.destroy().catch(() => undefined);
  await double?.stop();
  running = [];
  double = undefined;
});

async function start(opts: Parameters<typeof startWithTelegram>[0] = {}) {
  // (快超时 warnings would add their own messages; they are tested in warnings.test.ts)
  const r = await startWithTelegram({ policy: { warnBefore: "0m" }, ...opts, ...(double ? { double } : {}) });
  double = r.double;
  running.push(r.svc);
  return r;
}

/** runs the deadline sweep now and waits for what it sent */
async function sweep(svc: RunningApp) {
  const r = await svc.app.scheduler.run("deadlines");
  await svc.app.telegram!.flushed();
  return r;
}

describe("deadlines and escalation (the deadline sweep)", () => {
  it("no answer within the acceptance window counts as refused: the order climbs to the supervisor, then the project manager, then the resident is told", async () => {
    const { svc, double } = await start();
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    await double.nth(team.li.id, 1);

    svc.clock.advance(9);
    expect(await sweep(svc)).toEqual({ tickets: 0, messages: 0 });
    svc.clock.advance(1);
    await sweep(svc);
    const up = await double.nth(team.wang.id, 1);
    expect(up.text).toContain(`【派工单】${number}`);
    expect(up.text).toContain("（李拒单：超时未接单）");
    let { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "dispatched", assignee: { name: "王主管" } });
    expect(body.deadlines.accept).toBe("2026-11-23T10:20:00+08:00");
    expect(body.events.slice(-2).map((e: any) => [e.type, e.actor])).toEqual([
      ["ticket.refused", "scheduler"],
      ["ticket.dispatched", "scheduler"],
    ]);
    // the old order can no longer be accepted
    double.press(team.li, await double.nth(team.li.id, 1), "接单");
    expect((await double.nth(team.li.id, 2)).text).toContain("已经处理过了");

    svc.clock.advance(10);
    await sweep(svc);
    expect((await double.nth(team.chen.id, 1)).text).toContain("（王主管拒单：超时未接单）");
    svc.clock.advance(10);
    await sweep(svc);
    // refusal climbs no higher than the project manager: the supervisors dispatch by hand, the resident hears honestly
    ({ body } = await svc.admin(`/api/tickets/${number}`));
    expect(body.status).toBe("refused");
    expect(body.events.slice(-2).map((e: any) => e.type)).toEqual(["dispatch.exhausted", "deadline.reminded"]);
    expect(double.sentTo(team.liu.id)).toHaveLength(0);
    // 10:30 is also when someone should have arrived: the supervisors hear both
    expect(
      double
        .sentTo(team.wang.id)
        .slice(-2)
        .map((m) => m.text.slice(0, 5)),
    ).toEqual(["【待派工】", "【超时提醒"]);
    expect((await owner.seen()).at(-1)!.text).toContain("暂时没有师傅能按约定时间上门。请选一个新的上门时间");
  });

  it("nobody could go: the resident picks a new time today; it is dispatched 30 minutes before, to someone who did not decline it", async () => {
    const { svc, double } = await start();
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    for (let i = 0; i < 3; i++) {
      svc.clock.advance(10);
      await sweep(svc);
    }
    const ask = (await owner.seen()).at(-1)!;
    expect(ask.choices!.map((c) => c.label)).toEqual(["11月23日（周一）12:00", "11月23日（周一）14:00", "11月23日（周一）16:00"]);
    // a plumber comes on duty meanwhile
    await svc.app.db.staff.create({ data: { id: "s-qian", propertyId: "demo", name: "钱", roles: ["technician"], skills: ["plumbing"], buildings: [] } });
    await svc.app.db.staffIdentity.create({ data: { id: "telegram:8107", staffId: "s-qian", channel: "telegram", externalId: "8107" } });
    owner.last = [ask];
    expect(await owner.press("14:00")).toContain(`报事 ${number} 已改为 11月23日（周一）14:00 上门，我们会在上门前安排好师傅`);
    let { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "refused", appointmentAt: "2026-11-23T14:00:00+08:00", nextDue: "2026-11-23T13:30:00+08:00" });
    expect(body.deadlines.arrive).toBe("2026-11-23T13:55:00+08:00");

    svc.clock.set("2026-11-23T13:29:00+08:00");
    expect(await sweep(svc)).toEqual({ tickets: 0, messages: 0 });
    svc.clock.advance(1);
    await sweep(svc);
    const order = await double.nth(8107, 1);
    expect(order.text).toContain(`【派工单】${number}`);
    expect(order.text).toContain("预约：11月23日（周一）14:00");
    ({ body } = await svc.admin(`/api/tickets/${number}`));
    expect(body).toMatchObject({ status: "dispatched", assignee: { name: "钱" } });
    // 李 (who let it time out) was not asked again
    expect(double.sentTo(team.li.id).filter((m) => m.text.startsWith("【派工单】"))).toHaveLength(1);
    // an old choice can no longer move it
    owner.last = [ask];
    expect(await owner.press("16:00")).toContain("已经安排好了");
  });

  it("a technician whose language is English is reminded in English; the supervisor above reads Chinese", async () => {
    const { svc, double } = await start();
    await bindTeam(svc);
    await svc.app.db.staff.update({ where: { id: "s-li" }, data: { lang: "en" } });
    svc.app.store.forgetWorkforce();
    const owner = new Visitor(svc.url);
    await owner.say("5栋1单元302 卫生间水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    double.press(team.li, await double.nth(team.li.id, 1), "Accept");
    await double.nth(team.li.id, 2);

    svc.clock.set("2026-11-23T10:30:00+08:00");
    await sweep(svc);
    expect((await double.nth(team.li.id, 3)).text).toBe(
      `[Overdue] ${number} (5栋1单元302 卫生间水管漏水) was due for arrival by Mon 23 Nov 10:30; 1 min late. Please act now.`,
    );
    svc.clock.set("2026-11-23T11:00:00+08:00");
    await sweep(svc);
    expect((await double.nth(team.wang.id, 1)).text).toContain(
      `【超时升级】${number}（5栋1单元302 卫生间水管漏水）应在 11月23日（周一）10:30 前到场，已超时 30 分钟，李尚未处理`,
    );
  });

  it("a late arrival reminds the technician and apologises to the resident, then climbs one level every 30 minutes to the general manager", async () => {
    const { svc, double } = await start();
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    await owner.say("5栋1单元302 卫生间水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    double.press(team.li, await double.nth(team.li.id, 1), "接单");
    await double.nth(team.li.id, 2);
    let { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.nextDue).toBe("2026-11-23T10:30:00+08:00");

    svc.clock.set("2026-11-23T10:30:00+08:00");
    expect(await sweep(svc)).toEqual({ tickets: 1, messages: 2 });
    expect((await double.nth(team.li.id, 3)).text).toContain(`【超时提醒】${number}（5栋1单元302 卫生间水管漏水）应在 11月23日（周一）10:30 前到场`);
    expect((await owner.seen()).at(-1)!.text).toContain("非常抱歉");
    // the same minute again: nothing twice
    expect(await sweep(svc)).toEqual({ tickets: 0, messages: 0 });

    const climbs: [string, number, string][] = [
      ["11:00", team.wang.id, "已超时 30 分钟，李尚未处理"],
      ["11:30", team.chen.id, "已超时 1 小时"],
      ["12:00", team.liu.id, "已超时 1 小时 30 分钟"],
    ];
    for (const [at, who, says] of climbs) {
      svc.clock.set(`2026-11-23T${at}:00+08:00`);
      await sweep(svc);
      expect(double.lastTo(who).text).toContain(`【超时升级】${number}`);
      expect(double.lastTo(who).text).toContain(says);
    }
    ({ body } = await svc.admin(`/api/tickets/${number}`));
    expect(body.escalations).toEqual({ arrive: 4 });
    expect(body.nextDue).toBeNull();
    expect(body.events.filter((e: any) => e.type.startsWith("deadline.")).map((e: any) => [e.type, e.data.level, e.data.to])).toEqual([
      ["deadline.reminded", 0, ["李"]],
      ["deadline.escalated", 1, ["王主管"]],
      ["deadline.escalated", 2, ["陈经理"]],
      ["deadline.escalated", 3, ["刘总"]],
    ]);
    svc.clock.advance(600);
    expect(await sweep(svc)).toEqual({ tickets: 0, messages: 0 });
  });

  it("after a day down, what fell due is done once, at the level it reached", async () => {
    const first = await start();
    await bindTeam(first.svc);
    const owner = new Visitor(first.svc.url);
    await owner.say("3栋1单元101 水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    first.double.press(team.li, await first.double.nth(team.li.id, 1), "接单");
    await first.double.nth(team.li.id, 2);
    await first.svc.stop();
    running = [];

    first.svc.clock.advance(24 * 60);
    const { svc, double: d } = await start({ dir: first.svc.dir, clock: first.svc.clock });
    const before = d.sent.length;
    await svc.app.scheduler.runAll();
    await svc.app.telegram!.flushed();
    const sent = d.sent.slice(before);
    // one message, to the top of the chain, saying how late it is; nobody below is woken for it
    expect(sent.map((s) => String(s.chat_id))).toEqual([String(team.liu.id)]);
    expect(sent[0]!.text).toContain(`【超时升级】${number}`);
    // late by the office clock (08:00–21:00): Monday 10:30–21:00 and Tuesday 08:00–10:00
    expect(sent[0]!.text).toContain("已超时 12 小时 30 分钟");
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.events.at(-1)).toMatchObject({ type: "deadline.escalated", data: { level: 3, skipped: 3 } });
    await svc.app.scheduler.runAll();
    await svc.app.telegram!.flushed();
    expect(d.sent.length - before).toBe(1);
  });

  it("two instances on one database: one holds the lease and runs; the other takes over when the holder dies; nothing is sent twice", async () => {
    const a = await start({ webhook: true });
    await bindTeam(a.svc);
    const b = await start({ webhook: true, dir: a.svc.dir, clock: a.svc.clock });
    const owner = new Visitor(a.svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    await a.double.nth(team.li.id, 1);

    a.svc.clock.advance(10);
    const [ra, rb] = await Promise.all([a.svc.app.scheduler.run("deadlines"), b.svc.app.scheduler.run("deadlines")]);
    await a.svc.app.telegram!.flushed();
    await b.svc.app.telegram!.flushed();
    // exactly one ran the tick (whichever took the lease first)
    expect([ra, rb].filter(Boolean)).toEqual([{ tickets: 1, messages: 1 }]);
    expect(double!.sentTo(team.wang.id).filter((m) => m.text.includes(`【派工单】${number}`))).toHaveLength(1);
    const [holder, other] = ra ? [a, b] : [b, a];

    // the holder dies holding the lease; the other takes over once the lease (120 s) has run out
    await holder.svc.stop();
    running = running.filter((s) => s !== holder.svc);
    a.svc.clock.advance(1);
    expect(await other.svc.app.scheduler.run("deadlines")).toBeUndefined();
    a.svc.clock.advance(9);
    expect(await other.svc.app.scheduler.run("deadlines")).toEqual({ tickets: 1, messages: 1 });
    await other.svc.app.telegram!.flushed();
    expect(double!.sentTo(team.chen.id)).toHaveLength(1);
    expect(double!.sentTo(team.wang.id).filter((m) => m.text.includes(`【派工单】${number}`))).toHaveLength(1);
  });
});

describe("the scheduler on its cron schedules", () => {
  it("runs each job once at start (catch-up), then on its schedule, under its lease", async () => {
    const { startApp } = await import("../helpers/app.js");
    // the outbox job every second; the others once a year, so a minute boundary cannot fire them here
    const yearly = "0 0 1 1 *";
    const svc = await startApp({
      env: { SCHEDULE_OUTBOX: "* * * * * *", SCHEDULE_DEADLINES: yearly, SCHEDULE_CALLBACKS: yearly, SCHEDULE_HANDOFFS: yearly, SCHEDULE_REPORTS: yearly },
    });
    running.push(svc);
    await svc.app.startScheduler();
    const leases = async () => (await svc.app.db.jobLease.findMany({ orderBy: { name: "asc" } })).map((l) => l.name);
    expect(await leases()).toEqual(["callbacks", "deadlines", "handoffs", "outbox", "reports"]);
    // the every-second schedule fires (real time: this waits on node-cron, not on the clock the jobs read)
    await svc.app.db.jobLease.deleteMany({});
    const end = Date.now() + 5000;
    while (!(await leases()).includes("outbox") && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(await leases()).toEqual(["outbox"]);
  });
});
