import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, type RunningApp } from "../helpers/app.js";
import type { BotApiDouble } from "../helpers/bot-api-double.js";
import { startWithTelegram } from "../helpers/telegram.js";
import { numberIn, Visitor } from "../helpers/visitor.js";

let svc: RunningApp | undefined;
let double: BotApiDouble | undefined;
afterEach(async () => {
  await svc?.destroy();
  await double?.stop();
  svc = double = undefined;
});

const post = (path: string, body: unknown) =>
  fetch(svc!.url + path, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

async function fileOne() {
  const owner = new Visitor(svc!.url);
  await owner.say("9栋1单元101 门锁坏了 13812345678 尽快");
  return numberIn(await owner.press("确认提交"))!;
}

describe("steward actions on a ticket (admin API)", () => {
  it("a transition goes through the state machine: illegal moves are refused with the reason", async () => {
    ({ svc, double } = await startWithTelegram());
    const number = await fileOne();
    const illegal = await post(`/api/tickets/${number}/transition`, { to: "completed" });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.message).toContain("不能改为「已完工，待回访」");
    expect((await post(`/api/tickets/${number}/transition`, { to: "cancelled", reason: "业主电话取消" })).status).toBe(200);
    const after = await post(`/api/tickets/${number}/transition`, { to: "dispatched" });
    expect(after.body.error.message).toContain("已经取消");
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.status).toBe("cancelled");
    expect(body.events.at(-1)).toMatchObject({ type: "ticket.cancelled", actor: "admin", data: { from: "received", reason: "业主电话取消" } });
    expect((await post(`/api/tickets/${number}/transition`, { to: "lost" })).status).toBe(400);
  });

  it("each expected failure has its status and stable code", async () => {
    ({ svc, double } = await startWithTelegram());
    const number = await fileOne();
    expect(await post(`/api/tickets/BS20991231-9999/transition`, { to: "cancelled" })).toMatchObject({
      status: 404,
      body: { error: { code: "ticket_not_found" } },
    });
    expect(await post(`/api/tickets/${number}/transition`, { to: "completed" })).toMatchObject({
      status: 409,
      body: { error: { code: "illegal_transition" } },
    });
    expect(await post(`/api/tickets/${number}/transition`, { to: "on_hold" })).toMatchObject({ status: 400, body: { error: { code: "reason_required" } } });
    expect(await post(`/api/tickets/${number}/assign`, { staffId: "nobody" })).toMatchObject({ status: 400, body: { error: { code: "unknown_staff" } } });
    // nothing of them was written
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body.status).toBe("received");
    expect(body.events.map((e: { actor: string }) => e.actor)).not.toContain("admin");
  });

  it("manual dispatch sends the work order to the chosen staff member's chat", async () => {
    ({ svc, double } = await startWithTelegram());
    await svc.app.db.staff.create({ data: { id: "s-sun", propertyId: "demo", name: "孙师傅", roles: ["technician"], skills: ["locksmith"], buildings: [] } });
    const number = await fileOne();
    // 孙 was not bound when the report came in, so it waited; now he is, and the steward assigns it
    await svc.app.db.staffIdentity.create({ data: { id: "telegram:8301", staffId: "s-sun", channel: "telegram", externalId: "8301" } });
    const r = await post(`/api/tickets/${number}/assign`, { staffId: "s-sun", by: "王管家" });
    expect(r.body).toMatchObject({ status: "dispatched", assignee: { name: "孙师傅" }, notified: true });
    const order = await double.nth(8301, 1);
    expect(order.text).toContain(`【派工单】${number}`);
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(body).toMatchObject({ status: "dispatched", assignee: { name: "孙师傅" } });
    expect(body.events.at(-1).data.why).toEqual(["人工派单（王管家）"]);
    expect((await post(`/api/tickets/${number}/assign`, { staffId: "nobody" })).status).toBe(400);
  });
});
