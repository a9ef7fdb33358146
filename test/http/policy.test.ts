import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startApp, type RunningApp } from "../helpers/app.js";
import { Visitor } from "../helpers/visitor.js";

let svc: RunningApp | undefined;
afterEach(async () => {
  await svc?.destroy();
  svc = undefined;
});

const policyFile = (hours: string, extra = "") => `name: 阳光花园
policy:
  serviceHours: { start: "${hours.split("-")[0]}", end: "${hours.split("-")[1]}" }
  deadlines:
    callback: ${extra || "24h"}
`;

/** a service whose policies folder holds the given demo.yaml */
async function withPolicy(text: string) {
  const dir = mkdtempSync(join(tmpdir(), "baoshi-test-"));
  mkdirSync(join(dir, "policies"));
  writeFileSync(join(dir, "policies", "demo.yaml"), text);
  return startApp({ dir });
}

async function askForTime(when: string): Promise<string> {
  const owner = new Visitor(svc!.url);
  await owner.say("3栋2单元201 厨房漏水 13812345678");
  return owner.say(when);
}

describe("a property's policy file", () => {
  it("sets what the service does: here, its service hours", async () => {
    svc = await withPolicy(policyFile("09:00-18:00"));
    expect(await askForTime("明天晚上7点")).toContain("上门服务时间是每天 09:00–18:00");
    expect(await askForTime("明天上午10点")).toContain("请您核对");
  });

  it("a broken file is refused with its line and reason, and the last good policy keeps serving", async () => {
    svc = await withPolicy(policyFile("09:00-18:00"));
    writeFileSync(join(svc.dir, "policies", "demo.yaml"), policyFile("07:00-23:00", "soon"));
    await svc.app.reloadPolicies();
    const refused = svc.logs.find((l) => l.includes("policy refused"));
    expect(refused).toMatch(/demo\.yaml:5: policy\.deadlines\.callback: \\"soon\\" is not a duration/);
    expect(refused).toContain("the last good policy keeps serving");
    expect(await askForTime("明天晚上7点")).toContain("09:00–18:00");

    writeFileSync(join(svc.dir, "policies", "demo.yaml"), "name: 阳光花园\npolicy:\n  serviceHours: { start: 07:00\n");
    await svc.app.reloadPolicies();
    expect(svc.logs.filter((l) => l.includes("policy refused")).at(-1)).toMatch(/demo\.yaml:\d+: /);

    writeFileSync(join(svc.dir, "policies", "demo.yaml"), policyFile("07:00-23:00"));
    await svc.app.reloadPolicies();
    expect(await askForTime("明天晚上7点")).toContain("请您核对");
  });

  it("the admin API sets a policy: refused with the reason, or applied at once and written to the file", async () => {
    svc = await startApp();
    const put = (body: unknown) =>
      fetch(`${svc!.url}/api/properties/demo/policy`, {
        method: "PUT",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const bad = await put({ policy: { serviceHours: { start: "25:00", end: "18:00" } } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toMatch(/^policy\.serviceHours\.start: write a time of day as HH:MM/);
    expect((await put({ policy: { timezone: "Mars/Olympus" } })).status).toBe(400);

    const ok = await put({ policy: { serviceHours: { start: "09:00", end: "18:00" }, deadlines: { callback: "2 working days" } } });
    expect(ok.status).toBe(200);
    expect(await askForTime("明天晚上7点")).toContain("09:00–18:00");
    expect(readFileSync(join(svc.dir, "policies", "demo.yaml"), "utf8")).toContain("callback: 2 working days");
    expect((await svc.admin("/api/properties")).body.properties[0]).toMatchObject({ id: "demo", name: "阳光花园" });
  });
});
