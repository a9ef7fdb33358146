import { describe, expect, it } from "vitest";
import { telegramPerTest, UNPACED } from "../helpers/telegram.js";
import { bindTeam, fileAndAccept, team } from "../helpers/team.js";
import { numberIn, Visitor } from "../helpers/visitor.js";
import { loginAs } from "../helpers/logins.js";

const startService = telegramPerTest();

describe("a move made in the console is told as the same move in chat would be", () => {
  it("hold and resume tell the resident; a cancel tells the resident and the worker holding the order", async () => {
    const { svc, double } = await startService({ limits: UNPACED });
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    const number = await fileAndAccept(double, owner, "3栋2单元201 厨房水管漏水 13812345678 明天上午10点");
    const wang = await loginAs(svc, "s-wang", "wang");
    const seen = async () => (await owner.seen()).map((r) => r.text).join("\n");

    const held = await wang.send("POST", `/console/tickets/${number}/transition`, { to: "on_hold", reason: "等配件" }, { form: true });
    expect(new URLSearchParams(held.location!.split("?")[1]).get("error")).toBeNull();
    expect(await seen()).toContain(`您的报事 ${number} 暂时挂起：等配件`);
    await wang.send("POST", `/console/tickets/${number}/transition`, { to: "accepted" }, { form: true });
    expect(await seen()).toContain(`您的报事 ${number} 已恢复处理`);
    expect((await svc.admin(`/api/tickets/${number}`)).body.status).toBe("accepted");

    await wang.send("POST", `/console/tickets/${number}/transition`, { to: "cancelled", reason: "业主来电取消" }, { form: true });
    expect(await seen()).toContain(`您的报事 ${number} 已由服务中心取消（业主来电取消）`);
    await svc.app.telegram!.flushed();
    expect(double.sentTo(team.li.id).at(-1)!.text).toBe(`【工单取消】${number} 已由服务中心取消（业主来电取消），无需上门。`);
    const events = (await svc.admin(`/api/tickets/${number}`)).body.events.map((e: { type: string; channel: string }) => `${e.type}/${e.channel}`);
    expect(events).toEqual(expect.arrayContaining(["ticket.on_hold/console", "ticket.resumed/console", "ticket.cancelled/console"]));
  });
});

describe("报价 from the ticket page", () => {
  it("a supervisor quotes a paid job outside the fee list; the resident gets it to accept", async () => {
    const { svc } = await startService({ limits: UNPACED });
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 卧室衣柜门坏了 13812345678 明天下午三点");
    const number = numberIn(await owner.press("确认提交"))!;
    const wang = await loginAs(svc, "s-wang", "wang");
    const page = await wang.get(`/console/tickets/${number}`);
    expect(page.text).toContain("报价（不在收费标准内的有偿服务）");
    const bad = await wang.send("POST", `/console/tickets/${number}/quote`, { price: "0", note: "x" }, { form: true });
    expect(new URLSearchParams(bad.location!.split("?")[1]).get("error")).toContain("金额请写 1 到 99999 元");
    const ok = await wang.send("POST", `/console/tickets/${number}/quote`, { price: "200", note: "更换衣柜合页及人工" }, { form: true });
    expect(new URLSearchParams(ok.location!.split("?")[1]).get("ok")).toContain(`已报价 ${number}：200 元（更换衣柜合页及人工）`);
    expect((await owner.seen()).at(-1)!.text).toContain("经主管评估：更换衣柜合页及人工，费用 200 元。请问是否同意？");
    expect((await svc.admin(`/api/tickets/${number}`)).body.status).toBe("on_hold");
    // a steward may not quote
    const sun = await loginAs(svc, "s-sun", "sun");
    expect((await sun.send("POST", `/console/tickets/${number}/quote`, { price: "100" }, { form: true })).status).toBe(403);
  });
});
