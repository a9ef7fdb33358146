import { describe, expect, it } from "vitest";
import type { RunningApp } from "../helpers/app.js";
import { TestClock } from "../helpers/clock.js";
import { telegramPerTest, UNPACED } from "../helpers/telegram.js";
import { bindTeam, team } from "../helpers/team.js";
import { loginAs } from "../helpers/logins.js";

const startService = telegramPerTest();

const at = (local: string) => new Date(`${local}+08:00`);
let n = 0;

/** one ticket as the lifecycle would have left it (what the statistics read) */
async function ticket(
  s: RunningApp,
  t: {
    status: string;
    nature: string;
    category?: string;
    severity?: string;
    domain?: string;
    building?: string;
    location?: string;
    channel?: string;
    received: string;
    completed?: string;
  },
) {
  n++;
  return s.app.db.ticket.create({
    data: {
      id: `t${n}`,
      number: `BS2026110${n}-0001`,
      propertyId: "demo",
      status: t.status,
      nature: t.nature,
      category: t.category ?? null,
      severity: t.severity ?? null,
      domain: t.domain ?? null,
      building: t.building ?? null,
      roomNo: t.building ? "101" : null,
      location: t.location ?? null,
      description: `第${n}件`,
      channel: t.channel ?? "web",
      receivedAt: at(t.received),
      completedAt: t.completed ? at(t.completed) : null,
    },
  });
}

describe("daily follow-up and monthly statistics", () => {
  it("last month's figures, computed by hand, reach the managers on the 1st at 15:30; the day's open complaints and overdue items reach stewards and supervisors", async () => {
    const { svc, double } = await startService({ limits: UNPACED, clock: new TestClock(at("2026-12-01T15:29:00")) });
    await bindTeam(svc);
    const db = svc.app.db;
    const t1 = await ticket(svc, {
      status: "closed",
      nature: "报修",
      category: "A",
      building: "3",
      received: "2026-11-10T09:00:00",
      completed: "2026-11-10T11:00:00",
    });
    const t2 = await ticket(svc, {
      status: "closed",
      nature: "报修",
      category: "D",
      building: "3",
      channel: "telegram",
      received: "2026-11-11T09:00:00",
      completed: "2026-11-11T15:00:00",
    });
    const t3 = await ticket(svc, {
      status: "completed",
      nature: "投诉",
      category: "E",
      severity: "重要",
      domain: "服务质量",
      building: "5",
      received: "2026-11-12T08:00:00",
      completed: "2026-11-12T18:00:00",
    });
    await ticket(svc, { status: "closed", nature: "咨询", category: "F", location: "南门", received: "2026-11-13T10:00:00" });
    await ticket(svc, { status: "invalid", nature: "无效", received: "2026-11-14T10:00:00" });
    await ticket(svc, { status: "cancelled", nature: "报修", category: "A", building: "3", received: "2026-11-15T10:00:00" });
    const t9 = await ticket(svc, {
      status: "dispatched",
      nature: "投诉",
      category: "E",
      severity: "轻微",
      domain: "维保服务",
      building: "3",
      received: "2026-11-30T23:30:00",
    });
    // outside November on the property's clock (though inside it in UTC, or the other way round)
    await ticket(svc, { status: "closed", nature: "报修", category: "A", building: "3", received: "2026-10-31T23:59:00" });
    await ticket(svc, { status: "received", nature: "投诉", category: "E", severity: "轻微", building: "5", received: "2026-12-01T00:10:00" });
    // late: a reminder on t2, an unanswered order on t9
    await db.event.create({
      data: { id: "e1", propertyId: "demo", ticketId: t2.id, type: "deadline.reminded", actor: "scheduler", at: at("2026-11-11T09:40:00") },
    });
    await db.event.create({
      data: {
        id: "e2",
        propertyId: "demo",
        ticketId: t9.id,
        type: "ticket.refused",
        actor: "scheduler",
        data: { timeout: true },
        at: at("2026-11-30T23:40:00"),
      },
    });
    await db.event.create({
      data: {
        id: "e3",
        propertyId: "demo",
        ticketId: t1.id,
        type: "ticket.refused",
        actor: "telegram:1",
        data: { reason: "不在附近" },
        at: at("2026-11-10T09:05:00"),
      },
    });
    const cb = (id: string, ticketId: string, created: string, due: string, done?: { at: string; satisfaction: string }) =>
      db.callback.create({
        data: {
          id,
          ticketId,
          kind: "first",
          status: done ? "done" : "pending",
          createdAt: at(created),
          dueAt: at(due),
          ...(done ? { doneAt: at(done.at), satisfaction: done.satisfaction } : {}),
        },
      });
    await cb("c1", t1.id, "2026-11-10T11:00:00", "2026-11-11T11:00:00", { at: "2026-11-10T16:00:00", satisfaction: "满意" });
    await cb("c2", t2.id, "2026-11-11T15:00:00", "2026-11-12T15:00:00", { at: "2026-11-13T10:00:00", satisfaction: "基本满意" });
    await cb("c3", t3.id, "2026-11-12T18:00:00", "2026-11-13T18:00:00");

    // not yet 15:30
    expect(await svc.app.scheduler.run("reports")).toEqual({ daily: 0, monthly: 0 });
    svc.clock.advance(1);
    expect(await svc.app.scheduler.run("reports")).toEqual({ daily: 1, monthly: 1 });
    await svc.app.telegram!.flushed();

    const { body: m } = await svc.admin("/api/reports/demo/monthly/2026-11");
    expect(m.content).toEqual({
      month: "2026-11",
      received: 7,
      invalid: 1,
      cancelled: 1,
      // every report received in the month is counted where it belongs (the board's 全部 shows the same)
      byCategory: { A: 2, E: 2, D: 1, F: 1, "—": 1 },
      byNature: { 报修: 3, 投诉: 2, 咨询: 1, 无效: 1 },
      byBuilding: { "3": 4, "5": 1, 公共区域: 2 },
      byChannel: { web: 6, telegram: 1 },
      // completed in November: t1, t2 (reminded: late), t3
      timeliness: { closed: 3, onTime: 2, rate: 0.6667, target: 0.98 },
      // due in November: c1 on time, c2 late, c3 not done
      callbacks: { due: 3, done: 2, onTime: 1, rate: 0.6667, onTimeRate: 0.3333, target: 1 },
      satisfaction: { 满意: 1, 基本满意: 1, 不满意: 0, rated: 2, rate: 1 },
      complaints: {
        total: 2,
        bySeverity: { 重要: 1, 轻微: 1 },
        byDomain: { 服务质量: 1, 维保服务: 1 },
        resolved: 1,
        avgHoursToForward: null,
        avgHoursToResolve: 10,
      },
    });
    for (const manager of [team.chen, team.liu]) {
      const text = (await double.nth(manager.id, 1)).text;
      expect(text).toContain("【月度报表】阳光花园 2026-11");
      expect(text).toContain("及时率 66.7%（2/3，目标 ≥98%）");
      expect(text).toContain("回访率 66.7%（2/3，按时 1，目标 100%）");
    }
    const { body: d } = await svc.admin("/api/reports/demo/daily/2026-12-01");
    expect(d.content).toMatchObject({ received: 1, completed: 0 });
    expect(d.content.openComplaints.map((c: any) => [c.number, c.today])).toEqual([
      [t9.number, false],
      ["BS2026110" + n + "-0001", true],
    ]);
    expect(d.content.overdue.map((o: any) => o.number)).toEqual([t9.number]);
    expect(d.content.overdueCallbacks.map((c: any) => c.number)).toEqual([t3.number]);
    for (const who of [team.sun, team.wang]) {
      const text = (await double.nth(who.id, 1)).text;
      expect(text).toContain("【每日跟进】阳光花园 12月1日（周二）15:30");
      expect(text).toContain("未结投诉 2 件");
    }
    expect(double.sentTo(team.li.id)).toHaveLength(0);

    // once per period, however often the job runs
    expect(await svc.app.scheduler.run("reports")).toEqual({ daily: 0, monthly: 0 });
    // two days down: both days are stored, only the newest is sent
    svc.clock.set(at("2026-12-03T16:00:00"));
    expect(await svc.app.scheduler.run("reports")).toEqual({ daily: 2, monthly: 0 });
    await svc.app.telegram!.flushed();
    expect(double.sentTo(team.sun.id).map((m) => m.text.split("\n")[0])).toEqual([
      "【每日跟进】阳光花园 12月1日（周二）15:30",
      "【每日跟进】阳光花园 12月3日（周四）16:00",
    ]);
    const { body: list } = await svc.admin("/api/reports?kind=daily");
    expect(list.reports.map((r: any) => r.period)).toEqual(["2026-12-03", "2026-12-02", "2026-12-01"]);
    // down over the 1st of January: December's report is caught up on, the daily ones a week back at most
    svc.clock.set(at("2027-01-04T10:00:00"));
    expect(await svc.app.scheduler.run("reports")).toEqual({ daily: 6, monthly: 1 });
    expect((await svc.admin("/api/reports/demo/monthly/2026-12")).body.content).toMatchObject({ month: "2026-12", received: 1 });

    // the console's 报表: the project manager lists what was stored and reads it again as the chat had it
    const pm = await loginAs(svc, "s-chen", "chen");
    const get = async (path: string, cookie = pm.cookie) => {
      const res = await fetch(svc.url + path, { headers: { cookie }, redirect: "manual" });
      return { status: res.status, html: await res.text() };
    };
    const listed = await get("/console/reports?kind=monthly");
    expect(listed.status).toBe(200);
    expect([...listed.html.matchAll(/href="\/console\/reports\/demo\/monthly\/([\d-]+)">\1</g)].map((x) => x[1])).toEqual(["2026-12", "2026-11"]);
    const november = await get("/console/reports/demo/monthly/2026-11");
    expect(november.status).toBe(200);
    const sent = (await double.nth(team.chen.id, 1)).text;
    const shown = /<pre class="card report-text">([\s\S]*?)<\/pre>/.exec(november.html)![1]!.replace(/<[^>]+>/g, "");
    expect(shown).toBe(sent);
    expect(november.html).toContain('href="/console/stats?period=month&amp;date=2026-11&amp;property=demo"');
    // a daily follow-up's tickets open from it
    const daily = await get("/console/reports/demo/daily/2026-12-01");
    expect(daily.html).toContain(`<a href="/console/tickets/${t9.number}">${t9.number}</a>`);
    // eleven stored in all (nine days, two months); a page of thirty holds them, a page before 2027-01 the older
    const all = await get("/console/reports");
    expect([...all.html.matchAll(/<tr><td><a href/g)]).toHaveLength(11);
    const older = await get("/console/reports?before=2026-12-03");
    expect([...older.html.matchAll(/<tr><td><a href="\/console\/reports\/demo\/(\w+)\/([\d-]+)"/g)].map((x) => `${x[1]} ${x[2]}`)).toEqual([
      "daily 2026-12-02",
      "daily 2026-12-01",
      "monthly 2026-12",
      "monthly 2026-11",
    ]);
    expect((await get("/console/reports?before=yesterday")).status).toBe(400);
    expect((await get("/console/reports/demo/monthly/2025-01")).status).toBe(404);
    // a steward does not read the managers' reports
    const steward = await loginAs(svc, "s-sun", "sun");
    expect((await get("/console/reports", steward.cookie)).status).toBe(403);
  });
});
