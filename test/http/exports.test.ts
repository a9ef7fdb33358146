import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, type RunningApp } from "../helpers/app.js";
import { TestClock } from "../helpers/clock.js";
import { consoleStaff, numbersOn } from "../helpers/logins.js";
import { telegramPerTest, UNPACED } from "../helpers/telegram.js";
import { bindTeam, fileAndComplete } from "../helpers/team.js";
import { Visitor } from "../helpers/visitor.js";

const startService = telegramPerTest();
const at = (local: string) => new Date(`${local}+08:00`);

async function download(svc: RunningApp, path: string, cookie?: string) {
  const res = await fetch(svc.url + path, { headers: cookie ? { cookie } : { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    disposition: res.headers.get("content-disposition"),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

async function sheetOf(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return { name: ws.name, rows };
}

describe("the seeds' registers as spreadsheets", () => {
  it("XLSX and CSV read back: the seed's titles, the zone in the header, one row a report, phones masked for a reading manager, the board's filters", async () => {
    // 10:00 on 1 December in Shanghai is 02:00 UTC: the register shows the property's clock
    const { svc, double } = await startService({ limits: UNPACED, clock: new TestClock(at("2026-12-01T10:00:00")) });
    await bindTeam(svc);
    const leak = await fileAndComplete(svc, double, new Visitor(svc.url, "visitor-1"), "3栋2单元201 厨房水管漏水 13812345678 尽快", 30);
    const owner = new Visitor(svc.url, "visitor-2");
    await owner.say("5栋1单元302 客厅灯不亮 13812345679 明天上午10点");
    expect(await owner.press("确认提交")).toMatch(/BS\d{8}-\d{4}/);

    const x = await download(svc, "/api/exports/reports.xlsx?from=2026-12-01&to=2026-12-01");
    expect(x.status).toBe(200);
    expect(x.type).toContain("spreadsheetml");
    expect(x.disposition).toContain(encodeURIComponent("客户报事登记表"));
    const book = await sheetOf(x.bytes);
    expect(book.name).toBe("客户报事登记表");
    expect(String(book.rows[0]![0])).toContain("时间为 Asia/Shanghai");
    const titles = book.rows[1]!;
    expect(titles.slice(0, 6)).toEqual(["报事编号", "报事日期时间（Asia/Shanghai）", "房号", "姓名", "联系电话", "报事内容"]);
    expect(titles).toContain("登记人");
    expect(titles).toContain("处理结果");
    expect(book.rows).toHaveLength(2 + 2);
    const row = book.rows.find((r) => r[0] === leak)!;
    const cell = (title: string) => row[titles.indexOf(title)];
    expect(cell("报事日期时间（Asia/Shanghai）")).toBe("2026-12-01 10:00");
    expect(cell("房号")).toBe("3栋2单元201");
    expect(cell("联系电话")).toBe("13812345678");
    expect(cell("报事内容")).toContain("厨房水管漏水");
    expect(cell("报事类别")).toBe("A 特约维修");
    expect(cell("登记人")).toBe("住户自报");
    expect(cell("处理人")).toBe("李");
    expect(cell("处理时间（Asia/Shanghai）")).toBe("2026-12-01 10:30");
    expect(String(cell("处理结果"))).toContain("更换阀门");

    // the board's filters: a building exports only its tickets; another day none
    const building3 = await sheetOf((await download(svc, "/api/exports/reports.xlsx?building=3栋")).bytes);
    expect(building3.rows.slice(2).map((r) => r[0])).toEqual([leak]);
    expect((await sheetOf((await download(svc, "/api/exports/reports.xlsx?from=2026-11-30&to=2026-11-30")).bytes)).rows).toHaveLength(2);

    // the work order register: one row an order
    const orders = await sheetOf((await download(svc, "/api/exports/orders.xlsx")).bytes);
    expect(orders.name).toBe("派工单");
    const ot = orders.rows[1]!;
    const leakOrder = orders.rows.find((r) => r[0] === leak)!;
    expect(leakOrder[ot.indexOf("接单人")]).toBe("李");
    expect(leakOrder[ot.indexOf("接单情况")]).toBe("已接单");
    expect(leakOrder[ot.indexOf("处理情况")]).toBe("更换阀门");
    expect(orders.rows).toHaveLength(2 + (await svc.app.db.assignment.count()));

    // CSV: a BOM so Excel shows Chinese, the titles first, a line a report
    const c = await download(svc, "/api/exports/reports.csv?from=2026-12-01&to=2026-12-01");
    expect(c.type).toContain("text/csv");
    expect([...c.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = c.bytes.toString("utf8").slice(1).trim().split("\r\n");
    expect(lines[0]!.startsWith("报事编号,报事日期时间（Asia/Shanghai）,房号,姓名,联系电话")).toBe(true);
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith(leak))).toContain(",13812345678,");

    // a general manager reads the registers with phones masked; a steward may not export; an unknown register is named
    const gm = await consoleStaff(svc, { id: "m-gm", name: "总经理", roles: ["general_manager"] });
    const masked = await sheetOf((await download(svc, "/api/exports/reports.xlsx", gm.cookie)).bytes);
    const phones = masked.rows.slice(2).map((r) => r[masked.rows[1]!.indexOf("联系电话")]);
    expect(phones).toEqual(expect.arrayContaining(["138****5678", "138****5679"]));
    expect(phones.join()).not.toContain("13812345678");
    const steward = await consoleStaff(svc, { id: "m-st", name: "管家", roles: ["steward"] });
    expect((await download(svc, "/api/exports/reports.xlsx", steward.cookie)).status).toBe(403);
    expect((await download(svc, "/api/exports/ledger.xlsx")).status).toBe(404);
    expect((await download(svc, "/api/exports/reports.xlsx?property=elsewhere", gm.cookie)).status).toBe(404);
    expect((await download(svc, "/api/exports/reports.xlsx?from=30-11-2026")).status).toBe(400);
  });

  it("the statistics tables download as a workbook of the page's figures, one sheet a table, and as CSV", async () => {
    const { svc, double } = await startService({ limits: UNPACED, clock: new TestClock(at("2026-12-01T10:00:00")) });
    await bindTeam(svc);
    await fileAndComplete(svc, double, new Visitor(svc.url, "visitor-1"), "3栋2单元201 厨房水管漏水 13812345678 尽快", 30);
    const owner = new Visitor(svc.url, "visitor-2");
    await owner.say("5栋1单元302 客厅灯不亮 13812345679 明天上午10点");
    expect(await owner.press("确认提交")).toMatch(/BS\d{8}-\d{4}/);

    const x = await download(svc, "/api/exports/statistics.xlsx?period=day&date=2026-12-01");
    expect(x.status).toBe(200);
    expect(x.disposition).toContain(encodeURIComponent("统计报表-2026-12-01"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "分类统计", "趋势", "维修人员", "管家回访", "环节时长"]);
    const rowsOf = (name: string) => {
      const rows: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      return rows;
    };
    const summary = rowsOf("汇总");
    expect(String(summary[0]![0])).toContain("2026-12-01 至 2026-12-01（Asia/Shanghai）");
    expect(summary[1]).toEqual(["指标", "本期 2026-12-01", "上期 2026-11-30", "目标"]);
    const line = (k: string) => summary.find((r) => r[0] === k)!;
    // two reports today, the leak done in 30 minutes (on time), none the day before
    expect(line("报事总数（件）").slice(1, 3)).toEqual([2, 0]);
    expect(line("完工（件）")[1]).toBe(1);
    expect(line("及时率").slice(1)).toEqual(["100.0%", "—", "≥98%"]);
    const byKind = rowsOf("分类统计");
    expect(byKind).toContainEqual(["类别", "A 特约维修", 2]);
    expect(byKind).toContainEqual(["楼栋", "3栋", 1]);
    expect(byKind).toContainEqual(["渠道", "网页", 2]);
    const li = rowsOf("维修人员").find((r) => r[0] === "李")!;
    // 派单, 接单, 拒单, 超时未接, 转单, 完工, 及时完工
    expect(li.slice(1, 8)).toEqual([1, 1, 0, 0, 0, 1, 1]);

    const c = await download(svc, "/api/exports/statistics.csv?period=day&date=2026-12-01");
    const text = c.bytes.toString("utf8");
    expect(text.startsWith("\uFEFF汇总 · ")).toBe(true);
    expect(text).toContain("\r\n\r\n维修人员 · ");
    expect(text).toContain("\r\n李,1,1,0,0,0,1,1,");
    expect((await download(svc, "/api/exports/statistics.xlsx?period=month&date=2026-13")).status).toBe(400);

    // every bar opens the board, 公共区域 too: a report with no building is counted there and listed there
    const gate = new Visitor(svc.url, "visitor-3");
    await gate.say("小区南门的路灯坏了 13812345670 尽快");
    expect(await gate.press("确认提交")).toMatch(/BS\d{8}-\d{4}/);
    const pm = await consoleStaff(svc, { id: "m-pm", name: "项目经理", roles: ["project_manager"] });
    const page = await (await fetch(`${svc.url}/console/stats?period=day&date=2026-12-01`, { headers: { cookie: pm.cookie } })).text();
    const spec = JSON.parse(/<script type="application\/json" data-for="building">([\s\S]*?)<\/script>/.exec(page)![1]!.replace(/\\u003c/g, "<"));
    const i = spec.labels.indexOf("公共区域");
    expect(spec.values[i]).toBe(1);
    const board = await (await fetch(svc.url + spec.links[i], { headers: { cookie: pm.cookie } })).text();
    expect(numbersOn(board)).toHaveLength(1);
    expect((await download(svc, "/api/exports/statistics.pdf")).status).toBe(404);
  });
});
