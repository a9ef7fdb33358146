import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startApp, type RunningApp } from "../helpers/app.js";
import { adminSend, signIn, type Signed } from "../helpers/session.js";
import { consoleStaff } from "../helpers/logins.js";

let svc: RunningApp;
let sun: Signed;
beforeAll(async () => {
  svc = await startApp({ alsoProperties: [{ id: "east", name: "东湖苑" }] });
  sun = await consoleStaff(svc, { id: "sun", name: "孙管家", roles: ["steward"] });
});
afterAll(async () => {
  await svc.destroy();
});

const form = async (who: Signed, fields: Record<string, string>) => {
  const res = await fetch(`${svc.url}/console/frontdesk`, {
    method: "POST",
    headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: who.csrf, ...fields }),
  });
  return { status: res.status, html: await res.text() };
};
const fieldValue = (html: string, name: string) =>
  new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^<]*)`).exec(html)?.[1];

describe("前台登记 (the front desk)", () => {
  it("reads a resident's own words into the fields as chat does, and registers the walk-in under the steward's name", async () => {
    const words = "我是5栋1单元302的，客厅灯不亮了，电话13900005555，后天上午十点来";
    const read = await form(sun, { step: "read", words, channel: "walk-in" });
    expect(read.status).toBe(200);
    expect(fieldValue(read.html, "place")).toBe("5栋1单元302");
    expect(fieldValue(read.html, "phone")).toBe("13900005555");
    expect(fieldValue(read.html, "description")).toBe("客厅灯不亮了");
    expect(fieldValue(read.html, "appointment")).toBe("11月25日（周三）10:00");
    expect(read.html).toContain('value="walk-in" checked');

    const fields = Object.fromEntries(["place", "phone", "description", "appointment"].map((k) => [k, fieldValue(read.html, k)!]));
    const filed = await form(sun, { step: "file", words, channel: "walk-in", ...fields });
    expect(filed.status).toBe(201);
    const number = /已登记，单号 (BS\d{8}-\d{4})/.exec(filed.html)![1]!;
    const t = (await adminSend(svc, "GET", `/api/tickets/${number}`)).body;
    expect(t).toMatchObject({ channel: "walk-in", room: "5栋1单元302", phone: "+8613900005555", appointmentAt: "2026-11-25T10:00:00+08:00", said: words });
    expect(t.events[0]).toMatchObject({ type: "ticket.received", actor: "sun", channel: "walk-in", data: { registeredBy: "孙管家" } });
  });

  it("refuses a phone with the reason chat gives, beside the field, keeping what was typed; then takes a good one", async () => {
    const fields = { step: "file", channel: "phone", place: "3栋2单元201", description: "厨房水管漏水", appointment: "明天下午三点" };
    const bad = await form(sun, { ...fields, phone: "1381234567" });
    expect(bad.status).toBe(422);
    expect(bad.html).toMatch(/<input id="d-phone" name="phone" aria-invalid="true"/);
    expect(bad.html).toContain("手机号应为 11 位，您发的是 10 位");
    expect(fieldValue(bad.html, "place")).toBe("3栋2单元201");
    const good = await form(sun, { ...fields, phone: "13812345678" });
    expect(good.status).toBe(201);
    expect(good.html).toMatch(/已登记，单号 BS\d{8}-\d{4}/);
  });

  it("POST /api/tickets: 201 with the ticket, 422 with the field and reason; the same for a past time and an empty field", async () => {
    const admin = await signIn(svc, "admin", ADMIN_TOKEN);
    const base = { channel: "walk_in", place: "3栋2单元201", phone: "13812345678", description: "卫生间漏水" };
    const past = await admin.send("POST", "/api/tickets", { ...base, appointment: "昨天上午10点" });
    expect(past.status).toBe(422);
    expect(past.body.error).toMatchObject({ field: "appointment", message: "appointment: 11月22日（周日）10:00 已经过去了，请选一个之后的时间" });
    const empty = await admin.send("POST", "/api/tickets", { ...base, phone: "" });
    expect(empty.body.error).toMatchObject({ field: "phone", message: "phone: 请填写联系电话" });
    const unknown = await admin.send("POST", "/api/tickets", { ...base, urgent: true });
    expect(unknown.status).toBe(400);
    const ok = await admin.send("POST", "/api/tickets", { ...base, appointment: "明天上午9点" });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ channel: "walk-in", status: "received", appointmentAt: "2026-11-24T09:00:00+08:00" });
    expect(ok.body.told).toContain(ok.body.number);
  });

  it("a steward cannot register at another property; a technician not at all", async () => {
    const other = await sun.send("POST", "/api/tickets", {
      property: "east",
      channel: "phone",
      place: "1栋101",
      phone: "13812345678",
      description: "漏水",
      appointment: "明天上午9点",
    });
    expect(other.status).toBe(422);
    expect(other.body.error.field).toBe("propertyId");
    const li = await consoleStaff(svc, { id: "li", name: "李", roles: ["technician"] });
    expect((await li.get("/console/frontdesk")).status).toBe(403);
    expect((await li.send("POST", "/api/tickets", { channel: "phone" })).status).toBe(403);
  });
});
