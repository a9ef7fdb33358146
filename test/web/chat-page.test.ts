import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app.js";
import { launchBrowser } from "../helpers/browser.js";
import { TestClock } from "../helpers/clock.js";

/** Where screenshots go: a temp folder, or SCREENSHOTS_DIR (docs/screenshots holds the committed ones). */
const shot = (name: string) => join(process.env.SCREENSHOTS_DIR ?? tmpdir(), name);

let svc: RunningApp;
let browser: Browser;
beforeAll(async () => {
  svc = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await svc?.destroy();
});

describe("the web chat page on a phone", () => {
  it("a resident files a report by typing and tapping, and sees it again after a reload", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${svc.url}/chat`);
    await expect.poll(() => page.locator(".bot").first().textContent()).toContain("阳光花园报事服务");
    expect(await page.title()).toBe("阳光花园 · 网上报修");

    await page.fill("textarea", "3栋2单元201 厨房水管漏水了，电话13812345678，明天下午三点可以上门");
    await page.press("textarea", "Enter");
    await page.getByRole("button", { name: "确认提交" }).waitFor();
    expect(await page.locator(".bot").last().textContent()).toContain("11月24日（周二）15:00");

    await page.getByRole("button", { name: "确认提交" }).tap();
    await expect.poll(() => page.locator(".bot").last().textContent()).toContain("单号 BS20261123-0001");
    // an old choice cannot be pressed twice
    expect(await page.getByRole("button", { name: "确认提交" }).isDisabled()).toBe(true);

    // nothing is wider than the phone's screen
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: shot("chat-report.png") });

    const { body } = await svc.admin("/api/tickets");
    expect(body.tickets[0]).toMatchObject({ number: "BS20261123-0001", room: "3栋2单元201", phone: "+8613812345678" });

    await page.reload();
    await expect.poll(() => page.locator(".me").allTextContents()).toContain("3栋2单元201 厨房水管漏水了，电话13812345678，明天下午三点可以上门");
    expect(await page.locator(".bot").last().textContent()).toContain("BS20261123-0001");
    await context.close();
  });

  it("after midnight it asks which day 明天 means, with both days to tap; filed at night, it says when the office will act", async () => {
    const night = await startApp({ clock: new TestClock("2026-12-01T01:20:00+08:00") });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${night.url}/chat`);
    await page.locator(".bot").first().waitFor();
    await page.fill("textarea", "3栋2单元201 厨房水龙头一直滴水 13812345678 明天下午三点");
    await page.press("textarea", "Enter");
    await page.getByRole("button", { name: "12月1日（周二）15:00" }).waitFor();
    expect(await page.locator(".bot").last().textContent()).toContain("您说的「明天」是 12月1日（周二）还是 12月2日（周三）？");
    await page.screenshot({ path: shot("chat-which-day.png") });
    await page.getByRole("button", { name: "12月1日（周二）15:00" }).tap();
    await page.getByRole("button", { name: "确认提交" }).waitFor();
    expect(await page.locator(".bot").last().textContent()).toContain("上门时间：12月1日（周二）15:00");
    await page.getByRole("button", { name: "确认提交" }).tap();
    await expect.poll(() => page.locator(".bot").last().textContent()).toContain("现在是下班时间");
    expect(await page.locator(".bot").last().textContent()).toContain("已为您预约 12月1日（周二）15:00 上门");
    await page.screenshot({ path: shot("chat-after-hours.png") });
    await context.close();
    await night.destroy();
  });

  it("shows replies as text, never as markup", async () => {
    const page = await browser.newPage();
    await page.goto(`${svc.url}/chat`);
    await page.locator(".bot").first().waitFor();
    await page.fill("textarea", "<img src=x onerror=\"document.title='hacked'\">漏水了");
    await page.press("textarea", "Enter");
    await expect.poll(() => page.locator(".me").last().textContent()).toContain("<img");
    expect(await page.locator(".msg img").count()).toBe(0);
    expect(await page.title()).not.toBe("hacked");
    await page.close();
  });
});
