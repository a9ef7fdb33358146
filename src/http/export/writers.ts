import { once } from "node:events";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { CellContext, Column } from "./registers.js";

export type Rows = AsyncIterable<Record<string, unknown>[]>;
export interface Sheet {
  title: string;
  /** a line above the titles: the property, the filters, the zone */
  caption: string;
  columns: Column[];
}

/** a column of times says which zone it is in */
const titleOf = (c: Column, ctx: CellContext) => (/时间|日期/.test(c.title) ? `${c.title}（${ctx.zone}）` : c.title);

/** wait while the reader is behind, so memory stays one chunk whatever the row count */
async function drained(out: PassThrough) {
  if (out.writableNeedDrain) await once(out, "drain");
}

/** XLSX through exceljs's streaming writer: each row committed as it is written. */
export function xlsx(sheet: Sheet, rows: Rows, ctx: CellContext, onError: (err: unknown) => void): PassThrough {
  const out = new PassThrough();
  void (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet(sheet.title, { views: [{ state: "frozen", ySplit: 2 }] });
    ws.columns = sheet.columns.map((c) => ({ width: c.width }));
    const caption = ws.addRow([sheet.caption]);
    caption.font = { bold: true, size: 13 };
    caption.commit();
    const head = ws.addRow(sheet.columns.map((c) => titleOf(c, ctx)));
    head.font = { bold: true };
    head.commit();
    for await (const chunk of rows) {
      for (const r of chunk) ws.addRow(sheet.columns.map((c) => c.cell(r, ctx))).commit();
      await drained(out);
    }
    ws.commit();
    await wb.commit();
  })().catch((err) => {
    onError(err);
    out.destroy(err as Error);
  });
  return out;
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV in UTF-8 with a BOM (Excel shows Chinese); the titles are its first line (the caption is the XLSX's). */
export function csv(sheet: Sheet, rows: Rows, ctx: CellContext, onError: (err: unknown) => void): PassThrough {
  const out = new PassThrough();
  void (async () => {
    out.write(`\uFEFF${sheet.columns.map((c) => csvCell(titleOf(c, ctx))).join(",")}\r\n`);
    for await (const chunk of rows) {
      out.write(chunk.map((r) => `${sheet.columns.map((c) => csvCell(c.cell(r, ctx))).join(",")}\r\n`).join(""));
      await drained(out);
    }
    out.end();
  })().catch((err) => {
    onError(err);
    out.destroy(err as Error);
  });
  return out;
}
