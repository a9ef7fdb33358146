import { afterEach, describe, expect, it } from "vitest";
import { FileBox } from "file-box";
import { listen, startWithWechat } from "../../helpers/wechat.js";
import { consoleStaff } from "../../helpers/logins.js";

let running: Awaited<ReturnType<typeof startWithWechat>> | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe("a resident on WeChat", () => {
  it("files a report in a private chat with numbered choices", async () => {
    running = await startWithWechat();
    const owner = running.user("业主老王");
    owner.say("3栋2单元201 厨房水管漏水了，电话13812345678，明天下午三点可以上门");
    const summary = await owner.nth(1);
    expect(summary).toContain("11月24日（周二）15:00");
    expect(summary).toMatch(/回复 1 确认提交，2 修改$/);
    owner.say("1");
    expect(await owner.nth(2)).toMatch(/单号 BS20261123-0001/);
    const { body } = await running.svc.admin("/api/tickets/BS20261123-0001");
    expect(body).toMatchObject({ channel: "wechat", reporterName: "业主老王", room: "3栋2单元201" });
  });

  it("in a group: handles a message that @mentions the account and @mentions the sender back; ignores and stores nothing else", async () => {
    running = await startWithWechat();
    const owner = running.user("业主小李");
    const room = running.mocker.createRoom({ topic: "3栋业主群", memberIdList: [running.me.id, owner.contact.id] });
    const inRoom: string[] = [];
    listen(room, (m) => {
      if (m.talker()?.id === running!.me.id) inRoom.push(m.text() ?? "");
    });
    owner.contact.say("今晚小区有活动吗大家").to(room);
    owner.contact.say("@阳光花园物业 查询进度", [running.me]).to(room);
    const end = Date.now() + 10000;
    while (!inRoom.length && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(inRoom[0]).toMatch(/^@业主小李 /);
    expect(inRoom[0]).toContain("没有处理中的报事");
    const stored = await running.svc.app.db.inboundMessage.findMany({ where: { channel: "wechat" } });
    expect(stored.map((m) => m.text)).toEqual(["查询进度"]);
  });

  it("keeps a photo sent before the report as its attachment", async () => {
    running = await startWithWechat();
    const owner = running.user("业主老周");
    owner.contact.say(FileBox.fromBase64(Buffer.from("jpeg bytes").toString("base64"), "ceiling.jpg")).to(running.me);
    expect(await owner.nth(1)).toContain("已收到您的图片");
    owner.say("3栋2单元201 卫生间天花板渗水 13812345678 尽快");
    await owner.nth(2);
    owner.say("1");
    await owner.nth(3);
    const ticket = await running.svc.app.db.ticket.findFirst();
    expect(ticket?.attachments).toEqual([{ kind: "photo", ref: expect.stringMatching(/^wechat-message:/) }]);
    // the office sees it on the ticket page, fetched through the puppet
    const sun = await consoleStaff(running.svc, { id: "sun", name: "孙管家", roles: ["steward"] });
    const res = await fetch(`${running.svc.url}/console/tickets/${ticket!.number}/files/0`, { headers: { cookie: sun.cookie } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe("jpeg bytes");
  });

  it("a message id seen twice changes nothing the second time", async () => {
    running = await startWithWechat();
    const owner = running.user("业主老赵");
    const seen: any[] = [];
    (running.svc.app.wechat as any).bot.on("message", (m: any) => seen.push(m));
    owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    await owner.nth(1);
    owner.say("确认");
    await owner.nth(2);
    const confirm = seen.find((m) => m.text() === "确认");
    await running.svc.app.wechat!.handleMessage(confirm);
    await running.svc.app.wechat!.flushed();
    expect(owner.inbox).toHaveLength(2);
    expect(await running.svc.app.db.ticket.count()).toBe(1);
    expect(await running.svc.app.db.inboundMessage.count({ where: { externalId: confirm.id } })).toBe(1);
  });

  it("paces its messages: no two to one contact closer than the configured gap", async () => {
    running = await startWithWechat({ gap: "400ms", jitter: "200ms" });
    const owner = running.user("业主老孙");
    owner.say("我家漏水了");
    owner.say("3栋2单元201");
    owner.say("13812345678");
    owner.say("明天下午3点");
    await owner.nth(4);
    const gaps = owner.inbox.slice(1).map((r, i) => r.at - owner.inbox[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(400);
    expect(owner.inbox.map((r) => r.text.slice(0, 6))).toEqual([
      expect.stringContaining("房号"),
      expect.stringContaining("请留一个"),
      expect.stringContaining("请问师傅"),
      expect.stringContaining("请您核对"),
    ]);
  });

  it("binds a staff member with 绑定 CODE", async () => {
    running = await startWithWechat();
    const db = running.svc.app.db;
    await db.staff.create({ data: { id: "s-wang", propertyId: "demo", name: "王管家", roles: ["steward"], skills: [], buildings: [] } });
    await db.bindCode.create({ data: { code: "WXCODE23", staffId: "s-wang", expiresAt: new Date("2026-11-24T00:00:00Z") } });
    const wang = running.user("王管家");
    wang.say("我的工单");
    expect(await wang.nth(1)).toContain("仅限已绑定的物业工作人员");
    wang.say("绑定 WXCODE23");
    expect(await wang.nth(2)).toContain("绑定成功，王管家");
    expect(await db.staffIdentity.count({ where: { channel: "wechat", staffId: "s-wang" } })).toBe(1);
  });
});
