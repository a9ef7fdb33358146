import { consoleTexts as T } from "../../conversations/console-texts.js";
import { localTime, REGISTER_SHEETS, type CellContext } from "../http/export/registers.js";
import type { RegisterRow } from "../db/register-store.js";
import { html, type Html } from "./html.js";
import { say, type Viewer } from "./layout.js";

/**
 * The printed 《服务派工单（维修单）》 the seeds still sign (seed 000 3.2, 4.3–4.4): the worker signs to take it, the
 * resident signs on completion, the office files it. Its cells are the 派工单 register's own (one definition of
 * each), laid out as the paper form; A5 is one copy, A4 the two copies (存根联 kept at the desk, 派工联 with the
 * worker) with a line to cut between.
 */
export type SheetSize = "a5" | "a4";

const columns = [...REGISTER_SHEETS.orders.columns, ...REGISTER_SHEETS.reports.columns];
const cellOf = (r: RegisterRow, c: CellContext) => (title: string) => {
  const col = columns.find((x) => x.title === title);
  const v = col?.cell(r, c);
  return v === null || v === undefined || v === "" ? "" : String(v);
};

function copy(r: RegisterRow, c: CellContext, property: string, part: string | null, printedAt: string): Html {
  const cell = cellOf(r, c);
  const pair = (a: string, b: string) => html`<th>${a}</th><td>${cell(a)}</td><th>${b}</th><td>${cell(b)}</td>`;
  const wide = (a: string, cls = "") => html`<th>${a}</th><td colspan="3" class="${cls}">${cell(a)}</td>`;
  return html`<section class="sheet">
<header><div class="property">${property}</div><h1>服务派工单（维修单）</h1>
<div class="no">No. ${cell("报事编号")}${part ? html` · <b>${part}</b>` : ""}</div></header>
<table>
<tr>${pair("派工时间", "预约时间")}</tr>
<tr>${pair("房号", "业主姓名")}</tr>
<tr>${pair("联系电话", "报事类别")}</tr>
<tr>${wide("报修内容", "tall")}</tr>
<tr>${pair("接单人", "紧急程度")}</tr>
<tr>${pair("接单/拒单时间", "到场时间")}</tr>
<tr>${pair("完工时间", "费用（元）")}</tr>
<tr>${wide("处理情况", "tall")}</tr>
<tr>${wide("材料")}</tr>
<tr><th>住户评价</th><td colspan="3">□ 满意　□ 基本满意　□ 不满意</td></tr>
<tr><th>登记人</th><td>${cell("登记人")}</td><th>开单人签字</th><td></td></tr>
<tr><th>接单人签字</th><td></td><th>住户签字</th><td></td></tr>
<tr><th>回访记录</th><td colspan="3" class="tall"></td></tr>
<tr><th>回访人</th><td></td><th>回访日期</th><td></td></tr>
</table>
<footer>时间为 ${c.zone} · 打印于 ${printedAt} · 完工后当日交回服务中心</footer>
</section>`;
}

export function orderSheet(v: Viewer, d: { row: RegisterRow; ctx: CellContext; property: string; size: SheetSize; now: Date; back: string }): string {
  const printedAt = localTime(d.now, d.ctx.zone) ?? "";
  const copies =
    d.size === "a4"
      ? [copy(d.row, d.ctx, d.property, "存根联", printedAt), copy(d.row, d.ctx, d.property, "派工联", printedAt)]
      : [copy(d.row, d.ctx, d.property, null, printedAt)];
  const paper = d.size === "a4" ? "A4" : "A5";
  return html`<!doctype html>
<html lang="${v.lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>派工单 ${String(d.row.number)}</title>
<link rel="stylesheet" href="/console/assets/order-sheet.css">
<style>@page { size: ${d.size === "a4" ? "A4 portrait" : "A5 portrait"}; margin: 8mm; }</style>
</head>
<body class="${d.size}">
<nav class="no-print"><a href="${d.back}">${say(v, T.orderSheet.back)}</a>
<button type="button" onclick="window.print()">${say(v, T.orderSheet.print)}</button>
<span>${say(v, T.orderSheet.hint, { size: paper })}</span></nav>
${copies.map((x, i) => (i ? html`<div class="cut" aria-hidden="true">✂ ┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈</div>${x}` : x))}
</body>
</html>`.value;
}
