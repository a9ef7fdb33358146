import type { Category, ComplaintDomain, Nature, Severity, Urgency } from "./domain.js";

/** What Baoshi guesses from a description; the resident may correct category and nature. */
export interface Classification {
  category: Category;
  nature: Nature;
  urgency: Urgency;
  severity?: Severity;
  domain?: ComplaintDomain;
  /** the danger behind a very urgent report, which picks the safety advice */
  hazard?: string;
}

/** A row of a keyword table: any word (or pattern) found sets these fields. */
export interface KeywordRule<T> {
  words: readonly (string | RegExp)[];
  value: T;
}

/** The keyword tables a property's flows classify with (kept in conversations/). */
export interface KeywordTables {
  hazards: readonly KeywordRule<string>[];
  urgent: readonly (string | RegExp)[];
  natures: readonly KeywordRule<Nature>[];
  categories: readonly KeywordRule<Category>[];
  severities: readonly KeywordRule<Severity>[];
  domains: readonly KeywordRule<ComplaintDomain>[];
}

const hits = (text: string, words: readonly (string | RegExp)[]) => words.some((w) => (typeof w === "string" ? text.includes(w) : w.test(text)));
const first = <T>(text: string, rules: readonly KeywordRule<T>[]) => rules.find((r) => hits(text, r.words))?.value;

/** Category that goes with a nature when the keywords name no category. */
const CATEGORY_OF_NATURE: Record<Nature, Category> = { 报修: "A", 投诉: "E", 建议: "E", 咨询: "F", 求助: "G", 无效: "A" };
/** Nature that goes with a category the resident picked. */
export const NATURE_OF_CATEGORY: Record<Category, Nature> = { A: "报修", B: "报修", C: "报修", D: "报修", E: "投诉", F: "咨询", G: "求助" };

export function classify(text: string, tables: KeywordTables, opts: { publicArea?: boolean } = {}): Classification {
  const hazard = first(text, tables.hazards);
  const nature: Nature = first(text, tables.natures) ?? "报修";
  let category: Category = first(text, tables.categories) ?? CATEGORY_OF_NATURE[nature];
  // A repair of a public place is a common-area repair whatever broke.
  if (opts.publicArea && (category === "A" || category === "C") && nature === "报修") category = "D";
  if (nature === "投诉" || nature === "建议") category = "E";
  if (nature === "咨询") category = "F";
  if (nature === "求助" && category !== "D") category = "G";
  const urgency: Urgency = hazard ? "非常紧急" : hits(text, tables.urgent) ? "紧急" : "一般";
  const result: Classification = { category, nature, urgency };
  if (hazard) result.hazard = hazard;
  if (nature === "投诉") {
    result.severity = first(text, tables.severities) ?? "轻微";
    result.domain = first(text, tables.domains) ?? "其它";
  }
  return result;
}

/** A classification as a ticket's columns (what filing from chat and from the front desk both write). */
export const classifiedAs = (c: Classification) => ({
  category: c.category,
  nature: c.nature,
  severity: c.severity ?? null,
  domain: c.domain ?? null,
  urgency: c.urgency,
});
