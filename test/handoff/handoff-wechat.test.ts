import { afterEach, describe, expect, it } from "vitest";
import { startWithWechat } from "../helpers/wechat.js";

let running: Awaited<ReturnType<typeof startWithWechat>> | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe("转人工 on WeChat", () => {
  it("a resident and a steward both on WeChat: 接入 typed, both ways in order, 结束, the rating by number", async () => {
    running = await startWithWechat();
    const { svc } = running;
    const steward = running.user("孙管家");
    await svc.app.db.staff.create({ data: { id: "s-sun", propertyId: "demo", name: "孙管家", roles: ["steward"], skills: [], buildings: [] } });
    await svc.app.db.staffIdentity.create({
      data: { id: `wechat:${steward.contact.id}`, staffId: "s-sun", channel: "wechat", externalId: steward.contact.id },
    });
    svc.app.store.forgetWorkforce();
    const owner = running.user("业主老王");
    owner.say("转人工");
    expect(await owner.nth(1)).toContain("正在为您转接人工");
    const alert = await steward.nth(1);
    expect(alert).toContain("【转人工 #1】业主老王（微信，未留电话）请求人工服务");
    expect(alert).toContain("回复「接入 1」");
    steward.say("接入 1");
    expect(await steward.nth(2)).toContain("已接入 #1");
    expect(await owner.nth(2)).toContain("您好，我是孙管家");
    owner.say("我家楼上装修太吵了");
    expect(await steward.nth(3)).toBe("【#1 业主老王（微信，未留电话）】我家楼上装修太吵了");
    steward.say("我去跟楼上说一下");
    steward.say("一会儿给您回话");
    expect(await owner.nth(3)).toBe("孙管家：我去跟楼上说一下");
    expect(await owner.nth(4)).toBe("孙管家：一会儿给您回话");
    steward.say("结束");
    expect(await steward.nth(4)).toBe("已结束 #1，住户会收到评价邀请。");
    const ask = await owner.nth(5);
    expect(ask).toContain("请为这次服务打个分");
    expect(ask).toMatch(/回复 1 满意，2 基本满意，3 不满意$/);
    // no number answers the steward's message on this chat: the rating is typed
    owner.say("满意");
    expect(await owner.nth(6)).toContain("谢谢您的评价");
    expect((await svc.app.db.handoff.findFirstOrThrow()).rating).toBe("满意");
  });
});
