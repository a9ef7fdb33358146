import type { Lang, Text } from "../ticket/domain.js";

/** Fills {name} placeholders. */
export function fill(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/**
 * How residents are told who is coming: a bare name gets 师傅 ("李" → "李师傅"); a name that already
 * carries a title, as staff enter it ("张师傅", "王主管", "刘总"), is kept as it is.
 */
export function workerTitle(name: string): string {
  return /(师傅|师父|主管|经理|总|管家|主任|班长|队长|工)$/.test(name) ? name : `${name}师傅`;
}

/** A translator for one language: picks the text and fills its placeholders. */
export const localize =
  (lang: Lang) =>
  (text: Text, vars?: Record<string, string | number>): string =>
    fill(text[lang], vars);
