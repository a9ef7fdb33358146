import { afterEach, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import type { RunningApp } from "../helpers/app.js";
import type { BotApiDouble } from "../helpers/bot-api-double.js";
import { TestClock } from "../helpers/clock.js";
import { startWithTelegram, UNPACED } from "../helpers/telegram.js";
import { bindTeam, team, type TgUser } from "../helpers/team.js";
import { Visitor, type Reply } from "../helpers/visitor.js";
import { loginAs, PASSWORD } from "../helpers/logins.js";
import { join } from "node:path";
import { tmpdir } from "node:os";

/** Where screenshots go: a temp folder, or SCREENSHOTS_DIR (docs/screenshots holds the committed ones). */
const shot = (name: string) => join(process.env.SCREENSHOTS_DIR ?? tmpdir(), name);

const at = (local: string) => new Date(`${local}+08:00`);
const zhou: TgUser = { id: 8107, first_name: "周" };
const resident: TgUser = { id: 9901, first_name: "王阿姨" };

let running: { svc: RunningApp; double: BotApiDouble }[] = [];
afterEach(async () => {
  for (const r of running) {
    await r.svc.destroy();
    await r.double.stop();
  }
  running = [];
});
async function start(opts: Parameters<typeof startWithTelegram>[0] = {}) {
  const r = await startWithTelegram({ limits: UNPACED, clock: new TestClock(at("2026-12-01T10:00:00")), ...opts });
  running.push(r);
  return r;
}

/** a second steward, 周管家, bound on Telegram */
async function secondSteward(svc: RunningApp, propertyId = "demo", id = "s-zhou", user = zhou) {
  await svc.app.db.staff.create({ data: { id, propertyId, name: "周管家", roles: ["steward"], skills: [], buildings: [] } });
  await svc.app.db.staffIdentity.create({ data: { id: `telegram:${user.id}`, staffId: id, channel: "telegram", externalId: String(user.id) } });
  svc.app.store.forgetWorkforce();
}

/** waits for what the service does after a message (the double's updates are read by polling) */
async function eventually<T>(read: () => Promise<T>, ok: (x: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const x = await read();
    if (ok(x)) return x;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never happened: ${what}`);
}
const seenText = (v: Visitor) =>
  eventually(
    () => v.seen(),
    () => true,
    "the page",
  ).then((m) => m.map((x) => x.text));
const untilSeen = (v: Visitor, text: string) =>
  eventually(
    () => v.seen(),
    (m: Reply[]) => m.some((x) => x.text.includes(text)),
    `the resident sees "${text}"`,
  );

describe("转人工 reaches a person who answers through the bot", () => {
  it("web chat: the first steward to press 接入 has it and the other is told; both ways in order; the bot keeps quiet; 结束 asks for a rating and the bot is back", async () => {
    const { svc, double } = await start();
    await bindTeam(svc);
    await secondSteward(svc);
    const r = new Visitor(svc.url, "handoff-resident-1");
    await r.say("你好");
    expect(await r.say("转人工")).toContain("正在为您转接人工");
    // nobody has it yet: what the resident says is kept for whoever takes it
    expect(await r.say("车牌是浙A12345")).toContain("已转告管家");

    // both stewards on duty are told, with what was said and a 接入 button
    const toSun = await double.nth(team.sun.id, 1);
    const toZhou = await double.nth(zhou.id, 1);
    expect(toSun.text).toContain("【转人工 #1】住户（网页，未留电话）请求人工服务");
    expect(toSun.text).toContain("最近的话：\n· 你好");
    expect(toZhou.text).toContain("【转人工 #1】");
    double.press(team.sun, toSun, "接入");
    const taken = await double.nth(team.sun.id, 2);
    expect(taken.text).toContain("已接入 #1");
    expect(taken.text).toContain("车牌是浙A12345");
    expect((await double.nth(zhou.id, 2)).text).toBe("#1 已由 孙管家 接入。");
    // 周 presses too late: told who has it, nothing changes
    double.press(zhou, toZhou, "接入");
    expect((await double.nth(zhou.id, 3)).text).toBe("#1 已由 孙管家 接入，不用再处理。");
    await untilSeen(r, "您好，我是孙管家");

    // the resident's words go to 孙管家, the bot says nothing
    expect(await r.say("他每天晚上都停这里")).toBe("");
    expect((await double.nth(team.sun.id, 3)).text).toBe("【#1 住户（网页，未留电话）】他每天晚上都停这里");
    // 孙管家's words reach the page, in order
    double.say(team.sun, "好的，我这就去查监控");
    await double.nth(team.sun.id, 3);
    double.say(team.sun, "查到了马上联系您");
    await untilSeen(r, "查到了马上联系您");
    const page = await seenText(r);
    expect(page.indexOf("孙管家：好的，我这就去查监控")).toBeLessThan(page.indexOf("孙管家：查到了马上联系您"));
    expect(page.indexOf("孙管家：好的，我这就去查监控")).toBeGreaterThan(page.indexOf("他每天晚上都停这里"));

    // 孙管家 ends it: the resident is asked to rate, then the bot answers again
    double.say(team.sun, "结束");
    expect((await double.nth(team.sun.id, 4)).text).toBe("已结束 #1，住户会收到评价邀请。");
    r.last = (await untilSeen(r, "请为这次服务打个分")).slice(-1);
    expect(r.choices()).toEqual(["满意", "基本满意", "不满意"]);
    expect(await r.press("满意")).toContain("谢谢您的评价");
    expect(await r.say("查询进度")).toContain("没有处理中的报事");
    const h = await svc.app.db.handoff.findFirstOrThrow();
    expect(h).toMatchObject({ seq: 1, status: "ended", stewardName: "孙管家", rating: "满意", endedBy: "staff:s-sun" });
    const events = await svc.app.db.event.findMany({ where: { type: { startsWith: "human." } }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["human.taken", "human.ended", "human.rated"]);
    // nothing 孙管家 wrote reached 周
    expect(double.sentTo(zhou.id)).toHaveLength(3);
  });

  it("Telegram resident: a steward's answers reach the resident's own chat; a redelivered message is relayed once; 回复 <number> picks the conversation; the resident's 结束 tells the steward", async () => {
    const { svc, double } = await start();
    await bindTeam(svc);
    double.say(resident, "转人工");
    expect((await double.nth(resident.id, 1)).text).toContain("正在为您转接人工");
    double.press(team.sun, await double.nth(team.sun.id, 1), "接入");
    expect((await double.nth(resident.id, 2)).text).toContain("您好，我是孙管家");
    const update = double.say(resident, "我家门禁卡坏了");
    expect((await double.nth(team.sun.id, 3)).text).toBe("【#1 王阿姨（Telegram，未留电话）】我家门禁卡坏了");
    // Telegram sends the same update again: relayed once
    double.push({ message: update.message }, update.update_id);
    double.say(resident, "能补办吗");
    expect((await double.nth(team.sun.id, 4)).text).toContain("能补办吗");
    expect(double.sentTo(team.sun.id).filter((m) => m.text.includes("门禁卡坏了"))).toHaveLength(1);
    // a photo: 孙管家 is told and opens it from the conversation's page, fetched through the bot
    double.sendPhoto(resident, "门禁卡的样子");
    const photo = await double.nth(team.sun.id, 5);
    expect(photo.text).toMatch(/^【#1 王阿姨（Telegram，未留电话）】门禁卡的样子（发来 1 个图片\/语音，在后台查看：http.*\/console\/conversations\/[^/]+）$/);
    // both on Telegram: the photo itself is sent on, after the words
    await eventually(
      async () => double.media,
      (m) => m.length > 0,
      "the photo sent on",
    );
    expect(double.media).toEqual([{ method: "sendPhoto", chat_id: String(team.sun.id), file: "big-1" }]);
    const sun = await loginAs(svc, "s-sun", "sun");
    const h = await svc.app.db.handoff.findFirstOrThrow();
    expect((await sun.get(`/console/conversations/${h.id}`)).text).toContain(`<img src="/console/conversations/${h.id}/files/0"`);
    expect((await sun.get(`/console/conversations/${h.id}/files/0`)).status).toBe(200);
    expect((await sun.get(`/console/conversations/${h.id}/files/1`)).status).toBe(404);
    const answer = double.say(team.sun, "回复 1 可以，带身份证来服务中心补办");
    expect((await double.nth(resident.id, 3)).text).toBe("孙管家：可以，带身份证来服务中心补办");
    // the steward's update delivered twice: the resident hears it once, and it is not echoed back to the steward
    const before = double.sentTo(team.sun.id).length;
    double.push({ message: answer.message }, answer.update_id);
    double.say(team.sun, "回复 7 这条不存在");
    expect((await double.nth(team.sun.id, 6)).text).toBe("#7 不是您接入的对话。");
    expect(double.sentTo(team.sun.id)).toHaveLength(before + 1);
    expect(double.sentTo(resident.id).filter((m) => m.text.includes("带身份证"))).toHaveLength(1);
    double.say(resident, "结束");
    expect((await double.nth(resident.id, 4)).text).toContain("已结束人工服务");
    expect((await double.nth(team.sun.id, 7)).text).toBe("住户已结束 #1。");
    // 孙管家's next words are his own again (a staff command, not for the resident)
    double.say(team.sun, "我的单");
    await double.nth(team.sun.id, 8);
    expect(double.sentTo(resident.id)).toHaveLength(4);
  });

  it("a steward holding two conversations answers each by replying to its relayed message", async () => {
    const { svc, double } = await start();
    await bindTeam(svc);
    const other: TgUser = { id: 9902, first_name: "李先生" };
    double.say(resident, "转人工");
    double.press(team.sun, await double.nth(team.sun.id, 1), "接入");
    await double.nth(resident.id, 2);
    double.say(other, "转人工");
    double.press(team.sun, await double.nth(team.sun.id, 3), "接入");
    await double.nth(other.id, 2);
    double.say(resident, "电梯又坏了");
    const relayed = await double.nth(team.sun.id, 5);
    expect(relayed.text).toBe("【#1 王阿姨（Telegram，未留电话）】电梯又坏了");
    // plain text would go to the latest (李先生); a reply to 王阿姨's message goes to her
    double.say(team.sun, "马上派人去看", { replyTo: { text: relayed.text } });
    expect((await double.nth(resident.id, 3)).text).toBe("孙管家：马上派人去看");
    double.say(team.sun, "您好，请讲");
    expect((await double.nth(other.id, 3)).text).toBe("孙管家：您好，请讲");
    expect(double.sentTo(resident.id)).toHaveLength(3);
  });

  it("代报 from the conversation: the report is filed with what the resident said, where and how to reach them; the resident gets the number", async () => {
    const { svc, double } = await start();
    await bindTeam(svc);
    const r = new Visitor(svc.url, "handoff-behalf-1");
    await r.say("5栋1单元302 客厅灯不亮 13900005555 明天上午10点");
    const first = /BS\d{8}-\d{4}/.exec(await r.press("确认提交"))![0];
    await r.say("转人工");
    double.press(team.sun, await double.nth(team.sun.id, 1), "接入");
    await untilSeen(r, "您好，我是孙管家");
    expect(await r.say("阳台的晾衣架坏了，摇不下来")).toBe("");
    await double.nth(team.sun.id, 3);
    double.say(team.sun, "代报");
    let said = await double.nth(team.sun.id, 4);
    // what the resident did not say is asked of the steward (here the visit time)
    if (said.text.includes("什么时候上门")) {
      double.say(team.sun, "尽快");
      said = await double.nth(team.sun.id, 5);
    }
    expect(said.text).toContain("报事内容：阳台的晾衣架坏了，摇不下来");
    expect(said.text).toContain("5栋1单元302");
    expect(said.text).toContain("13900005555");
    expect(said.text).not.toContain("客厅灯不亮");
    double.press(team.sun, said, "确认提交");
    const filedTo = await eventually(
      async () =>
        double
          .sentTo(team.sun.id)
          .map((m) => m.text)
          .find((x) => /单号 BS\d{8}-\d{4}/.test(x) && !x.includes(first)),
      (x) => !!x,
      "the steward told the number",
    );
    const number = /BS\d{8}-\d{4}/.exec(filedTo!)![0];
    await untilSeen(r, `孙管家已为您登记报事，单号 ${number}`);
    const t = await svc.app.db.ticket.findUniqueOrThrow({ where: { number } });
    expect(t).toMatchObject({ residentId: `web:${r.id}`, channel: "web", room: "5栋1单元302", phone: "+8613900005555" });
    expect(await svc.app.db.event.count({ where: { ticketId: t.id, type: "human.filed" } })).toBe(1);
    // the ticket's page links the conversation it came from
    const wang = await loginAs(svc, "s-wang", "wang");
    const h = await svc.app.db.handoff.findFirstOrThrow();
    expect((await wang.get(`/console/tickets/${number}`)).text).toContain(`<a href="/console/conversations/${h.id}">查看对话记录 #1</a>`);
    expect((await wang.get(`/console/conversations/${h.id}`)).text).toContain("阳台的晾衣架坏了，摇不下来");
    // the resident sees it among their own; 孙管家 still has the conversation
    expect(await r.say("结束")).toContain("已结束人工服务");
    expect(await r.say("查询进度")).toContain(number);
  });

  it("nobody takes it within humanAnswer: the supervisor is told and may take it; the resident is told honestly and what they leave is read on 接入", async () => {
    const { svc, double } = await start({ policy: { servicePhone: "0571-88886666" } });
    await bindTeam(svc);
    const r = new Visitor(svc.url, "handoff-resident-2");
    await r.say("转人工");
    await double.nth(team.sun.id, 1);
    svc.clock.advance(2);
    expect(await svc.app.scheduler.run("handoffs")).toEqual({ unanswered: 0 });
    svc.clock.advance(2);
    expect(await svc.app.scheduler.run("handoffs")).toEqual({ unanswered: 1 });
    const lead = await double.nth(team.wang.id, 1);
    expect(lead.text).toBe("【转人工无人接 #1】住户（网页，未留电话） 已等了 4 分钟，还没有管家接入，请安排。");
    await untilSeen(r, "管家们暂时都在忙，还没能接入。您可以直接留言，接入后会第一时间回复您；着急也可以拨打 0571-88886666");
    expect(await r.say("我家热水器漏水，在3栋101")).toContain("已转告管家");
    // told once
    expect(await svc.app.scheduler.run("handoffs")).toEqual({ unanswered: 0 });
    double.press(team.wang, lead, "接入");
    const taken = await double.nth(team.wang.id, 2);
    expect(taken.text).toContain("我家热水器漏水，在3栋101");
    await untilSeen(r, "您好，我是王主管");
  });

  it("outside office hours the stewards hear at opening and the answer's clock starts then; a restart in the middle loses nothing", async () => {
    const first = await start({ clock: new TestClock(at("2026-11-30T23:30:00")) });
    await bindTeam(first.svc);
    const r = new Visitor(first.svc.url, "handoff-resident-3");
    expect(await r.say("转人工")).toContain("上班后管家会在这里回复您");
    await first.svc.app.scheduler.run("outbox");
    expect(first.double.sentTo(team.sun.id)).toHaveLength(0);
    // with the office closed what the resident leaves is taken as the bot would: a question becomes a consultation
    first.svc.clock.set(at("2026-11-30T23:35:00"));
    await r.say("业主大会什么时候开啊 在哪里能看到通知");
    expect(await r.say("3栋2单元201 13812345678")).toContain("类别：咨询类");
    const number = /BS\d{8}-\d{4}/.exec(await r.press("确认提交"))?.[0];
    expect(number).toBeDefined();
    const consultation = await first.svc.app.db.ticket.findUniqueOrThrow({ where: { number: number! } });
    expect(consultation.nature).toBe("咨询");
    // its answer is due on the working calendar: counted from the office's opening, not from midnight
    expect(consultation.resolveDueAt!.getTime()).toBeGreaterThan(at("2026-12-01T08:00:00").getTime());
    // the night passes; the answer's deadline is three office minutes after opening
    first.svc.clock.set(at("2026-12-01T07:50:00"));
    expect(await first.svc.app.scheduler.run("handoffs")).toEqual({ unanswered: 0 });
    await first.svc.stop();

    const clock = first.svc.clock;
    clock.set(at("2026-12-01T08:00:00"));
    const again = await start({ dir: first.svc.dir, clock, double: first.double });
    running = running.filter((x) => x !== first);
    const back = new Visitor(again.svc.url, "handoff-resident-3");
    await again.svc.app.scheduler.run("outbox");
    const alert = await again.double.nth(team.sun.id, 1);
    expect(alert.text).toContain("【转人工 #1】");
    again.double.press(team.sun, alert, "接入");
    // what was said at night is in front of the steward who takes it
    expect((await again.double.nth(team.sun.id, 2)).text).toContain("业主大会什么时候开啊");
    await untilSeen(back, "您好，我是孙管家");
    again.double.say(team.sun, "早上好，请问什么事？");
    await untilSeen(back, "孙管家：早上好，请问什么事？");
    expect(await back.say("楼道灯坏了")).toBe("");
    expect((await again.double.nth(team.sun.id, 3)).text).toContain("楼道灯坏了");
    clock.set(at("2026-12-01T08:10:00"));
    expect(await again.svc.app.scheduler.run("handoffs")).toEqual({ unanswered: 0 });
  });

  it("a resident of one property never reaches another property's steward", async () => {
    const { svc, double } = await start({ alsoProperties: [{ id: "east", name: "东湖苑" }] });
    await bindTeam(svc);
    const east = { id: 8201, first_name: "东" };
    await secondSteward(svc, "east", "s-east", east);
    const r = new Visitor(svc.url, "handoff-resident-east", "east");
    await r.say("转人工");
    const alert = await double.nth(east.id, 1);
    expect(alert.text).toContain("【转人工 #1】");
    await svc.app.telegram!.flushed();
    expect(double.sentTo(team.sun.id)).toHaveLength(0);
    // demo's steward pressing east's button (a forwarded message) is refused
    double.press(team.sun, { ...alert, chat_id: String(team.sun.id) }, "接入");
    expect((await double.nth(team.sun.id, 1)).text).toBe("您现在没有进行中的人工对话。");
    expect((await svc.app.db.handoff.findFirstOrThrow()).status).toBe("waiting");
  });

  it("in the web chat page the steward's answer appears without a reload", async () => {
    const { svc, double } = await start();
    await bindTeam(svc);
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" })).newPage();
      await page.goto(`${svc.url}/chat`);
      await expect.poll(() => page.locator(".bot").count()).toBeGreaterThan(0);
      await page.fill("textarea", "转人工");
      await page.press("textarea", "Enter");
      await expect.poll(() => page.locator(".bot").last().textContent()).toContain("正在为您转接人工");
      double.press(team.sun, await double.nth(team.sun.id, 1), "接入");
      await expect.poll(() => page.locator(".bot").last().textContent(), { timeout: 10_000 }).toContain("您好，我是孙管家");
      double.say(team.sun, "请问是哪一栋？");
      await expect.poll(() => page.locator(".bot").last().textContent(), { timeout: 10_000 }).toBe("孙管家：请问是哪一栋？");
      // each shown once
      expect(await page.locator(".bot", { hasText: "请问是哪一栋" }).count()).toBe(1);
    } finally {
      await browser.close();
    }
  });

  it("in the console a steward sees the waiting badge, takes the conversation, answers and ends it; the resident's words appear without a reload", async () => {
    const { svc, double } = await start();
    await bindTeam(svc);
    await loginAs(svc, "s-sun", "sun");
    const r = new Visitor(svc.url, "handoff-console-1");
    await r.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    await r.press("确认提交");
    await r.say("转人工");
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
      const page = await context.newPage();
      page.on("pageerror", (e) => console.error("page error:", e.message));
      await page.goto(`${svc.url}/console/login`);
      await page.getByLabel("账号（用户名或手机号）").fill("sun");
      await page.getByLabel("密码").fill(PASSWORD);
      await page.getByRole("button", { name: "登录" }).click();
      await page.waitForURL(`${svc.url}/console`);
      // the nav's badge: one resident waits
      await expect.poll(() => page.locator("nav.main [data-waiting]").textContent()).toBe("1");
      await page.getByRole("link", { name: /转人工/ }).click();
      await page.waitForURL(/\/console\/conversations$/);
      // the console shows a steward the phone in full (they call residents); chat masks it
      expect(await page.locator("[data-handoff]").first().textContent()).toContain("#1 住户（网页，3栋2单元201，电话 13812345678）");
      await page.getByRole("button", { name: "接入" }).click();
      await page.waitForURL(/\/console\/conversations\/[^/?]+/);
      expect(await page.locator(".flash.ok").textContent()).toContain("已接入 #1");
      await untilSeen(r, "您好，我是孙管家");
      await page.getByLabel("回复住户").fill("您好，请问遇到什么问题？");
      await page.getByRole("button", { name: "发送" }).click();
      await untilSeen(r, "孙管家：您好，请问遇到什么问题？");
      expect(await r.say("师傅修完以后楼下还是有水印")).toBe("");
      // the resident's words reach the open page by themselves, and 孙管家's chat too
      await expect.poll(() => page.locator("#transcript").textContent(), { timeout: 10_000 }).toContain("师傅修完以后楼下还是有水印");
      expect((await double.nth(team.sun.id, 2)).text).toBe("【#1 住户（网页，3栋2单元201，电话 138****5678）】师傅修完以后楼下还是有水印");
      // very urgent words: the safety advice goes out at once, and the steward reads them too
      expect(await r.say("卫生间天花板一直在漏水")).toContain("请先关闭家里的进水总阀");
      expect((await double.nth(team.sun.id, 3)).text).toContain("卫生间天花板一直在漏水");
      await page.screenshot({ path: shot("console-conversation.png"), fullPage: true });
      await page.getByRole("button", { name: "结束对话" }).click();
      await page.waitForURL(/ok=/);
      await untilSeen(r, "请为这次服务打个分");
      expect((await svc.app.db.handoff.findFirstOrThrow()).status).toBe("ended");
      const events = await svc.app.db.event.findMany({ where: { type: { startsWith: "human." } }, orderBy: { id: "asc" } });
      expect(events.map((e) => [e.type, e.channel, e.actor])).toEqual([
        ["human.taken", "console", "staff:s-sun"],
        ["human.ended", "console", "staff:s-sun"],
      ]);
      // a technician has no conversations page; another property's conversation is not found
      const li = await loginAs(svc, "s-li", "li");
      expect((await li.get("/console/conversations")).status).toBe(403);
    } finally {
      await browser.close();
    }
  });
});
