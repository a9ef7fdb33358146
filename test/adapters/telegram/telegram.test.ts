import { afterEach, describe, expect, it } from "vitest";
import type { BotApiDouble } from "../../helpers/bot-api-double.js";
import type { RunningApp } from "../../helpers/app.js";
import { owner, startWithTelegram } from "../../helpers/telegram.js";

let svc: RunningApp;
let double: BotApiDouble;
afterEach(async () => {
  await svc?.destroy();
  await double?.stop();
});

describe("a resident on Telegram (long polling)", () => {
  it("files a report with buttons: inline keyboards, the pressed one removed, the callback answered", async () => {
    ({ svc, double } = await startWithTelegram());
    await double.until(() => double.callsOf("getUpdates").length > 0, "polling");
    expect(double.callsOf("setMyCommands").map((c) => c.body.language_code ?? "default")).toEqual(["zh", "default"]);
    expect(double.callsOf("setMyCommands")[0]!.body.commands.map((c: any) => c.command)).toEqual(["report", "progress", "cancel", "help", "start"]);

    double.say(owner, "/start");
    const menu = await double.nth(owner.id, 1);
    expect(menu.text).toContain("阳光花园报事服务");
    expect(menu.reply_markup.inline_keyboard.flat().map((b: any) => b.text)).toEqual(["我要报事", "查询进度", "取消报事", "转人工"]);

    double.say(owner, "3栋2单元201 厨房水管漏水了，电话13812345678，明天下午三点可以上门");
    const summary = await double.nth(owner.id, 2);
    expect(summary.text).toContain("11月24日（周二）15:00");
    double.press(owner, summary, "确认提交");
    const done = await double.nth(owner.id, 3);
    expect(done.text).toMatch(/单号 BS20261123-0001/);
    await double.until(() => double.callsOf("editMessageReplyMarkup").length === 1, "keyboard removed");
    expect(double.callsOf("editMessageReplyMarkup")[0]!.body).toMatchObject({
      chat_id: owner.id,
      message_id: summary.message_id,
      reply_markup: { inline_keyboard: [] },
    });
    expect(double.callsOf("answerCallbackQuery")).toHaveLength(1);

    const { body } = await svc.admin("/api/tickets/BS20261123-0001");
    expect(body).toMatchObject({ channel: "telegram", reporterName: "三 张", phone: "+8613812345678", room: "3栋2单元201" });
    expect(double.violations).toBe(0);
  });

  it("offers a share-my-phone button when it asks for the phone, and takes the shared contact", async () => {
    ({ svc, double } = await startWithTelegram());
    double.say(owner, "我家漏水了");
    expect((await double.nth(owner.id, 1)).text).toContain("房号");
    double.say(owner, "3栋2单元201");
    const ask = await double.nth(owner.id, 2);
    expect(ask.text).toContain("联系电话");
    expect(ask.reply_markup.keyboard[0][0]).toMatchObject({ request_contact: true });
    double.shareContact(owner, "8613812345678");
    expect((await double.nth(owner.id, 3)).text).toContain("什么时候上门");
  });

  it("keeps a photo on the report", async () => {
    ({ svc, double } = await startWithTelegram());
    double.sendPhoto(owner, "3栋2单元201 卫生间天花板渗水 13812345678 尽快");
    const summary = await double.nth(owner.id, 1);
    double.press(owner, summary, "确认提交");
    await double.nth(owner.id, 2);
    const { body } = await svc.admin("/api/tickets/BS20261123-0001");
    expect(body.attachments).toEqual([{ kind: "photo", ref: "big-1" }]);
  });

  it("in a group, answers only when mentioned or replied to, and stores nothing else", async () => {
    ({ svc, double } = await startWithTelegram());
    const group = { id: -100200, type: "supergroup" as const };
    double.say(owner, "大家好，今天天气不错", { chat: group });
    double.say(owner, "@sunny_baoshi_bot 查询进度", { chat: group, entities: [{ type: "mention", offset: 0, length: 17 }] });
    const reply = await double.nth(group.id, 1);
    expect(reply.text).toContain("没有处理中的报事");
    double.say(owner, "好的谢谢", { chat: group, replyToBot: true });
    await double.nth(group.id, 2);
    const stored = await svc.app.db.inboundMessage.findMany({ where: { channel: "telegram" } });
    expect(stored.map((m) => m.text)).toEqual(["查询进度", "好的谢谢"]);
  });

  it("binds a staff member with /bind, and an unbound user never reaches staff commands", async () => {
    ({ svc, double } = await startWithTelegram());
    const tech = await svc.app.db.staff.create({ data: { id: "s-li", propertyId: "demo", name: "李师傅", roles: ["technician"], skills: [], buildings: [] } });
    await svc.app.db.bindCode.create({ data: { code: "ABCD2345", staffId: tech.id, expiresAt: new Date("2026-11-24T00:00:00Z") } });
    const stranger = { id: 6001, first_name: "路人" };
    double.say(stranger, "/orders");
    expect((await double.nth(stranger.id, 1)).text).toContain("仅限已绑定的物业工作人员");
    const li = { id: 6002, first_name: "李" };
    double.say(li, "/bind ABCD2345");
    expect((await double.nth(li.id, 1)).text).toContain("绑定成功，李师傅");
    double.say(li, "/orders");
    expect((await double.nth(li.id, 2)).text).toContain("没有待处理的工单");
    expect(await svc.app.db.staffIdentity.findUnique({ where: { channel_externalId: { channel: "telegram", externalId: "6002" } } })).toMatchObject({
      staffId: "s-li",
    });
  });
});
