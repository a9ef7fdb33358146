import { describe, expect, it } from "vitest";
import { telegramPerTest, UNPACED } from "../../helpers/telegram.js";
import { bindTeam, team } from "../../helpers/team.js";
import { numberIn, Visitor } from "../../helpers/visitor.js";

const startService = telegramPerTest();

async function fileComplaint(text: string) {
  const { svc, double } = await startService({ limits: UNPACED });
  await bindTeam(svc);
  const owner = new Visitor(svc.url);
  await owner.say(text);
  const number = numberIn(await owner.press("确认提交"))!;
  return { svc, double, owner, number };
}

describe("complaints (投诉): severity picks the first recipient and the deadlines", () => {
  it("a major complaint reaches the general manager at once; taken on and resolved from chat, the resident told at each step", async () => {
    const { svc, double, owner, number } = await fileComplaint("我要投诉，楼道垃圾一直没人管，再不处理我就找媒体曝光，3栋1单元101，电话13600006666");
    const order = await double.nth(team.liu.id, 1);
    expect(order.text).toContain(`【投诉处理单】${number}（重大投诉）`);
    expect(order.reply_markup.inline_keyboard.flat().map((b: any) => b.text)).toEqual(["受理", "拒单"]);
    expect(double.sentTo(team.li.id)).toHaveLength(0);
    let { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "dispatched", severity: "重大", assignee: { name: "刘总" } });
    // "the same day" (seed 002): before the office closes
    expect(body.deadlines).toMatchObject({
      dispatch: "2026-11-23T21:00:00+08:00",
      firstReply: "2026-11-25T10:00:00+08:00",
      resolve: "2026-12-03T10:00:00+08:00",
    });
    expect(body.events.find((e: any) => e.type === "ticket.dispatched").data.why).toEqual(["重大投诉，按规定由刘总受理"]);

    double.press(team.liu, order, "受理");
    expect((await double.nth(team.liu.id, 2)).text).toContain(`已受理 ${number}`);
    expect((await owner.seen()).at(-1)!.text).toContain("已由刘总受理，会在 12月3日（周四）10:00 前处理完毕");
    svc.clock.advance(120);
    double.say(team.liu, "完工 已约谈保洁主管，垃圾已清运并加派人手");
    expect((await double.nth(team.liu.id, 3)).text).toContain(`已记录完工：${number}`);
    ({ body } = await svc.admin(`/api/tickets/${number}`));
    expect(body.status).toBe("completed");
    expect((await owner.seen()).at(-1)!.text).toContain("已由刘总处理完成（已约谈保洁主管");
    // a complaint is important: two callbacks
    expect(await svc.app.db.callback.count({ where: { ticket: { number } } })).toBe(2);
  });

  it("a minor complaint goes to the supervisor; 到场 is not asked of it", async () => {
    const { double, number } = await fileComplaint("楼上天天半夜装修，吵得睡不着，投诉！7栋2单元902 13800002468");
    const order = await double.nth(team.wang.id, 1);
    expect(order.text).toContain(`【投诉处理单】${number}（轻微投诉）`);
    double.press(team.wang, order, "受理");
    await double.nth(team.wang.id, 2);
    double.say(team.wang, "到场");
    expect((await double.nth(team.wang.id, 3)).text).toContain("没有已接单、待到场的工单");
  });
});
