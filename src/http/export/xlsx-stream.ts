import { once } from "node:events";
import { PassThrough } from "node:stream";
import { strToU8, Zip, ZipDeflate } from "fflate";

/**
 * A workbook written as it is read: each sheet's XML goes through fflate's streaming deflate into the response, and
 * we wait whenever the response is behind, so memory holds one chunk of rows whatever the row count. (exceljs's own
 * streaming writer queues everything in its zip stream without waiting, so its memory grew with the rows.)
 * Strings are inline (no shared-strings table to keep), three styles: plain, bold titles, the caption.
 */
export type Cell = string | number | null | undefined;
export interface XlsxSheet {
  name: string;
  widths: number[];
  /** the first row, bold and merged across the columns */
  caption?: string;
  /** bold, frozen with the caption above them */
  titles: string[];
  rows: AsyncIterable<Cell[][]> | Iterable<Cell[][]>;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const STYLE = { plain: 0, title: 1, caption: 2 } as const;

// characters XML 1.0 cannot carry (a resident's message may hold them) are dropped
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const xmlText = (s: string) => s.replace(INVALID, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A, B, … Z, AA, … */
export function columnName(i: number): string {
  let n = i + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function rowXml(r: number, cells: readonly Cell[], style: number = STYLE.plain): string {
  const s = style ? ` s="${style}"` : "";
  let out = `<row r="${r}">`;
  cells.forEach((v, i) => {
    if (v === null || v === undefined || v === "") return;
    const ref = `${columnName(i)}${r}`;
    if (typeof v === "number" && Number.isFinite(v)) out += `<c r="${ref}"${s}><v>${v}</v></c>`;
    else out += `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(String(v))}</t></is></c>`;
  });
  return `${out}</row>`;
}

/** Excel's rules for a sheet's name: ≤ 31 characters, none of []:*?/\ , unique in the book */
function sheetNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    const base = n.replace(/[[\]:*?/\\]/g, " ").slice(0, 28) || "Sheet";
    let name = base;
    for (let i = 2; seen.has(name); i++) name = `${base}(${i})`;
    seen.add(name);
    return name;
  });
}

function bookFiles(names: readonly string[]): [string, string][] {
  const sheets = names.map((_, i) => i + 1);
  return [
    [
      "[Content_Types].xml",
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}</Types>`,
    ],
    [
      "_rels/.rels",
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      "xl/workbook.xml",
      `${HEAD}<workbook ${NS} ${REL_NS}><sheets>${names.map((n, i) => `<sheet name="${xmlText(n).replace(/"/g, "&quot;")}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((i) => `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`).join("")}<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      "xl/styles.xml",
      `${HEAD}<styleSheet ${NS}><fonts count="3"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font><font><b/><sz val="13"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    ],
  ];
}

function sheetHead(s: XlsxSheet): string {
  const frozen = s.caption ? 2 : 1;
  const cols = s.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  return `${HEAD}<worksheet ${NS} ${REL_NS}><sheetViews><sheetView workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ""}<sheetData>`;
}

/** Writes the sheets into the returned stream; a failure midway is reported and ends the stream with the error. */
export function xlsxStream(sheets: readonly XlsxSheet[], onError: (err: unknown) => void): PassThrough {
  const out = new PassThrough();
  let failed: Error | null = null;
  const zip = new Zip((err, data, final) => {
    if (err) failed = err;
    else {
      out.write(data);
      if (final) out.end();
    }
  });
  const behind = async () => {
    if (failed) throw failed;
    if (out.writableNeedDrain) await once(out, "drain");
  };
  void (async () => {
    const names = sheetNames(sheets.map((s) => s.name));
    for (const [path, xml] of bookFiles(names)) {
      const f = new ZipDeflate(path, { level: 6 });
      zip.add(f);
      f.push(strToU8(xml), true);
    }
    for (const [i, s] of sheets.entries()) {
      const f = new ZipDeflate(`xl/worksheets/sheet${i + 1}.xml`, { level: 3 });
      zip.add(f);
      let r = 0;
      let xml = sheetHead(s);
      if (s.caption) xml += rowXml(++r, [s.caption], STYLE.caption);
      xml += rowXml(++r, s.titles, STYLE.title);
      f.push(strToU8(xml));
      for await (const chunk of s.rows) {
        f.push(strToU8(chunk.map((cells) => rowXml(++r, cells)).join("")));
        await behind();
      }
      const merge = s.caption && s.titles.length > 1 ? `<mergeCells count="1"><mergeCell ref="A1:${columnName(s.titles.length - 1)}1"/></mergeCells>` : "";
      f.push(strToU8(`</sheetData>${merge}</worksheet>`), true);
      await behind();
    }
    zip.end();
    await behind();
  })().catch((err) => {
    onError(err);
    out.destroy(err as Error);
  });
  return out;
}
