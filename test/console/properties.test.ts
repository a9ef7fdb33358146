import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app.js";
import { consoleStaff } from "../helpers/logins.js";
import type { Signed } from "../helpers/session.js";
import { Visitor } from "../helpers/visitor.js";

let svc: RunningApp;
let chen: Signed;
beforeAll(async () => {
  svc = await startApp({ alsoProperties: [{ id: "east", name: "东湖苑" }] });
  chen = await consoleStaff(svc, { id: "chen", name: "陈经理", roles: ["project_manager"] });
  // a comment written by hand in the file, which editing in the console must keep
  const file = join(svc.dir, "policies", "demo.yaml");
  writeFileSync(file, `# 阳光花园：物业服务中心的设置\n${readFileSync(file, "utf8")}`);
});
afterAll(async () => {
  await svc.destroy();
});
const textarea = (html: string, name: string) =>
  new RegExp(`<textarea id="${name}" name="${name}"[^>]*>([\\s\\S]*?)</textarea>`)
    .exec(html)![1]!
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

describe("物业项目 (properties)", () => {
  it("shows the policy readably; a broken edit is refused with the validator's error at its line; a good one takes effect at once", async () => {
    const list = await chen.get("/console/properties");
    expect(list.text).toContain("08:00–21:00");
    expect(list.text).toContain("维修工 → 主管 → 项目经理 → 总经理");
    expect(list.text).not.toContain("东湖苑");

    const yaml = textarea((await chen.get("/console/properties/demo")).text, "yaml");
    expect(yaml).toContain("# 阳光花园：物业服务中心的设置");
    const broken = yaml.replace(/end: "?21:00"?/, "end: 25:00");
    const line = broken.split("\n").findIndex((l) => l.includes("25:00")) + 1;
    const refused = await chen.send("POST", "/console/properties/demo", { yaml: broken }, { form: true });
    expect(refused.status).toBe(422);
    const page = await chen.get("/console/properties/demo");
    expect(page.status).toBe(200);
    const html = await (
      await fetch(`${svc.url}/console/properties/demo`, {
        method: "POST",
        headers: { cookie: chen.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: chen.csrf, yaml: broken }),
      })
    ).text();
    expect(html).toContain(`第 ${line} 行：policy.serviceHours.end`);
    expect(html).toMatch(new RegExp(`class="bad-line"[^>]*>\\s*${line}  .*25:00`));
    // nothing of the broken text was kept
    expect(readFileSync(join(svc.dir, "policies", "demo.yaml"), "utf8")).not.toContain("25:00");

    const good = yaml.replace(/end: "?21:00"?/, 'end: "20:00"');
    const saved = await chen.send("POST", "/console/properties/demo", { yaml: good }, { form: true });
    expect(saved.status).toBe(303);
    expect(readFileSync(join(svc.dir, "policies", "demo.yaml"), "utf8")).toContain('end: "20:00"');
    expect((await chen.get("/console/properties")).text).toContain("08:00–20:00");
    // in effect at once: a visit at 20:30 is now outside service hours
    const v = new Visitor(svc.url);
    const r = await v.say("3栋2单元201 厨房水管漏水了，电话13812345678，明天晚上8点半");
    expect(r).toContain("20:00");
  });

  it("the answered questions are edited on their own; the resident is answered with the new wording", async () => {
    const page = await chen.get("/console/properties/demo");
    const faq = textarea(page.text, "faq");
    expect(faq).toContain("物业费");
    const more = `${faq}- keywords: [快递, 包裹]\n  answer: 快递请到南门快递柜领取，大件放在服务中心。\n`;
    expect((await chen.send("POST", "/console/properties/demo/faq", { faq: more }, { form: true })).status).toBe(303);
    const v = new Visitor(svc.url);
    expect(await v.say("快递放哪里了？")).toContain("快递请到南门快递柜领取");
    // the file keeps its comments
    expect(readFileSync(join(svc.dir, "policies", "demo.yaml"), "utf8")).toContain("# 阳光花园：物业服务中心的设置");
    const bad = await chen.send("POST", "/console/properties/demo/faq", { faq: "- keywords: 快递\n  answer: x\n" }, { form: true });
    expect(bad.status).toBe(422);
  });

  it("a steward reads the properties but may not edit; another property is not found", async () => {
    const sun = await consoleStaff(svc, { id: "sun", name: "孙管家", roles: ["steward"] });
    expect((await sun.get("/console/properties")).status).toBe(200);
    expect((await sun.get("/console/properties/demo")).status).toBe(403);
    expect((await chen.get("/console/properties/east")).status).toBe(404);
    expect((await chen.send("POST", "/console/properties/east", { yaml: "name: x" }, { form: true })).status).toBe(404);
  });
});
