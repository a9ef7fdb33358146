import { describe, expect, it } from "vitest";
import { telegramPerTest, UNPACED } from "../helpers/telegram.js";
import { bindTeam, fileAndAccept, team } from "../helpers/team.js";
import { Visitor } from "../helpers/visitor.js";
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
