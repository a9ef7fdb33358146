import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startApp, type RunningApp } from "../helpers/app.js";
import { Visitor } from "../helpers/visitor.js";

let svc: RunningApp;
beforeEach(async () => {
  svc = await startApp();
});
afterEach(async () => {
  await svc.destroy();
});

const adminPost = async (path: string, body: unknown) => {
  const res = await fetch(svc.url + path, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};

describe("staff accounts and binding a chat account", () => {
  it("an admin creates staff, issues a one-time code, and the staff member binds with it", async () => {
    const boss = await adminPost("/api/staff", { name: "王主管", roles: ["supervisor"] });
    expect(boss.status).toBe(201);
    const tech = await adminPost("/api/staff", {
      name: "李师傅",
      roles: ["technician"],
      skills: ["plumbing"],
      buildings: ["3", "5"],
      superiorId: boss.body.id,
    });
    expect(tech.body).toMatchObject({ name: "李师傅", roles: ["technician"], skills: ["plumbing"], buildings: ["3", "5"], superiorId: boss.body.id });

    const { body: code } = await adminPost(`/api/staff/${tech.body.id}/bind-code`, {});
    expect(code.code).toMatch(/^[A-Z2-9]{8}$/);
    // in the property's zone, like every other time the API shows
    expect(code.expiresAt).toBe("2026-11-24T10:00:00+08:00");

    const li = new Visitor(svc.url);
    expect(await li.say("我的工单")).toContain("仅限已绑定的物业工作人员");
    expect(await li.say("/bind WRONG123")).toContain("绑定码无效或已过期");
    expect(await li.say(`绑定 ${code.code.toLowerCase()}`)).toContain("绑定成功，李师傅");
    expect(await li.say("我的工单")).toContain("李师傅，您目前没有待处理的工单");

    const other = new Visitor(svc.url);
    expect(await other.say(`/bind ${code.code}`)).toContain("绑定码无效或已过期");
    expect(await other.say("到场")).toContain("仅限已绑定的物业工作人员");

    const { body } = await svc.admin("/api/staff");
    expect(body.staff.find((s: any) => s.name === "李师傅").channels).toEqual([{ channel: "web", unreachable: false }]);
    expect(await svc.app.db.event.count({ where: { type: "staff.bound" } })).toBe(1);
  });

  it("a code expires after 24 hours", async () => {
    const tech = await adminPost("/api/staff", { name: "赵师傅", roles: ["technician"] });
    const { body: code } = await adminPost(`/api/staff/${tech.body.id}/bind-code`, {});
    svc.clock.advance(24 * 60 + 1);
    expect(await new Visitor(svc.url).say(`/bind ${code.code}`)).toContain("绑定码无效或已过期");
  });

  it("says what is wrong with a staff request", async () => {
    expect((await adminPost("/api/staff", { name: "", roles: ["technician"] })).body.error.message).toMatch(/^name/);
    expect((await adminPost("/api/staff", { name: "钱", roles: ["boss"] })).body.error.message).toMatch(/^roles\.0/);
    expect((await adminPost("/api/staff", { name: "钱", roles: ["technician"], superiorId: "nobody" })).body.error.message).toMatch(/^superiorId/);
    expect((await adminPost("/api/staff/nobody/bind-code", {})).status).toBe(404);
    expect((await fetch(`${svc.url}/api/staff`)).status).toBe(401);
  });
});
