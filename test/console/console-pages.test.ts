import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { startWithTelegram, UNPACED } from "../helpers/telegram.js";
import { bindTeam, fileAndComplete, team } from "../helpers/team.js";
import { adminSend } from "../helpers/session.js";
import { PASSWORD, consoleStaff, loginAs } from "../helpers/logins.js";
import { ADMIN_TOKEN } from "../helpers/app.js";
import { numberIn, Visitor } from "../helpers/visitor.js";
import type { RunningApp } from "../helpers/app.js";

/** Where screenshots go: a temp folder, or SCREENSHOTS_DIR (docs/screenshots holds the committed ones). */
const shot = (name: string) => join(process.env.SCREENSHOTS_DIR ?? tmpdir(), name);
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let svc: RunningApp;
let double: Awaited<ReturnType<typeof startWithTelegram>>["double"];
let done: string;
beforeAll(async () => {
  browser = await launchBrowser();
  ({ svc, double } = await startWithTelegram({ limits: UNPACED }));
  await bindTeam(svc);
  // a finished job waiting for its callback, and a report still open
  done = await fileAndComplete(svc, double, new Visitor(svc.url), "3栋2单元201 厨房水管漏水 13812345678 尽快");
  const open = new Visitor(svc.url);
  await open.say("5栋1单元302 客厅的灯不亮了，电话13900005555，明天上午10点");
  await open.press("确认提交");
  for (const [id, login] of [
    ["s-sun", "sun"],
    ["s-wang", "wang"],
    ["s-li", "li"],
    ["s-chen", "chen"],
  ] as const)
    await loginAs(svc, id, login);
  await consoleStaff(svc, { id: "zhou", name: "周总", roles: ["general_manager"] });
  await consoleStaff(svc, { id: "qian", name: "钱品质", roles: ["quality"] });
});
afterAll(async () => {
  await browser?.close();
  await svc?.destroy();
  await double?.stop();
});

/** Signs in through the sign-in form, as a person would. */
async function signedIn(login: string, viewport = DESKTOP, password = PASSWORD): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport, locale: "zh-CN", ...(viewport === PHONE ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await page.goto(`${svc.url}/console`);
  expect(page.url()).toContain("/console/login");
  await page.getByLabel("账号（用户名或手机号）").fill(login);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(`${svc.url}/console`);
  return { page, context };
}

/** a PDF's first page size in points, rounded */
const mediaBox = (pdf: string) =>
  /\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/
    .exec(pdf)!
    .slice(1)
    .map((x) => Math.round(Number(x)));
const rows = (page: Page) => page.locator("tr[data-number]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-number")));

describe("the console in a browser", () => {
  it("each role signs in through the form and is offered only its own views", async () => {
    const views = {
      admin: ["报事池", "前台登记", "回访", "转人工", "人员与排班", "物业项目", "统计", "报表"],
      zhou: ["报事池", "人员与排班", "物业项目", "统计", "报表"],
      qian: ["报事池", "人员与排班", "物业项目", "统计", "报表"],
      chen: ["报事池", "前台登记", "回访", "转人工", "人员与排班", "物业项目", "统计", "报表"],
      wang: ["报事池", "前台登记", "回访", "转人工", "人员与排班", "物业项目", "统计", "报表"],
      sun: ["报事池", "前台登记", "回访", "转人工", "人员与排班", "物业项目"],
      li: ["报事池"],
    };
    for (const [login, nav] of Object.entries(views)) {
      const { page, context } = await signedIn(login, DESKTOP, login === "admin" ? ADMIN_TOKEN : PASSWORD);
      expect(await page.locator("nav.main a").allTextContents()).toEqual(nav);
      // a view not offered is refused on the server too
      if (!nav.includes("前台登记")) expect((await page.goto(`${svc.url}/console/frontdesk`))!.status()).toBe(403);
      if (!nav.includes("统计")) expect((await page.goto(`${svc.url}/console/stats`))!.status()).toBe(403);
      await page.getByRole("button", { name: "退出" }).click();
      await page.waitForURL(/\/console\/login/);
      await context.close();
    }
  });

  it("a project manager reads the month against the targets: the charts are drawn, a bar opens the board with as many tickets as it counts", async () => {
    const { page, context } = await signedIn("chen");
    await page.goto(`${svc.url}/console/stats?period=month&date=2026-11`);
    await expect.poll(() => page.locator("#category svg path").count()).toBeGreaterThan(0);
    expect(await page.locator(".stat").first().textContent()).toContain("报事");
    expect(await page.locator(".stats-cards").textContent()).toContain("目标 ≥98%");
    // every chart is drawn with its data
    for (const id of ["trend", "category", "building", "satisfaction", "timeliness"]) expect(await page.locator(`#${id} svg`).count()).toBe(1);
    const spec = JSON.parse((await page.locator('script[data-for="category"]').textContent())!);
    const first = spec.values[0] as number;
    expect(first).toBeGreaterThan(0);
    await page.screenshot({ path: shot("console-stats.png"), fullPage: true });
    // the first bar's middle, where ECharts drew it
    const at = await page.evaluate((v) => {
      const w = globalThis as any;
      const el = w.document.getElementById("category");
      const [x, y] = w.echarts.getInstanceByDom(el).convertToPixel({ seriesIndex: 0 }, [0, v / 2]);
      const r = el.getBoundingClientRect();
      return { x: r.left + x, y: r.top + y };
    }, first);
    await page.mouse.click(at.x, at.y);
    await page.waitForURL(/\/console\?/);
    expect(page.url()).toContain(`category=${spec.links[0].split("category=")[1].split("&")[0]}`);
    expect(await rows(page)).toHaveLength(first);
    await context.close();
  });

  it("a steward's board lists what residents filed and shows a new report without a reload; search narrows it", async () => {
    const { page, context } = await signedIn("sun");
    expect(await page.title()).toBe("报事池 · 报事工作台");
    expect((await rows(page)).length).toBe(2);
    await expect.poll(() => page.locator("#live-status").getAttribute("data-live")).toBe("open");
    expect(await page.locator("#live-status").textContent()).toBe("实时更新中");
    await page.screenshot({ path: shot("console-board.png") });

    // a resident files on the web chat while the board is open
    const v = new Visitor(svc.url);
    await v.say("8栋2单元1101 卫生间马桶堵了，电话13600006666，明天下午两点");
    const number = numberIn(await v.press("确认提交"))!;
    await expect.poll(() => rows(page), { timeout: 10_000 }).toContain(number);
    expect(await page.locator(`tr[data-number="${number}"]`).getAttribute("class")).toContain("fresh");

    await page.getByLabel("搜索（单号、房号、电话后四位、内容）").fill("6666");
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL(/q=6666/);
    expect(await rows(page)).toEqual([number]);
    // the filter lives in the URL: the same link shows the same board
    const shared = await context.newPage();
    await shared.goto(page.url());
    expect(await rows(shared)).toEqual([number]);
    await context.close();
  });

  it("the ticket page shows the timeline: who, when, from which channel, why this worker", async () => {
    const { page, context } = await signedIn("wang");
    await page.getByRole("link", { name: done }).click();
    await page.waitForURL(`${svc.url}/console/tickets/${done}`);
    const timeline = await page.locator("ol.timeline").textContent();
    for (const step of ["受理", "派工", "接单", "到场", "完工"]) expect(timeline).toContain(step);
    expect(timeline).toContain("由 李");
    expect(timeline).toMatch(/技术员|维修/);
    await page.screenshot({ path: shot("console-ticket.png"), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: shot("console-ticket-phone.png"), fullPage: true });
    await context.close();
  });

  it("a supervisor prints the signed-paper 派工单 of an order: one A5 page, or two copies on one A4; a technician prints only his own", async () => {
    const { page, context } = await signedIn("wang");
    await page.goto(`${svc.url}/console/tickets/${done}`);
    expect(await page.locator("ul.orders li").first().textContent()).toContain("李 · 已接单");
    await page.getByRole("link", { name: "打印 A5" }).first().click();
    await page.waitForURL(/\/orders\/[^/]+\/print\?size=a5$/);
    const sheet = page.locator(".sheet");
    expect(await sheet.count()).toBe(1);
    const cell = (title: string) => sheet.locator(`th:text-is("${title}") + td`).textContent();
    expect(await sheet.locator("h1").textContent()).toBe("服务派工单（维修单）");
    expect(await sheet.locator(".no").textContent()).toBe(`No. ${done}`);
    expect(await cell("房号")).toBe("3栋2单元201");
    expect(await cell("联系电话")).toBe("13812345678");
    expect(await cell("接单人")).toBe("李");
    expect(await cell("处理情况")).toBe("更换阀门");
    expect(await sheet.textContent()).toContain("住户签字");
    await page.screenshot({ path: shot("order-sheet-a5.png"), fullPage: true });
    // printed, it is one A5 page (148 × 210 mm is 420 × 595 pt)
    const a5 = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    expect(a5.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    expect(mediaBox(a5)).toEqual([420, 595]);
    const url = page.url().replace("size=a5", "size=a4");
    await page.goto(url);
    expect(await page.locator(".sheet .no b").allTextContents()).toEqual(["存根联", "派工联"]);
    const a4 = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    expect(a4.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    expect(mediaBox(a4)).toEqual([595, 842]);
    await page.screenshot({ path: shot("order-sheet-a4.png"), fullPage: true });
    await context.close();

    // 李 prints his own; 赵's order (or a made-up one) is not there for him
    const li = await signedIn("li", PHONE);
    expect((await li.page.goto(url))!.status()).toBe(200);
    const light = await svc.app.db.ticket.findFirstOrThrow({ where: { description: { contains: "灯" } } });
    expect((await adminSend(svc, "POST", `/api/tickets/${light.number}/assign`, { staffId: "s-zhao" })).status).toBe(200);
    const other = await svc.app.db.assignment.findFirst({ where: { staffId: "s-zhao" }, include: { ticket: true } });
    expect((await li.page.goto(`${svc.url}/console/tickets/${other!.ticket.number}/orders/${other!.id}/print`))!.status()).toBe(404);
    expect((await li.page.goto(url.replace(/orders\/[^/]+/, "orders/no-such-order")))!.status()).toBe(404);
    await li.context.close();
  });

  it("the front desk refuses a phone beside its field, then registers the walk-in and shows the number to read out", async () => {
    const { page, context } = await signedIn("sun", PHONE);
    await page.getByRole("link", { name: "前台登记" }).click();
    await page.getByLabel("住户原话").fill("我是3栋1单元502的，阳台的下水道堵了，电话1381234567，后天上午9点");
    await page.getByRole("button", { name: "识别填写" }).click();
    expect(await page.getByLabel("房号（或具体位置）").inputValue()).toBe("3栋1单元502");
    await expect.poll(() => page.locator("#e-phone").textContent()).toContain("手机号应为 11 位");
    await page.getByLabel("前台来访").check();
    await page.getByLabel("联系电话").fill("13812345670");
    await page.getByLabel("报事内容").fill("阳台的下水道堵了");
    await page.getByLabel("预约时间").fill("后天上午9点");
    await page.getByRole("button", { name: "登记并派工" }).click();
    const filed = await page.locator("#filed").textContent();
    expect(filed).toMatch(/已登记，单号 BS\d{8}-\d{4}/);
    await page.screenshot({ path: shot("console-frontdesk-phone.png"), fullPage: true });
    const number = numberIn(filed!)!;
    expect((await svc.admin(`/api/tickets/${number}`)).body).toMatchObject({ channel: "walk-in", room: "3栋1单元502" });
    await page.setViewportSize(DESKTOP);
    await page.goto(`${svc.url}/console/frontdesk`);
    await page.screenshot({ path: shot("console-frontdesk.png"), fullPage: true });
    await context.close();
  });

  it("a steward records a callback by keyboard and mouse; the report closes", async () => {
    const { page, context } = await signedIn("sun");
    await page.getByRole("link", { name: "回访" }).click();
    const card = page.locator("section.card", { hasText: done });
    expect(await card.locator('a[href^="tel:"]').textContent()).toBe("拨打 13812345678");
    await page.screenshot({ path: shot("console-callbacks.png"), fullPage: true });
    await card.getByLabel("基本满意").check();
    await card.getByLabel("及时", { exact: true }).check();
    await card.getByLabel("电话", { exact: true }).check();
    await card.getByLabel("回访备注（选填）").fill("业主说下次早点来");
    await card.getByLabel("回访备注（选填）").press("Enter");
    await expect.poll(() => page.locator(".flash.ok").textContent()).toContain(`已记录 ${done} 的回访：基本满意、及时、电话`);
    expect((await svc.admin(`/api/tickets/${done}`)).body.status).toBe("closed");
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: shot("console-callbacks-phone.png"), fullPage: true });
    await context.close();
  });

  it("a project manager's policy edit is refused with the error at its line; staff and roster show who is on duty", async () => {
    const { page, context } = await signedIn("chen");
    await page.getByRole("link", { name: "物业项目" }).click();
    await page.screenshot({ path: shot("console-properties.png"), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: shot("console-properties-phone.png"), fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.getByRole("link", { name: "编辑" }).first().click();
    const yaml = page.getByLabel("项目设置（YAML，与 policies/demo.yaml 相同）");
    const text = await yaml.inputValue();
    await yaml.fill(text.replace(/dispatch: 5m/, "dispatch: soon"));
    await page.getByRole("button", { name: "检查并保存" }).first().click();
    const error = await page.locator("#policy-error").textContent();
    const line = text.split("\n").findIndex((l) => l.includes("dispatch: 5m")) + 1;
    expect(error).toContain(`第 ${line} 行`);
    expect(await page.locator(".bad-line").textContent()).toContain("dispatch: soon");
    // what was typed is kept to be mended
    expect(await yaml.inputValue()).toContain("dispatch: soon");
    await page.screenshot({ path: shot("console-policy-error.png") });

    await page.getByRole("link", { name: "人员与排班" }).click();
    expect(await page.locator('tr[data-staff="s-li"]').textContent()).toContain("现在在岗");
    await page.screenshot({ path: shot("console-staff.png"), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: shot("console-staff-phone.png"), fullPage: true });
    await context.close();
  });

  it("a technician's board holds only their orders; the English switch reads in English", async () => {
    const { page, context } = await signedIn("li", PHONE);
    const offered = await svc.app.db.assignment.findMany({ where: { staffId: "s-li" }, select: { ticket: { select: { number: true } } } });
    const all = await svc.app.db.ticket.count();
    const mine = await rows(page);
    expect(mine).toContain(done);
    // the orders offered to him (the leak he finished, the walk-in's drain), of every report filed
    expect(new Set(mine)).toEqual(new Set(offered.map((a) => a.ticket.number)));
    expect(mine.length).toBeLessThan(all);
    expect(await page.locator("nav.main a").allTextContents()).toEqual(["报事池"]);
    await page.screenshot({ path: shot("console-board-phone.png"), fullPage: true });
    await page.getByRole("link", { name: "English" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Board");
    await context.close();
    expect(double.sentTo(team.li.id).length).toBeGreaterThan(0);
  });

  it("a project manager finds last month's report among those stored, reads it as the chats had it, and opens the same month's statistics", async () => {
    // the 1st at 16:00: the daily follow-up and November's report are made and stored
    svc.clock.set(new Date("2026-12-01T16:00:00+08:00"));
    expect(await svc.app.scheduler.run("reports")).toEqual({ daily: 1, monthly: 1 });
    const { page, context } = await signedIn("chen");
    await page.getByRole("link", { name: "报表" }).click();
    await page.waitForURL(/\/console\/reports$/);
    expect(await page.locator("table.reports tbody tr").allTextContents()).toEqual([
      expect.stringContaining("2026-12-01每日跟进阳光花园"),
      expect.stringContaining("2026-11月度报表阳光花园"),
    ]);
    await page.getByRole("link", { name: "2026-11" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("月度报表 · 阳光花园 · 2026-11");
    const text = (await page.locator("pre.report-text").textContent())!;
    expect(text.split("\n")[0]).toBe("【月度报表】阳光花园 2026-11");
    expect(text).toContain("目标 ≥98%");
    await page.screenshot({ path: shot("console-report.png"), fullPage: true });
    await page.getByRole("link", { name: "在统计页查看这一期 →" }).click();
    await page.waitForURL(/\/console\/stats\?period=month&date=2026-11/);
    await expect.poll(() => page.locator("#trend svg").count()).toBe(1);
    await context.close();
  });
});
