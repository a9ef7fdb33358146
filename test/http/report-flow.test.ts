import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app.js";
import { numberIn, Visitor } from "../helpers/visitor.js";

let svc: RunningApp;
beforeEach(async () => {
  svc = await startApp();
});
afterEach(async () => {
  await svc.destroy();
});

describe("a resident files a report on the web chat", () => {
  it("in one message: confirms every field, then answers with a number the admin API shows", async () => {
    const owner = new Visitor(svc.url);
    const summary = await owner.say("3栋2单元201 厨房水管漏水了，电话13812345678，明天下午三点可以上门");
    expect(summary).toContain("3栋2单元201");
    expect(summary).toContain("13812345678");
    expect(summary).toContain("11月24日（周二）15:00");
    expect(summary).toContain("厨房水管漏水了");
    expect(owner.choices()).toEqual(["确认提交", "修改"]);

    const done = await owner.press("确认提交");
    const number = numberIn(done);
    expect(number).toBe("BS20261123-0001");
    // nobody works here yet: the booked time is kept, nothing promises a visit nobody is assigned to, and no
    // supervisor is said to have been told
    expect(done).toContain("目前暂时没有能上门的师傅，服务中心会尽快安排；安排好后会告诉您师傅的姓名和上门时间。您约的上门时间 11月24日（周二）15:00 已登记。");
    expect(done).not.toContain("主管");
    expect(done).not.toContain("已为您预约");

    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({
      number,
      status: "received",
      category: "A",
      nature: "报修",
      urgency: "一般",
      room: "3栋2单元201",
      phone: "+8613812345678",
      appointmentAt: "2026-11-24T15:00:00+08:00",
      channel: "web",
      invalidReason: null,
    });
    expect(body.deadlines.arrive).toBe("2026-11-24T14:55:00+08:00");
    // the demo property has no staff yet: nobody to dispatch to, and that is recorded
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(["ticket.received", "dispatch.none"]);
  });

  it("staff read the problem without the filler; the resident's own words are kept verbatim beside it", async () => {
    const owner = new Visitor(svc.url);
    await owner.say("师傅你好，我家3栋2单元201厨房水管漏水了，麻烦明天上午10点过来看下");
    await owner.say("１３８１２３４５６７８");
    const number = numberIn(await owner.press("确认提交"))!;
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.description).toBe("厨房水管漏水了");
    expect(body.said).toBe("师傅你好，我家3栋2单元201厨房水管漏水了，麻烦明天上午10点过来看下\n１３８１２３４５６７８");
  });

  it("step by step: asks only for what is missing, one question at a time, and says why an answer was refused", async () => {
    const owner = new Visitor(svc.url);
    expect(await owner.say("我家漏水了")).toContain("房号");
    expect(await owner.say("3-2-201")).toContain("联系电话");
    expect(await owner.say("电话12345")).toMatch(/11 位|号码/);
    expect(await owner.say("13812345678")).toContain("什么时候上门");
    expect(await owner.say("昨天下午3点")).toContain("已经过去了");
    expect(await owner.say("明天下午25点")).toContain("没有 25 点");
    const summary = await owner.say("明天上午十点半");
    expect(summary).toContain("11月24日（周二）10:30");
    expect(summary).toContain("我家漏水了");
    expect(numberIn(await owner.say("确认"))).toMatch(/^BS20261123-/);
  });

  it("返回 goes back one question, 重新开始 starts over, 取消 drops the report without filing it", async () => {
    const owner = new Visitor(svc.url);
    await owner.say("卫生间马桶堵了");
    await owner.say("5号楼1单元302");
    expect(await owner.say("返回")).toContain("房号");
    expect(await owner.say("5号楼1单元303")).toContain("联系电话");
    const restarted = await owner.say("重新开始");
    expect(restarted).toContain("重新开始");
    expect(restarted).toContain("遇到了什么问题");
    await owner.say("客厅灯不亮了");
    expect(await owner.say("取消")).toContain("已取消");
    const { body } = await svc.admin("/api/tickets");
    expect(body.tickets).toHaveLength(0);
  });

  it("any field can be changed at the confirmation, including the guessed category", async () => {
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 明天下午3点");
    await owner.press("修改");
    expect(owner.choices()).toEqual(expect.arrayContaining(["改联系电话", "改房号/位置", "改类别", "改上门时间", "改报事内容"]));
    await owner.press("改联系电话");
    expect(await owner.say("139 0000 1111")).toContain("13900001111");
    await owner.press("修改");
    await owner.press("改类别");
    expect(await owner.press("家政保洁")).toContain("家政保洁");
    const number = numberIn(await owner.press("确认提交"))!;
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ phone: "+8613900001111", category: "B" });
  });

  it("a correction typed at the confirmation updates the summary", async () => {
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 明天下午3点");
    const updated = await owner.say("时间改成后天上午10点");
    expect(updated).toContain("已为您更新");
    expect(updated).toContain("11月25日（周三）10:00");
  });

  it("a returning resident is offered their last room and phone", async () => {
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    await owner.press("确认提交");
    const ask = await owner.say("卫生间的灯不亮了");
    expect(ask).toContain("房号");
    expect(owner.choices()).toEqual(["用 3栋2单元201", "换一个"]);
    await owner.press("用 3栋2单元201");
    expect(owner.choices()).toEqual(["用 13812345678", "换一个"]);
    await owner.press("用 13812345678");
    await owner.say("尽快");
    const summary = owner.last[0]!.text;
    expect(summary).toContain("3栋2单元201");
    expect(summary).toContain("13812345678");
  });

  it("very urgent: safety advice and emergency numbers come first, and the report is filed without a confirmation step", async () => {
    const owner = new Visitor(svc.url);
    const reply = await owner.say("好像闻到燃气味，2栋1单元201，13100009999");
    expect(reply.startsWith("⚠️")).toBe(true);
    expect(reply.indexOf("96777")).toBeLessThan(reply.indexOf("单号"));
    expect(reply).toContain("119");
    const number = numberIn(reply)!;
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ urgency: "非常紧急", status: "received", asap: true });
    expect(body.deadlines.firstReply).toBe("2026-11-23T10:15:00+08:00");
  });

  it("a photo sent along is kept on the report", async () => {
    const owner = new Visitor(svc.url);
    const photo = { kind: "photo", ref: "https://files.example.com/leak.jpg" };
    const res = await fetch(`${svc.url}/api/webchat/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ visitorId: owner.id, attachments: [photo] }),
    });
    expect(((await res.json()) as any).replies[0].text).toContain("已收到您的图片");
    await owner.say("3栋2单元201 卫生间天花板渗水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.attachments).toEqual([photo]);
  });

  it("a public-area report carries a location instead of a room and is a common-area repair", async () => {
    const owner = new Visitor(svc.url);
    await owner.say("小区南门的路灯坏了好几天了，电话13800001234");
    const summary = await owner.say("尽快");
    expect(summary).toContain("报事内容：小区南门的路灯坏了好几天了");
    const number = numberIn(await owner.press("确认提交"))!;
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ room: null, location: "小区南门", category: "D" });
  });

  it("complaints are classified with severity and domain, and need no visit time", async () => {
    const owner = new Visitor(svc.url);
    const summary = await owner.say("我要投诉，昨晚保安态度恶劣还骂人，3栋1单元101，电话13600006666");
    expect(summary).toContain("投诉或建议 · 投诉");
    expect(summary).not.toContain("上门时间");
    const number = numberIn(await owner.press("确认提交"))!;
    const { body } = await svc.admin(`/api/tickets/${number}`);
    // a guard who swore at a resident: never a minor complaint (forwarded within the hour)
    expect(body).toMatchObject({ nature: "投诉", category: "E", severity: "重要", domain: "服务质量" });
    expect(body.deadlines.dispatch).toBe("2026-11-23T11:00:00+08:00");
  });

  it("a question the property has answered is answered at once", async () => {
    const owner = new Visitor(svc.url);
    expect(await owner.say("物业费怎么交？可以微信支付吗")).toContain("微信支付");
    const { body } = await svc.admin("/api/tickets");
    expect(body.tickets).toHaveLength(0);
  });

  it("English on request", async () => {
    const owner = new Visitor(svc.url);
    expect(await owner.say("English")).toContain("reply in English");
    expect(await owner.say("kitchen pipe is leaking badly")).toContain("room number");
    const summary = await owner.say("3栋2单元201 13812345678 tomorrow 3pm");
    expect(summary).toContain("Category: paid in-home repair · repair");
  });
});

describe("invalid reports (无效报事) are kept with their reason", () => {
  it("a resident who will not give a room is told plainly what is missing", async () => {
    const owner = new Visitor(svc.url);
    expect(await owner.say("有人在楼道里堆杂物")).toMatch(/哪一栋|房号/);
    expect(await owner.say("不方便说房号")).toContain("不好意思");
    const reply = await owner.say("不想说房号");
    expect(reply).toContain("无效报事");
    expect(reply).toContain("未提供房号或位置");
    const { body } = await svc.admin("/api/tickets?status=invalid");
    expect(body.tickets).toHaveLength(1);
    expect(body.tickets[0]).toMatchObject({
      status: "invalid",
      nature: "无效",
      invalidReason: "未提供房号或位置（匿名报事）",
      description: "有人在楼道里堆杂物",
    });
  });

  it("a resident who will not leave a phone", async () => {
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房漏水");
    expect(await owner.say("不想留电话")).toContain("号码只用于本次报事");
    expect(await owner.say("不留")).toContain("未提供联系电话");
    const { body } = await svc.admin("/api/tickets?status=invalid");
    expect(body.tickets[0]).toMatchObject({ room: "3栋2单元201", phone: null, invalidReason: "未提供联系电话（无法联系）" });
  });

  it("hitting the retry limit on a question", async () => {
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房漏水");
    await owner.say("12345");
    await owner.say("abc");
    expect(await owner.say("23812345678")).toContain("无效报事");
    const { body } = await svc.admin("/api/tickets?status=invalid");
    expect(body.tickets).toHaveLength(1);
  });
});

describe("progress, cancel and 转人工", () => {
  it("a resident sees only their own open reports and can cancel one", async () => {
    const owner = new Visitor(svc.url);
    const neighbour = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 明天下午3点");
    const number = numberIn(await owner.press("确认提交"))!;

    const mine = await owner.say("查询进度");
    expect(mine).toContain(number);
    expect(mine).toContain("已受理");
    expect(await neighbour.say("查询进度")).toContain("没有处理中的报事");
    expect(await neighbour.say("取消报事")).toContain("没有可以取消的报事");

    expect(await owner.say("取消报事")).toContain(number);
    expect(await owner.press("确认取消")).toContain("已为您取消");
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.status).toBe("cancelled");
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(["ticket.received", "dispatch.none", "ticket.cancelled"]);
    expect(await owner.say("查询进度")).toContain("没有处理中的报事");
  });

  it("转人工 marks the conversation for a steward and the report can go on", async () => {
    const owner = new Visitor(svc.url);
    await owner.say("我家漏水了");
    const reply = await owner.say("转人工");
    expect(reply).toContain("正在为您转接人工");
    expect(reply).toContain("房号");
    const session = await svc.app.db.conversationSession.findUnique({ where: { id: `web:${owner.id}` } });
    expect(session?.needsHuman).toBe(true);
    expect(await svc.app.db.event.count({ where: { type: "session.human_requested" } })).toBe(1);
    expect(await owner.say("3栋2单元201")).toContain("联系电话");
  });
});
