import { describe, expect, it } from "vitest";
import { startApp } from "../helpers/app.js";
import { numberIn, Visitor } from "../helpers/visitor.js";

describe("privacy", () => {
  it("residents' phone numbers never appear in full in the logs, in fields or inside message text", async () => {
    const svc = await startApp();
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 电话 138 1234 5678 明天下午3点");
    await owner.press("修改");
    await owner.press("改联系电话");
    await owner.say("0571-88886666");
    const number = numberIn(await owner.press("确认提交"))!;
    expect(number).toBeDefined();
    const logs = svc.logs.join("");
    expect(logs).toContain("inbound");
    expect(logs).toContain("ticket.received");
    for (const digits of ["13812345678", "138 1234 5678", "8613812345678", "88886666", "057188886666"]) expect(logs).not.toContain(digits);
    expect(logs).toContain("138****5678");
    await svc.destroy();
  });

  it("every log record is one JSON line", async () => {
    const svc = await startApp();
    await new Visitor(svc.url).say("你好");
    for (const line of svc.logs.join("").trim().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
    await svc.destroy();
  });
});
