import { describe, expect, it } from "vitest";
import { BotApiDouble } from "../helpers/bot-api-double.js";
import { owner, telegramPerTest, UNPACED } from "../helpers/telegram.js";
import { consoleStaff } from "../helpers/logins.js";

const startService = telegramPerTest();

describe("a report's photos on the ticket page", () => {
  it("a photo sent on Telegram is shown, fetched through the bot; only to those who may read the ticket", async () => {
    const { svc, double } = await startService({ limits: UNPACED });
    double.sendPhoto(owner, "3栋2单元201 卫生间天花板渗水 13812345678 尽快");
    double.press(owner, await double.nth(owner.id, 1), "确认提交");
    await double.nth(owner.id, 2);
    const sun = await consoleStaff(svc, { id: "sun", name: "孙管家", roles: ["steward"] });
    const page = await sun.get("/console/tickets/BS20261123-0001");
    expect(page.text).toContain('<img src="/console/tickets/BS20261123-0001/files/0" alt="照片和附件 1">');
    const res = await fetch(`${svc.url}/console/tickets/BS20261123-0001/files/0`, { headers: { cookie: sun.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await res.arrayBuffer()).equals(BotApiDouble.PNG)).toBe(true);
    expect(double.callsOf("getFile").map((c) => c.body.file_id)).toEqual(["big-1"]);
    // no such attachment, and a technician the order was never offered to
    expect((await sun.get("/console/tickets/BS20261123-0001/files/1")).status).toBe(404);
    const li = await consoleStaff(svc, { id: "li", name: "李", roles: ["technician"] });
    expect((await li.get("/console/tickets/BS20261123-0001/files/0")).status).toBe(404);
    expect((await fetch(`${svc.url}/console/tickets/BS20261123-0001/files/0`, { redirect: "manual" })).status).toBe(303);
  });
});
