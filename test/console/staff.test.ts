import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "../helpers/app.js";
import { adminSend, signIn } from "../helpers/session.js";
import { consoleStaff } from "../helpers/logins.js";
import { telegramPerTest, UNPACED } from "../helpers/telegram.js";

const startService = telegramPerTest();

describe("人员与排班 (staff and roster)", () => {
  it("the API creates with phone and roster, edits only what is given, deactivates; an unknown field is refused", async () => {
    const { svc } = await startService({ limits: UNPACED });
    const roster = { weekly: { mon: ["08:00-12:00", "13:00-17:30"] }, off: ["2026-11-30"] };
    const made = await adminSend(svc, "POST", "/api/staff", { name: "李师傅", roles: ["technician"], skills: ["plumbing"], phone: "13900001111", roster });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ phone: "13900001111", roster });
    const badShift = await adminSend(svc, "PATCH", `/api/staff/${made.body.id}`, { roster: { weekly: { mon: ["8-12"] } } });
    expect(badShift.status).toBe(400);
    expect(badShift.body.error.message).toBe('roster.weekly.mon.0: a shift as "08:00-17:30" (overnight: "22:00-06:00")');
    const edited = await adminSend(svc, "PATCH", `/api/staff/${made.body.id}`, { phone: "13900002222", buildings: ["3"] });
    expect(edited.body).toMatchObject({ name: "李师傅", skills: ["plumbing"], buildings: ["3"], phone: "13900002222", roster });
    expect((await adminSend(svc, "PATCH", `/api/staff/${made.body.id}`, { nickname: "小李" })).body.error.message).toContain("nickname");
    const gone = await adminSend(svc, "DELETE", `/api/staff/${made.body.id}`);
    expect(gone.body.active).toBe(false);
  });

  it("the page shows who is on duty now by the roster; a project manager creates a member with a roster from the form", async () => {
    const { svc } = await startService({ limits: UNPACED });
    const chen = await consoleStaff(svc, { id: "chen", name: "陈经理", roles: ["project_manager"] });
    // Monday 10:00 in Shanghai: inside the morning shift
    const form = {
      name: "赵师傅",
      roles: "technician",
      skills: "electrical, 空调",
      buildings: "5，8",
      phone: "13900003333",
      lang: "zh",
      roster_mon: "08:00-09:00, 13:00-17:30",
      roster_tue: "08:00-17:30",
      roster_off: "2026-12-01",
      roster_extra: "2026-11-29 08:00-12:00",
    };
    const bad = await chen.send("POST", "/console/staff", { ...form, phone: "phone?" }, { form: true });
    expect(bad.status).toBe(422);
    const made = await chen.send("POST", "/console/staff", form, { form: true });
    expect(made.status).toBe(303);
    const zhao = (await adminSend(svc, "GET", "/api/staff")).body.staff.find((s: { name: string }) => s.name === "赵师傅");
    expect(zhao).toMatchObject({
      skills: ["electrical", "空调"],
      buildings: ["5", "8"],
      roster: { weekly: { mon: ["08:00-09:00", "13:00-17:30"], tue: ["08:00-17:30"] }, off: ["2026-12-01"], extra: { "2026-11-29": ["08:00-12:00"] } },
    });
    const page = await chen.get("/console/staff");
    expect(page.text).toMatch(new RegExp(`data-staff="${zhao.id}"[\\s\\S]*?现在不在岗`));
    svc.clock.set("2026-11-23T14:00:00+08:00");
    expect((await chen.get("/console/staff")).text).toMatch(new RegExp(`data-staff="${zhao.id}"[\\s\\S]*?现在在岗`));
    // a project manager may not make an administrator
    expect((await chen.send("POST", "/console/staff", { ...form, name: "钱", roles: "admin" }, { form: true })).status).toBe(422);
  });

  it("a bind code comes with the bot's deep link, and opening it binds the account", async () => {
    const { svc, double } = await startService({ limits: UNPACED });
    const admin = await signIn(svc, "admin", ADMIN_TOKEN);
    await admin.send("POST", "/console/staff", { name: "孙管家", roles: "steward", lang: "zh" }, { form: true });
    const sun = (await adminSend(svc, "GET", "/api/staff")).body.staff[0];
    const r = await admin.send("POST", `/console/staff/${sun.id}/bind-code`, {}, { form: true });
    expect(r.status).toBe(201);
    const page = await admin.get("/console/staff");
    expect(page.status).toBe(200);
    const res = await fetch(`${svc.url}/console/staff/${sun.id}/bind-code`, {
      method: "POST",
      headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: admin.csrf }),
    });
    const link = /https:\/\/t\.me\/sunny_baoshi_bot\?start=bind_([A-Z2-9]{8})/.exec(await res.text())!;
    expect(link).not.toBeNull();
    const user = { id: 8106, first_name: "孙" };
    double.say(user, `/start bind_${link[1]}`);
    expect((await double.nth(user.id, 1)).text).toContain("孙管家");
    expect((await adminSend(svc, "GET", "/api/staff")).body.staff[0].channels).toEqual([{ channel: "telegram", unreachable: false }]);
  });

  it("a deactivated member's session ends at once", async () => {
    const { svc } = await startService({ limits: UNPACED });
    const sun = await consoleStaff(svc, { id: "sun", name: "孙管家", roles: ["steward"] });
    expect((await sun.get("/console")).status).toBe(200);
    await adminSend(svc, "DELETE", "/api/staff/sun");
    expect((await sun.get("/console")).status).toBe(303);
    expect((await sun.get("/api/tickets")).status).toBe(401);
  });
});
