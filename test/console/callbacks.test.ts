import { describe, expect, it } from "vitest";
import { telegramPerTest, UNPACED } from "../helpers/telegram.js";
import { bindTeam, fileAndComplete, team } from "../helpers/team.js";
import { Visitor } from "../helpers/visitor.js";
import { loginAs } from "../helpers/logins.js";

const startService = telegramPerTest();
/** the message a redirect carries back to the page */
const flash = (location: string | null, kind: "ok" | "error") => new URLSearchParams(location!.split("?")[1]).get(kind) ?? "";

describe("the console's 回访 and dispatch reach the same records and chats as chat does", () => {
  it("a steward sees the callback due with the phone to call, records it, and the report closes", async () => {
    const { svc, double } = await startService({ limits: UNPACED });
    await bindTeam(svc);
    const number = await fileAndComplete(svc, double, new Visitor(svc.url), "3栋2单元201 厨房水管漏水 13812345678 尽快");
    const sun = await loginAs(svc, "s-sun", "sun");
    const page = await sun.get("/console/callbacks");
    expect(page.status).toBe(200);
    expect(page.text).toContain(number);
    expect(page.text).toContain('href="tel:13812345678"');
    const id = /action="\/console\/callbacks\/([^"]+)"/.exec(page.text)![1]!;

    const missing = await sun.send("POST", `/console/callbacks/${id}`, { satisfaction: "0", timeliness: "0" }, { form: true });
    expect(flash(missing.location, "error")).toBe("method: pick one of the choices");

    const done = await sun.send(
      "POST",
      `/console/callbacks/${id}`,
      { satisfaction: "0", timeliness: "0", method: "0", comment: "业主说师傅很细心" },
      { form: true },
    );
    expect(done.status).toBe(303);
    expect(flash(done.location, "ok")).toContain(`已记录 ${number} 的回访：满意、及时、电话`);
    const cb = await svc.app.db.callback.findFirstOrThrow({ where: { id } });
    expect(cb).toMatchObject({ status: "done", satisfaction: "满意", timeliness: "及时", method: "phone", comment: "业主说师傅很细心", stewardId: "s-sun" });
    expect((await svc.admin(`/api/tickets/${number}`)).body.status).toBe("closed");
    // recorded once: a second post is refused, and the list no longer shows it
    const again = await sun.send("POST", `/console/callbacks/${id}`, { satisfaction: "2", timeliness: "0", method: "0" }, { form: true });
    expect(flash(again.location, "error")).toBe(`the callback of ${number} was already recorded`);
    expect((await sun.get("/console/callbacks")).text).not.toContain(number);
  });

  it("不满意 recorded in the console reopens the report and tells the assignee's superior in chat", async () => {
    const { svc, double } = await startService({ limits: UNPACED });
    await bindTeam(svc);
    const number = await fileAndComplete(svc, double, new Visitor(svc.url), "3栋2单元201 厨房水管漏水 13812345678 尽快");
    const sun = await loginAs(svc, "s-sun", "sun");
    const id = /action="\/console\/callbacks\/([^"]+)"/.exec((await sun.get("/console/callbacks")).text)![1]!;
    await sun.send("POST", `/console/callbacks/${id}`, { satisfaction: "2", timeliness: "2", method: "0", comment: "还在漏" }, { form: true });
    expect((await svc.admin(`/api/tickets/${number}`)).body.status).toBe("reopened");
    await svc.app.telegram!.flushed();
    const told = double.sentTo(team.wang.id).map((m: { text: string }) => m.text);
    expect(told.some((t: string) => t.includes(number) && t.includes("还在漏"))).toBe(true);
  });

  it("assigning from the ticket page sends the work order to the worker's chat, and the timeline says who did it", async () => {
    const { svc, double } = await startService({ limits: UNPACED });
    await bindTeam(svc, ["wang", "zhao", "sun"]);
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 明天上午10点");
    const number = /BS\d{8}-\d{4}/.exec(await owner.press("确认提交"))![0];
    // nobody with plumbing: it waits for the office
    expect((await svc.admin(`/api/tickets/${number}`)).body.status).toBe("received");
    const wang = await loginAs(svc, "s-wang", "wang");
    const page = await wang.get(`/console/tickets/${number}`);
    expect(page.text).toMatch(/<option value="s-zhao">赵 · 在办 0 · 在岗<\/option>/);
    const r = await wang.send("POST", `/console/tickets/${number}/assign`, { staffId: "s-zhao" }, { form: true });
    expect(r.status).toBe(303);
    const order = await double.nth(team.zhao.id, 1);
    expect(order.text).toContain(number);
    expect(order.reply_markup.inline_keyboard.flat().map((b: { text: string }) => b.text)).toContain("接单");
    const after = await wang.get(`/console/tickets/${number}`);
    expect(after.text).toMatch(/<strong>派工<\/strong>\s*<span class="muted">由 王主管 · 经工作台<\/span>/);
    // a steward may not dispatch: the form is not offered, and the route refuses
    const sun = await loginAs(svc, "s-sun", "sun");
    expect((await sun.get(`/console/tickets/${number}`)).text).not.toContain("/assign");
    expect((await sun.send("POST", `/console/tickets/${number}/assign`, { staffId: "s-zhao" }, { form: true })).status).toBe(403);
  });
});
