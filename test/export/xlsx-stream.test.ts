import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { columnName, xlsxStream, type XlsxSheet } from "../../src/http/export/xlsx-stream.js";

async function written(sheets: XlsxSheet[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const errors: unknown[] = [];
  await pipeline(
    xlsxStream(sheets, (e) => errors.push(e)),
    new Writable({
      write(chunk, _enc, done) {
        parts.push(Buffer.from(chunk));
        done();
      },
    }),
  );
  expect(errors).toEqual([]);
  return Buffer.concat(parts);
}

async function read(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe("our streaming XLSX writer, read back by exceljs", () => {
  it("names columns past Z as Excel does", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("keeps what residents write (markup, ampersands, newlines, control characters dropped), numbers as numbers, 30 columns, several sheets", async () => {
    const wide = Array.from({ length: 30 }, (_, i) => `列${i + 1}`);
    async function* rows() {
      yield [["<b>漏水</b> & 渗水", 12.5, null, "第一行\n第二行", "铃\u0007声"]];
      yield [wide.map((_, i) => i)];
    }
    const bytes = await written([
      { name: "客户报事登记表", caption: "《客户报事登记表》 时间为 Asia/Shanghai", titles: wide, widths: wide.map(() => 10), rows: rows() },
      { name: "汇总/统计:[1]", titles: ["指标", "数值"], widths: [20, 10], rows: [[["报事总数", 3]]] },
    ]);
    const wb = await read(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["客户报事登记表", "汇总 统计  1 "]);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell("A1").value).toBe("《客户报事登记表》 时间为 Asia/Shanghai");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("AD2").value).toBe("列30");
    expect(ws.getCell("A3").value).toBe("<b>漏水</b> & 渗水");
    expect(ws.getCell("B3").value).toBe(12.5);
    expect(ws.getCell("C3").value).toBeNull();
    expect(ws.getCell("D3").value).toBe("第一行\n第二行");
    expect(ws.getCell("E3").value).toBe("铃声");
    expect(ws.getCell("AD4").value).toBe(29);
    expect(ws.rowCount).toBe(4);
    expect(wb.worksheets[1]!.getCell("B2").value).toBe(3);
  });

  it("waits for its reader: with nobody reading, it stops pulling rows; read, all 20,000 come through", async () => {
    let pulled = 0;
    async function* rows() {
      for (let i = 0; i < 20; i++) {
        pulled++;
        // digits that do not compress away, so a chunk is tens of kilobytes even deflated
        yield Array.from({ length: 1000 }, (_, j) => [`BS20261201-${i * 1000 + j}`, String(Math.sin(i * 1000 + j)).repeat(3), i * 1000 + j]);
      }
    }
    const out = xlsxStream([{ name: "派工单", titles: ["报事编号", "内容", "序号"], widths: [18, 30, 8], rows: rows() }], () => {});
    for (let turn = 0; turn < 200; turn++) await new Promise((r) => setImmediate(r));
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(5);
    const parts: Buffer[] = [];
    await pipeline(
      out,
      new Writable({
        write(chunk, _enc, done) {
          parts.push(Buffer.from(chunk));
          done();
        },
      }),
    );
    expect(pulled).toBe(20);
    const ws = (await read(Buffer.concat(parts))).worksheets[0]!;
    expect(ws.rowCount).toBe(20_001);
    expect(ws.getCell("C20001").value).toBe(19_999);
  });
});
