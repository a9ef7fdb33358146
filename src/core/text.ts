import type { Lang, Text } from "./domain.js";

/** Fills {name} placeholders. */
export function fill(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A translator for one language: picks the text and fills its placeholders. */
export const localize =
  (lang: Lang) =>
  (text: Text, vars?: Record<string, string | number>): string =>
    fill(text[lang], vars);
