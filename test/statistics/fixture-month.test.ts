import { describe, expect, it } from "vitest";
import type { RunningApp } from "../helpers/app.js";
import type { BotApiDouble } from "../helpers/bot-api-double.js";
import { TestClock } from "../helpers/clock.js";
import { telegramPerTest, UNPACED } from "../helpers/telegram.js";
import { bindTeam, fileAndComplete, team } from "../helpers/team.js";
import { Visitor } from "../helpers/visitor.js";

const startService = telegramPerTest();
const at = (local: string) => new Date(`${local}+08:00`);

/** 孙管家 records a callback in chat: on its reminder, 满意/及时/电话 (or what is given) */
async function callBack(double: BotApiDouble, number: string, satisfaction: string) {
  const remind = double.sentTo(team.sun.id).find((m) => m.text.startsWith(`【回访提醒】${number}`));
  expect(remind, `a reminder for ${number}`).toBeDefined();
  const n = double.sentTo(team.sun.id).length;
  double.press(team.sun, remind!, satisfaction);
  double.press(team.sun, await double.nth(team.sun.id, n + 1), "及时");
  double.press(team.sun, await double.nth(team.sun.id, n + 2), "电话");
  await double.nth(team.sun.id, n + 3);
}

async function remindStewards(svc: RunningApp) {
  await svc.app.scheduler.run("callbacks");
  await svc.app.telegram!.flushed();
}

/** 李 writes in chat, and the answer comes back */
async function says(double: BotApiDouble, text: string) {
  const n = double.sentTo(team.li.id).length;
  double.say(team.li, text);
  return double.nth(team.li.id, n + 1);
}

describe("statistics of a month built through the real flows", () => {
  it("counts, rates, step spreads, per worker and per steward, across the month's end in the property's zone", async () => {
    // Monday 30 November, 10:00 in Shanghai (02:00 UTC); the suite runs with TZ=UTC
    const { svc, double } = await startService({ limits: UNPACED, clock: new TestClock(at("2026-11-30T10:00:00")), policy: { warnBefore: "0m" } });
    await bindTeam(svc);
    // T1: filed 10:00, completed 11:00 on the 30th; called back at once, 满意
    const t1 = await fileAndComplete(svc, double, new Visitor(svc.url, "visitor-1"), "3栋2单元201 厨房水管漏水 13812345678 尽快", 60);
    await remindStewards(svc);
    await callBack(double, t1, "满意");
    // T2: filed 11:00 on the 30th, 李 accepts at once, arrives late (12:00) and finishes at 09:00 on 1 December
    const owner2 = new Visitor(svc.url, "visitor-2");
    await owner2.say("5栋1单元302 卫生间水管漏水 13812345679 尽快");
    const t2 = /BS\d{8}-\d{4}/.exec(await owner2.press("确认提交"))![0];
    const seen = double.sentTo(team.li.id).length;
    double.press(team.li, await double.nth(team.li.id, seen + 1), "接单");
    await double.nth(team.li.id, seen + 2);
    // he should be there within 30 minutes; at 12:00 the sweep finds him late
    svc.clock.set(at("2026-11-30T12:00:00"));
    await svc.app.scheduler.run("deadlines");
    await svc.app.telegram!.flushed();
    await says(double, "到场");
    svc.clock.set(at("2026-12-01T09:00:00"));
    await says(double, "完工 更换软管");
    // T3: filed 1 December 10:00, completed 11:30; its callback is recorded late, on the 3rd
    svc.clock.set(at("2026-12-01T10:00:00"));
    const t3 = await fileAndComplete(svc, double, new Visitor(svc.url, "visitor-3"), "3栋1单元101 厨房水管漏水 13812345670 尽快", 90);
    await remindStewards(svc);

    const events = await svc.app.db.event.findMany({ where: { type: { startsWith: "deadline." } }, include: { ticket: true } });
    expect(events.map((e) => e.ticket?.number)).toContain(t2);
    expect(events.map((e) => e.ticket?.number)).not.toContain(t1);

    const stats = async (q: string) => (await svc.admin(`/api/stats?${q}`)).body;
    const nov = await stats("period=month&date=2026-11");
    expect(nov.period).toMatchObject({ key: "2026-11", from: "2026-11-01T00:00:00+08:00", to: "2026-12-01T00:00:00+08:00", zone: "Asia/Shanghai" });
    expect(nov).toMatchObject({
      received: 2,
      byBuilding: { "3": 1, "5": 1 },
      byChannel: { web: 2 },
      // completed in November: T1 only
      timeliness: { closed: 1, onTime: 1, rate: 1, target: 0.98 },
      // T1's callback is due on 1 December
      callbacks: { due: 0, done: 0, rate: null },
      satisfaction: { 满意: 1, rated: 1, rate: 1 },
    });
    expect(nov.trend.find((d: any) => d.key === "2026-11-30").received).toBe(2);
    expect(nov.trend).toHaveLength(30);

    svc.clock.set(at("2026-12-03T12:00:00"));
    // T3's callback (due 2 Dec 11:30) recorded a day late, 基本满意
    await callBack(double, t3, "基本满意");
    const dec = await stats("period=month&date=2026-12");
    expect(dec).toMatchObject({
      received: 1,
      // completed in December: T2 (late) and T3
      timeliness: { closed: 2, onTime: 1, rate: 0.5 },
      // due in December: T1 (done on time), T2 (12-02 09:00, not done), T3 (done late)
      callbacks: { due: 3, done: 2, onTime: 1, rate: 0.6667, onTimeRate: 0.3333 },
      // T3 基本满意; T2 not rated
      satisfaction: { 满意: 0, 基本满意: 1, 不满意: 0, rated: 1, rate: 1 },
      previous: { key: "2026-11", received: 2, timeliness: 1 },
    });
    expect(dec.stewards).toEqual([{ staffId: "s-sun", name: "孙管家", due: 3, done: 2, onTime: 1 }]);

    // both days: every ticket, the step spreads computed by hand
    const both = await stats("period=custom&from=2026-11-30&to=2026-12-01");
    expect(both.received).toBe(3);
    const arrivedToCompleted = both.steps.find((s: any) => s.from === "arrived");
    // 60, 90 and 1,260 minutes: the median is 90, the 90th percentile (nearest rank 3 of 3) 1,260
    expect(arrivedToCompleted).toMatchObject({ to: "completed", n: 3, median: 90, p90: 1260 });
    // accepted → arrived: 0, 0 and 60 minutes
    expect(both.steps.find((s: any) => s.from === "accepted")).toMatchObject({ to: "arrived", n: 3, median: 0, p90: 60 });
    expect(both.workers).toEqual([
      expect.objectContaining({
        name: "李",
        offered: 3,
        accepted: 3,
        refused: 0,
        timedOut: 0,
        completed: 3,
        onTime: 2,
        onTimeRate: 0.6667,
        rated: 2,
        avgRating: 2.5,
      }),
    ]);
  });
});
