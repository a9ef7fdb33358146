import { describe, expect, it } from "vitest";
import { telegramPerTest, UNPACED } from "../../helpers/telegram.js";
import { bindTeam, team } from "../../helpers/team.js";
import { numberIn, Visitor } from "../../helpers/visitor.js";

const startService = telegramPerTest();

describe("a paid job outside the fee catalogue: the supervisor quotes, the resident accepts or declines in chat", () => {
  it("quoted, accepted, then dispatched with the agreed fee on the work order; a declined one is cancelled at no charge", async () => {
    const { svc, double } = await startService({ limits: UNPACED, policy: { warnBefore: "0m" } });
    await bindTeam(svc);
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 卧室衣柜门坏了 13812345678 明天下午三点");
    const filed = await owner.press("确认提交");
    const number = numberIn(filed)!;
    // one account of what happens: a quote first, then the visit at the time asked (not "booked" before the quote)
    expect(filed).toContain(
      "这项维修不在收费标准内，需要先报价：主管会在 11月23日（周一）10:15 前给您报价，您同意后再按您约的 11月24日（周二）15:00 或另约时间上门。",
    );
    expect(filed).not.toContain("已为您预约");
    const ask = await double.nth(team.wang.id, 1);
    expect(ask.text).toContain(`【报价单】${number}`);
    expect(double.sentTo(team.li.id)).toHaveLength(0);
    let { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "received", nextDue: "2026-11-23T10:15:00+08:00" });

    double.say(team.wang, "报价 0 什么");
    expect((await double.nth(team.wang.id, 2)).text).toContain("金额请写 1 到 99999 元");
    double.say(team.wang, "报价 200 更换衣柜合页及人工");
    expect((await double.nth(team.wang.id, 3)).text).toContain(`已报价 ${number}：200 元（更换衣柜合页及人工）`);
    ({ body } = await svc.admin(`/api/tickets/${number}`));
    expect(body).toMatchObject({ status: "on_hold", nextDue: null });
    const quote = (await owner.seen()).at(-1)!;
    expect(quote.text).toContain("经主管评估：更换衣柜合页及人工，费用 200 元。请问是否同意？");

    // only the resident who reported it can answer
    const stranger = new Visitor(svc.url);
    stranger.last = [quote];
    expect(await stranger.press("同意")).toContain("没有找到您的这条报事");
    owner.last = [quote];
    expect(await owner.press("同意")).toContain("已确认费用");
    ({ body } = await svc.admin(`/api/tickets/${number}`));
    expect(body.status).toBe("dispatched");
    const worker = body.assignee.name === "李" ? team.li : team.zhao;
    const order = await double.nth(worker.id, 1);
    expect(order.text).toContain("有偿服务，报价：200 元（更换衣柜合页及人工）（业主已同意）");
    owner.last = [quote];
    expect(await owner.press("不同意")).toContain("已经确认过了");
    const row = await svc.app.db.ticket.findUniqueOrThrow({ where: { number } });
    expect(row).toMatchObject({ quoteFen: 20000, quoteStatus: "accepted" });

    // a second one, declined
    await owner.say("3栋2单元201 阳台晾衣架坏了 13812345678 明天下午三点");
    const second = numberIn(await owner.press("确认提交"))!;
    double.say(team.wang, `报价 ${second} 150 更换晾衣架`);
    await double.nth(team.wang.id, 5);
    owner.last = [(await owner.seen()).at(-1)!];
    expect(await owner.press("不同意")).toContain(`已为您取消报事 ${second}，不会收取任何费用`);
    ({ body } = await svc.admin(`/api/tickets/${second}`));
    expect(body.status).toBe("cancelled");
    expect(body.events.map((e: any) => e.type)).toEqual(["ticket.received", "quote.requested", "quote.offered", "quote.declined"]);
  });
});
