import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, type RunningApp } from "../../helpers/app.js";
import type { BotApiDouble } from "../../helpers/bot-api-double.js";
import { startWithTelegram, UNPACED } from "../../helpers/telegram.js";
import { numberIn, Visitor } from "../../helpers/visitor.js";
import { bindTeam, team } from "../../helpers/team.js";

let svc: RunningApp | undefined;
let double: BotApiDouble | undefined;
afterEach(async () => {
  await svc?.destroy();
  await double?.stop();
  svc = double = undefined;
});

const li = { id: 8101, first_name: "李" };
const zhao = { id: 8102, first_name: "赵" };

/** two technicians bound on Telegram: 李 (plumbing, buildings 3 and 5) and 赵 (electrical) */
async function withTechnicians() {
  ({ svc, double } = await startWithTelegram({ limits: UNPACED, policy: { warnBefore: "0m" } }));
  const db = svc.app.db;
  await db.staff.create({
    data: { id: "s-li", propertyId: "demo", name: "李", roles: ["technician"], skills: ["plumbing"], buildings: ["3", "5"], phone: "13900001111" },
  });
  await db.staff.create({ data: { id: "s-zhao", propertyId: "demo", name: "赵", roles: ["technician"], skills: ["electrical"], buildings: [] } });
  await db.staffIdentity.create({ data: { id: "telegram:8101", staffId: "s-li", channel: "telegram", externalId: String(li.id) } });
  await db.staffIdentity.create({ data: { id: "telegram:8102", staffId: "s-zhao", channel: "telegram", externalId: String(zhao.id) } });
  return { svc, double };
}

/** the technicians, and 王主管 (supervisor) above 李 */
async function withSupervisor() {
  const r = await withTechnicians();
  await bindTeam(r.svc, ["wang"]);
  await r.svc.app.db.staff.update({ where: { id: "s-li" }, data: { superiorId: "s-wang" } });
  return r;
}

describe("dispatch at filing (派工)", () => {
  it("a report filed on the web reaches the right technician on Telegram; 接单 moves it on and tells the resident", async () => {
    const { svc, double } = await withTechnicians();
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水了，电话13812345678，明天下午三点可以上门");
    const number = numberIn(await owner.press("确认提交"))!;

    const order = await double.nth(li.id, 1);
    expect(order.text).toContain(`【派工单】${number}`);
    expect(order.text).toContain("位置：3栋2单元201");
    expect(order.text).toContain("预约：11月24日（周二）15:00");
    expect(order.text).toContain("138****5678");
    // an in-home repair is paid: the fee standard from the policy's catalogue
    expect(order.text).toContain("有偿服务，收费标准：维修水管 50元/处");
    expect(order.reply_markup.inline_keyboard.flat().map((b: any) => b.text)).toEqual(["接单", "拒单"]);
    expect(double.sentTo(zhao.id)).toHaveLength(0);

    let { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "dispatched", assignee: { name: "李" } });
    expect(body.deadlines.accept).toBe("2026-11-23T10:10:00+08:00");
    const why = body.events.find((e: any) => e.type === "ticket.dispatched");
    expect(why.data.why.join("；")).toMatch(/具备技能：plumbing；负责 3 栋/);

    double.press(li, order, "接单");
    const accepted = await double.nth(li.id, 2);
    expect(accepted.text).toContain(`已接单 ${number}`);
    expect(accepted.text).toContain("业主电话：13812345678");
    ({ body } = await svc.admin(`/api/tickets/${number}`));
    expect(body.status).toBe("accepted");
    expect(body.steps.accepted).toBe("2026-11-23T10:00:00+08:00");

    // the resident sees who is coming in their conversation
    const history = (await (await fetch(`${svc.url}/api/webchat/messages?visitorId=${owner.id}`)).json()) as { messages: { text: string }[] };
    expect(history.messages.at(-1)!.text).toContain("已由李师傅接单，将于 11月24日（周二）15:00 上门。☎ 13900001111");
    expect(history.messages.at(-1)!.text).toContain("本次为有偿服务，收费标准：维修水管 50元/处。");

    // pressing again changes nothing
    double.press(li, order, "接单");
    expect((await double.nth(li.id, 3)).text).toContain("已经处理过了");

    // on site, then done: each step recorded and told to the resident
    svc.clock.advance(60 * 29);
    double.say(li, "到场");
    expect((await double.nth(li.id, 4)).text).toContain(`已记录到场：${number}`);
    svc.clock.advance(40);
    double.say(li, "完工 更换水龙头 材料：水龙头1个、生料带 材料费30元");
    expect((await double.nth(li.id, 5)).text).toContain(`已记录完工：${number}`);
    ({ body } = await svc.admin(`/api/tickets/${number}`));
    expect(body).toMatchObject({ status: "completed" });
    expect(body.steps).toMatchObject({ arrived: "2026-11-24T15:00:00+08:00", completed: "2026-11-24T15:40:00+08:00" });
    expect(body.deadlines.callback).toBe("2026-11-25T15:40:00+08:00");
    expect(body.events.find((e: any) => e.type === "ticket.completed").data).toMatchObject({
      notes: "更换水龙头 材料:水龙头1个、生料带 材料费30元",
      materials: "水龙头1个、生料带",
      feeYuan: 30,
    });
    const row = await svc.app.db.ticket.findUnique({ where: { number } });
    expect(row?.feeCharged).toBe(3000);
    const told = (await (await fetch(`${svc.url}/api/webchat/messages?visitorId=${owner.id}`)).json()) as { messages: { text: string }[] };
    expect(told.messages.slice(-2).map((m) => m.text)).toEqual([
      expect.stringContaining("李师傅已到场"),
      expect.stringContaining("已由李师傅处理完成（更换水龙头 材料:水龙头1个、生料带 材料费30元）"),
    ]);
    double.say(li, "到场");
    expect((await double.nth(li.id, 6)).text).toContain("没有已接单、待到场的工单");
  });

  it("拒单 with a reason: the order climbs to the worker's supervisor; with nobody above, it is recorded", async () => {
    const { svc, double } = await withTechnicians();
    const wang = { id: 8103, first_name: "王" };
    await svc.app.db.staff.create({ data: { id: "s-wang", propertyId: "demo", name: "王主管", roles: ["supervisor"], skills: [], buildings: [] } });
    await svc.app.db.staffIdentity.create({ data: { id: "telegram:8103", staffId: "s-wang", channel: "telegram", externalId: String(wang.id) } });
    await svc.app.db.staff.update({ where: { id: "s-li" }, data: { superiorId: "s-wang" } });

    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    const order = await double.nth(li.id, 1);
    double.press(li, order, "拒单");
    const why = await double.nth(li.id, 2);
    expect(why.reply_markup.inline_keyboard.flat().map((b: any) => b.text)).toEqual(["不在附近", "技能不符", "时间冲突", "其他原因"]);
    double.press(li, why, "不在附近");
    expect((await double.nth(li.id, 3)).text).toContain(`已拒单 ${number}，已按规定转给王主管`);
    const up = await double.nth(wang.id, 1);
    expect(up.text).toContain(`【派工单】${number}`);
    expect(up.text).toContain("（李拒单：不在附近）");
    let { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "dispatched", assignee: { name: "王主管" } });
    expect(body.events.map((e: any) => e.type)).toEqual(["ticket.received", "ticket.dispatched", "ticket.refused", "ticket.dispatched"]);

    // the supervisor has nobody above: refusing again leaves the ticket refused, and says so
    double.press(wang, up, "拒单");
    double.press(wang, await double.nth(wang.id, 2), "时间冲突");
    expect((await double.nth(wang.id, 3)).text).toContain("上一级暂时无人可派");
    ({ body } = await svc.admin(`/api/tickets/${number}`));
    expect(body.status).toBe("refused");
    expect(body.events.at(-1).type).toBe("dispatch.exhausted");
  });

  it("nobody able to go: the ticket waits, and why is recorded", async () => {
    const { svc } = await withTechnicians();
    const owner = new Visitor(svc.url);
    await owner.say("9栋1单元101 门锁坏了 13812345678 尽快");
    const filed = await owner.press("确认提交");
    const number = numberIn(filed)!;
    // told honestly, in the same answer
    expect(filed).toContain("目前暂时没有能上门的师傅，服务中心会尽快安排");
    let { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.status).toBe("received");
    expect(body.events.find((e: any) => e.type === "dispatch.none").data.why.join("；")).toContain("没有会「locksmith」的技术员");
    // a locksmith is bound meanwhile: at the dispatch deadline the sweep tries again before chasing anyone
    const sun = { id: 8110, first_name: "孙" };
    await svc.app.db.staff.create({ data: { id: "s-lock", propertyId: "demo", name: "孙师傅", roles: ["technician"], skills: ["locksmith"], buildings: [] } });
    await svc.app.db.staffIdentity.create({ data: { id: "telegram:8110", staffId: "s-lock", channel: "telegram", externalId: String(sun.id) } });
    svc.clock.advance(5);
    await svc.app.scheduler.run("deadlines");
    expect((await double!.nth(sun.id, 1)).text).toContain(`【派工单】${number}`);
    ({ body } = await svc.admin(`/api/tickets/${number}`));
    expect(body).toMatchObject({ status: "dispatched", assignee: { name: "孙师傅" } });
  });

  it("a work order is not someone else's to accept, and an unbound user reaches none", async () => {
    const { svc, double } = await withTechnicians();
    const owner = new Visitor(svc.url);
    await owner.say("5栋1单元302 卫生间马桶堵了 13812345678 尽快");
    await owner.press("确认提交");
    const order = await double.nth(li.id, 1);
    const accept = order.reply_markup.inline_keyboard.flat()[0].callback_data;
    // the same button data, forged in other people's own chats
    const forge = (user: { id: number; first_name: string }) =>
      double.push({
        callback_query: {
          id: `cb-${user.id}`,
          from: { ...user, is_bot: false },
          chat_instance: "ci",
          data: accept,
          message: { message_id: 1, date: 0, chat: { id: user.id, type: "private" }, text: "" },
        },
      });
    forge(zhao);
    expect((await double.nth(zhao.id, 1)).text).toContain("不是派给您的");
    const stranger = { id: 8999, first_name: "路人" };
    forge(stranger);
    expect((await double.nth(stranger.id, 1)).text).toContain("仅限已绑定的物业工作人员");
    const { body } = await svc.admin("/api/tickets?status=dispatched");
    expect(body.tickets).toHaveLength(1);
  });
});

describe("skills per category (policy)", () => {
  it("a job whose description names no skill goes to whoever has the skills the policy gives its category", async () => {
    const { svc, double } = await withTechnicians();
    const { readFileSync, writeFileSync } = await import("node:fs");
    const file = `${svc.dir}/policies/demo.yaml`;
    writeFileSync(file, readFileSync(file, "utf8").replace("  gasHotline:", "  skills: { D: [electrical] }\n  gasHotline:"));
    await svc.app.reloadPolicies();
    const owner = new Visitor(svc.url);
    await owner.say("小区南门的道闸坏了 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    expect((await double.nth(zhao.id, 1)).text).toContain(`【派工单】${number}`);
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.events.find((e: any) => e.type === "ticket.dispatched").data.why.join("；")).toContain("electrical");
  });
});

describe("改约 (a new time agreed with the resident)", () => {
  it("the worker moves the visit; the arrival deadline follows and the resident is told; a time in the past is refused with the reason", async () => {
    const { svc, double } = await withTechnicians();
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 明天上午10点");
    const number = numberIn(await owner.press("确认提交"))!;
    double.press(li, await double.nth(li.id, 1), "接单");
    await double.nth(li.id, 2);
    double.say(li, "改约");
    expect((await double.nth(li.id, 3)).text).toContain("请连同和业主约好的新时间一起发送");
    double.say(li, "改约 昨天下午3点");
    expect((await double.nth(li.id, 4)).text).toContain("已经过去了，请选一个之后的时间");
    double.say(li, "改约 后天下午3点");
    expect((await double.nth(li.id, 5)).text).toContain(`已改约 ${number} 到 11月25日（周三）15:00`);
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "accepted", appointmentAt: "2026-11-25T15:00:00+08:00" });
    expect(body.deadlines.arrive).toBe("2026-11-25T14:55:00+08:00");
    expect(body.nextDue).toBe("2026-11-25T14:55:00+08:00");
    expect(body.events.at(-1)).toMatchObject({ type: "ticket.rescheduled", data: { to: "2026-11-25T07:00:00.000Z" } });
    const history = (await (await fetch(`${svc.url}/api/webchat/messages?visitorId=${owner.id}`)).json()) as { messages: { text: string }[] };
    expect(history.messages.at(-1)!.text).toContain(`李师傅已与您改约，报事 ${number} 改为 11月25日（周三）15:00 上门`);
  });
});

describe("转单 (handing an order over)", () => {
  it("with a reason, the order goes to another worker who can do it, else up to the superior; the resident is told", async () => {
    const { svc, double } = await withSupervisor();
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    double.press(li, await double.nth(li.id, 1), "接单");
    await double.nth(li.id, 2);
    double.say(li, "转单");
    const why = await double.nth(li.id, 3);
    expect(why.text).toContain(`转单 ${number} 的原因`);
    double.press(li, why, "时间冲突");
    // 赵 is an electrician: nobody else can do it, so it climbs
    expect((await double.nth(li.id, 4)).text).toContain(`已转单 ${number}，已交给王主管`);
    expect((await double.nth(team.wang.id, 1)).text).toContain("（李转单：时间冲突）");
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "dispatched", assignee: { name: "王主管" } });
    expect(body.events.slice(-2).map((e: any) => e.type)).toEqual(["ticket.handed_over", "ticket.dispatched"]);
    const a = await svc.app.db.assignment.findMany({ where: { ticket: { number } }, orderBy: [{ offeredAt: "asc" }, { id: "asc" }] });
    expect(a.map((x) => [x.staffId, x.status])).toEqual([
      ["s-li", "handed_over"],
      ["s-wang", "offered"],
    ]);
    const history = (await (await fetch(`${svc.url}/api/webchat/messages?visitorId=${owner.id}`)).json()) as { messages: { text: string }[] };
    expect(history.messages.at(-1)!.text).toContain("改由其他师傅处理");
    // no longer his: a second 转单 finds nothing
    double.say(li, "转单");
    expect((await double.nth(li.id, 5)).text).toContain("没有已接单的工单可以转出");
  });

  it("another plumber on duty takes it over first", async () => {
    const { svc, double } = await withTechnicians();
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    double.press(li, await double.nth(li.id, 1), "接单");
    await double.nth(li.id, 2);
    const qian = { id: 8107, first_name: "钱" };
    await svc.app.db.staff.create({ data: { id: "s-qian", propertyId: "demo", name: "钱", roles: ["technician"], skills: ["plumbing"], buildings: [] } });
    await svc.app.db.staffIdentity.create({ data: { id: "telegram:8107", staffId: "s-qian", channel: "telegram", externalId: String(qian.id) } });
    double.say(li, "转单");
    double.press(li, await double.nth(li.id, 3), "不在附近");
    expect((await double.nth(li.id, 4)).text).toContain(`已转单 ${number}，已交给钱`);
    const order = await double.nth(qian.id, 1);
    expect(order.text).toContain(`【派工单】${number}`);
    expect(order.text).toContain("（李转单：不在附近）");
    double.press(qian, order, "接单");
    expect((await double.nth(qian.id, 2)).text).toContain(`已接单 ${number}`);
  });
});

describe("代报 (a report filed by staff for a resident, 先处理后补单)", () => {
  it("a bound staff member files through the same questions; the ticket is the resident's (by phone), dispatched as usual", async () => {
    const { svc, double } = await withTechnicians();
    await bindTeam(svc, ["wang"]);
    double.say(team.wang, "代报 3栋2单元201 厨房水管漏水，电话13812345678，尽快");
    const confirm = await double.nth(team.wang.id, 1);
    expect(confirm.text).toContain("3栋2单元201");
    double.press(team.wang, confirm, "确认提交");
    const filed = await double.nth(team.wang.id, 2);
    const number = numberIn(filed.text)!;
    expect((await double.nth(li.id, 1)).text).toContain(`【派工单】${number}`);
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "dispatched", channel: "phone", phone: "+8613812345678", room: "3栋2单元201" });
    expect(body.events[0]).toMatchObject({ type: "ticket.received", data: { onBehalfBy: "王主管" } });
    const row = await svc.app.db.ticket.findUniqueOrThrow({ where: { number } });
    expect(row.residentId).toBeNull();
    // the staff member's own chat remembers no resident's room or phone
    expect(await svc.app.db.residentIdentity.count()).toBe(0);
    // without details, the questions follow, as for a resident
    double.say(team.wang, "代报");
    expect((await double.nth(team.wang.id, 3)).text).toMatch(/请.*(问题|情况|什么)/);
    // a resident cannot
    double.say({ id: 5999, first_name: "业主" }, "代报 3栋2单元201 漏水 13812345678");
    expect((await double.nth(5999, 1)).text).toContain("仅限已绑定的物业工作人员");
  });
});

describe("races: one consistent outcome", () => {
  it("a resident cancelling while the technician accepts: both at once, ten times over, and never both a cancel and an acceptance after it", async () => {
    const { svc, double } = await withTechnicians();
    for (let i = 0; i < 10; i++) {
      const owner = new Visitor(svc.url);
      await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
      const number = numberIn(await owner.press("确认提交"))!;
      await double.until(() => double.sentTo(li.id).some((m) => m.text.includes(`【派工单】${number}`)), "the order");
      const order = double.sentTo(li.id).find((m) => m.text.includes(`【派工单】${number}`))!;
      await owner.say("取消报事");
      const before = double.sentTo(li.id).length;
      // the two land together: the resident's confirmation on the web, the press on Telegram
      const [cancelled] = await Promise.all([owner.press("确认取消"), Promise.resolve(double.press(li, order, "接单"))]);
      await double.until(() => double.sentTo(li.id).length > before, "the technician's answer");
      await svc.app.telegram!.flushed();
      const liSaid = double
        .sentTo(li.id)
        .slice(before)
        .map((m) => m.text)
        .join("\n");
      const { body } = await svc.admin(`/api/tickets/${number}`);
      const accepted = body.events.some((e: any) => e.type === "ticket.accepted");
      const cancelledEvent = body.events.findIndex((e: any) => e.type === "ticket.cancelled");
      const acceptedEvent = body.events.findIndex((e: any) => e.type === "ticket.accepted");
      if (body.status === "cancelled") {
        expect(cancelled).toContain("已为您取消");
        // an acceptance, if any, came before the cancel (the resident may cancel until arrival) — never after it
        if (accepted) expect(acceptedEvent).toBeLessThan(cancelledEvent);
        else expect(liSaid).not.toContain(`已接单 ${number}`);
      } else {
        expect(body.status).toBe("accepted");
        expect(cancelled).not.toContain("已为您取消");
        expect(liSaid).toContain(`已接单 ${number}`);
      }
    }
  });

  it("a press on an order whose report was cancelled a moment before: no acceptance, and the technician is told", async () => {
    const { svc, double } = await withTechnicians();
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    const order = await double.nth(li.id, 1);
    await owner.say("取消报事");
    expect(await owner.press("确认取消")).toContain("已为您取消");
    double.press(li, order, "接单");
    expect((await double.nth(li.id, 2)).text).toContain("这条报事已经取消了");
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.status).toBe("cancelled");
    expect(body.events.some((e: any) => e.type === "ticket.accepted")).toBe(false);
  });

  it("the old and the new holder of an order press 接单 together: the one it is offered to wins, the other is told", async () => {
    const { svc, double } = await withSupervisor();
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    const old = await double.nth(li.id, 1);
    svc.clock.advance(10);
    await svc.app.scheduler.run("deadlines");
    const fresh = await double.nth(team.wang.id, 1);
    double.press(li, old, "接单");
    double.press(team.wang, fresh, "接单");
    expect((await double.nth(li.id, 2)).text).toContain("已经处理过了");
    expect((await double.nth(team.wang.id, 2)).text).toContain(`已接单 ${number}`);
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "accepted", assignee: { name: "王主管" } });
    expect(body.events.filter((e: any) => e.type === "ticket.accepted")).toHaveLength(1);
  });
});

describe("staff read dispatch in their own language", () => {
  it("a technician whose language is English gets the work order and its buttons in English", async () => {
    ({ svc, double } = await startWithTelegram({ limits: UNPACED }));
    const res = await fetch(`${svc.url}/api/staff`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Lee", roles: ["technician"], skills: ["plumbing"], lang: "en" }),
    });
    const lee = (await res.json()) as { id: string; lang: string };
    expect(lee.lang).toBe("en");
    await svc.app.db.staffIdentity.create({ data: { id: "telegram:8101", staffId: lee.id, channel: "telegram", externalId: String(li.id) } });
    svc.app.store.forgetWorkforce();
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水了 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    const order = await double.nth(li.id, 1);
    expect(order.text).toContain(`[Work order] ${number}`);
    expect(order.text).toContain("Place: 3栋2单元201");
    expect(order.text).toContain("Visit: as soon as possible");
    expect(order.text).toMatch(/Please accept by Mon 23 Nov 10:10/);
    expect(order.reply_markup.inline_keyboard.flat().map((b: any) => b.text)).toEqual(["Accept", "Refuse"]);
  });
});
