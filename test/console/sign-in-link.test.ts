import { describe, expect, it } from "vitest";
import { telegramPerTest, UNPACED } from "../helpers/telegram.js";
import { bindTeam, team } from "../helpers/team.js";
import { asSigned } from "../helpers/session.js";

const startService = telegramPerTest();

describe("登录: a sign-in link asked for in chat", () => {
  it("a bound staff member gets a link valid 10 minutes, once; an unbound user is told it is for staff", async () => {
    const { svc, double } = await startService({ limits: UNPACED });
    await bindTeam(svc, ["sun"]);
    double.say(team.sun, "登录");
    const reply = (await double.nth(team.sun.id, 1)).text as string;
    expect(reply).toContain("孙管家，这是您的工作台登录链接，10 分钟内有效，只能用一次");
    const link = /http:\/\/localhost:3000(\/console\/link\?t=\S+)/.exec(reply)![1]!;

    const used = await fetch(svc.url + link, { redirect: "manual" });
    expect(used.status).toBe(303);
    const cookie = /baoshi_session=[^;]+/.exec(used.headers.get("set-cookie") ?? "")![0];
    const sun = asSigned(svc, cookie, "");
    expect((await sun.get("/api/session")).body).toMatchObject({ name: "孙管家", roles: ["steward"] });

    const again = await fetch(svc.url + link, { redirect: "manual" });
    expect(again.status).toBe(401);
    expect(await again.text()).toContain("这个登录链接已经用过了");

    double.say(team.sun, "登录");
    const late = /http:\/\/localhost:3000(\/console\/link\?t=\S+)/.exec((await double.nth(team.sun.id, 2)).text)![1]!;
    svc.clock.advance(11);
    const expired = await fetch(svc.url + late, { redirect: "manual" });
    expect(await expired.text()).toContain("登录链接已过期");

    const forged = await fetch(`${svc.url}${late.replace(/.$/, (c) => (c === "A" ? "B" : "A"))}`, { redirect: "manual" });
    expect(await forged.text()).toContain("登录链接无效");

    const stranger = { id: 9001, first_name: "路人" };
    double.say(stranger, "登录");
    expect((await double.nth(stranger.id, 1)).text).not.toContain("/console/link");
  });
});
