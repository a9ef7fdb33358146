import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../helpers/app.js";
import { launchBrowser } from "../../helpers/browser.js";
import { TestClock } from "../../helpers/clock.js";

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

/** How many lines the report number and the phone take in the bubbles (1 when they never break). */
async function linesOfNumbers(page: import("playwright-core").Page) {
  return page.evaluate(`(() => {
    const out = {};
    for (const el of document.querySelectorAll(".msg")) {
      const text = el.textContent;
      for (const word of [(text.match(/BS\\d{8}-\\d{4}/) || [])[0], "13812345678"]) {
        if (!word) continue;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const i = node.textContent.indexOf(word); if (i < 0) continue;
          const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + word.length);
          const key = word.startsWith("BS") ? "number" : word;
          out[key] = Math.max(out[key] || 0, new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size);
        }
      }
    }
    return out;
  })()`);
}

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

    // the report number and the phone are never split across lines
    expect(await linesOfNumbers(page)).toEqual({ number: 1, "13812345678": 1 });
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

describe("the web chat page reads well (issue 11)", () => {
  it("every message shows its time in the property's zone; after a reload the history shows what was pressed, not the page's own greeting", async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: "zh-CN",
      timezoneId: "America/Los_Angeles",
    });
    const page = await context.newPage();
    await page.goto(`${svc.url}/chat`);
    await page.locator(".msg.bot").first().waitFor();
    await page.fill("textarea", "3栋2单元201 卫生间地漏堵了 13812345678 明天上午10点");
    await page.press("textarea", "Enter");
    await page.getByRole("button", { name: "确认提交" }).tap();
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("单号");
    // the service's clock says 10:00 in Shanghai (02:00 UTC, 18:00 the day before in the browser's own zone)
    const times = await page.locator(".time").allTextContents();
    expect(times.length).toBe(await page.locator(".msg").count());
    for (const t of times) expect(t).toMatch(/^(11月23日 )?10:00$/);

    await page.reload();
    await expect.poll(() => page.locator(".msg.me").allTextContents()).toContain("确认提交");
    expect(await page.locator(".msg.me").allTextContents()).not.toContain("你好");
    expect(await page.locator(".time").first().textContent()).toMatch(/10:00$/);
    await context.close();
  });

  it("a report number and a phone never break across lines, and the placeholder fits a small phone", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${svc.url}/chat`);
    await page.locator(".msg.bot").first().waitFor();
    await page.fill("textarea", "3栋2单元201 客厅灯不亮了 13812345678 尽快");
    await page.press("textarea", "Enter");
    await page.getByRole("button", { name: "确认提交" }).tap();
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("单号");
    const lines = await linesOfNumbers(page);
    expect(lines).toEqual({ number: 1, "13812345678": 1 });
    const fits = await page.evaluate(`(() => {
      const t = document.querySelector("textarea"), s = getComputedStyle(t);
      const c = document.createElement("canvas").getContext("2d"); c.font = s.fontSize + " " + s.fontFamily;
      return c.measureText(t.placeholder).width <= t.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    })()`);
    expect(fits).toBe(true);
    await context.close();
  });

  it("on a desktop the bubbles keep a readable width", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${svc.url}/chat`);
    await page.locator(".msg.bot").first().waitFor();
    await page.fill("textarea", "中心花园的喷泉不出水了，好几天了，麻烦看一下，谢谢。我是5栋1单元301的，电话13812345678");
    await page.press("textarea", "Enter");
    await page.locator(".msg.bot").nth(1).waitFor();
    const widest = await page.evaluate<number>(`Math.max(...[...document.querySelectorAll(".msg")].map((m) => m.getBoundingClientRect().width))`);
    expect(widest).toBeLessThanOrEqual(600);
    await page.screenshot({ path: shot("chat-desktop.png") });
    await page.close();
  });

  it("in English the page's own texts are English too, and stay so after a reload", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${svc.url}/chat`);
    await page.locator(".msg.bot").first().waitFor();
    expect(await page.getAttribute("textarea", "placeholder")).toBe("描述问题、房号和电话");
    await page.fill("textarea", "English");
    await page.press("textarea", "Enter");
    await expect.poll(() => page.getAttribute("textarea", "placeholder")).toBe("Problem, room, phone");
    expect(await page.getByRole("button", { name: "Send" }).count()).toBe(1);
    expect(await page.locator("header h1").textContent()).toContain("Online repairs");
    await page.fill("textarea", "the kitchen tap is dripping, building 6 unit 1 room 803, 13812345678, tomorrow around 10 in the morning please");
    await page.press("textarea", "Enter");
    await expect.poll(() => page.locator(".msg.bot").last().textContent()).toContain("Please check your report");
    expect(await page.locator(".msg.bot").last().textContent()).toContain("Room / place: 6栋1单元803");
    await page.screenshot({ path: shot("chat-english.png") });
    await page.reload();
    await expect.poll(() => page.getAttribute("textarea", "placeholder")).toBe("Problem, room, phone");
    expect(await page.title()).toContain("Online repairs");
    await context.close();
  });
});
