import { once } from "node:events";
import { PassThrough } from "node:stream";
import type { CellContext, Column } from "./registers.js";
import { xlsxStream } from "./xlsx-stream.js";

export type Rows = AsyncIterable<Record<string, unknown>[]> | Iterable<Record<string, unknown>[]>;
/** One table of a download: a register, or one of the statistics' tables. */
export interface Table {
  title: string;
  /** a line above the titles: the property, the filters, the zone */
  caption: string;
  columns: Column[];
  rows: Rows;
}

/** a column of times says which zone it is in */
const titleOf = (c: Column, ctx: CellContext) => (/时间|日期/.test(c.title) ? `${c.title}（${ctx.zone}）` : c.title);

async function* cells(t: Table, ctx: CellContext) {
  for await (const chunk of t.rows) yield chunk.map((r) => t.columns.map((c) => c.cell(r, ctx)));
}

/** XLSX, one sheet a table, written as the rows are read (xlsx-stream.ts). */
export function xlsx(tables: readonly Table[], ctx: CellContext, onError: (err: unknown) => void): PassThrough {
  return xlsxStream(
    tables.map((t) => ({
      name: t.title,
      caption: t.caption,
      widths: t.columns.map((c) => c.width),
      titles: t.columns.map((c) => titleOf(c, ctx)),
      rows: cells(t, ctx),
    })),
    onError,
  );
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvLine = (xs: readonly unknown[]) => `${xs.map(csvCell).join(",")}\r\n`;

/**
 * CSV in UTF-8 with a BOM (Excel shows Chinese). One table: its titles are the first line (the caption is the
 * XLSX's). Several: each under its own name, a blank line between.
 */
export function csv(tables: readonly Table[], ctx: CellContext, onError: (err: unknown) => void): PassThrough {
  const out = new PassThrough();
  void (async () => {
    out.write("\uFEFF");
    for (const [i, t] of tables.entries()) {
      if (tables.length > 1) out.write(`${i ? "\r\n" : ""}${csvLine([t.caption])}`);
      out.write(csvLine(t.columns.map((c) => titleOf(c, ctx))));
      for await (const chunk of cells(t, ctx)) {
        if (!out.write(chunk.map(csvLine).join(""))) await once(out, "drain");
      }
    }
    out.end();
  })().catch((err) => {
    onError(err);
    out.destroy(err as Error);
  });
  return out;
}
