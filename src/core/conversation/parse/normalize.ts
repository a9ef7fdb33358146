/** Input cleaning shared by every extractor: one normalised text, so spans line up. */

/**
 * Full-width digits, letters and + - : → half-width (keeping Chinese punctuation such as ，。！),
 * control and invisible characters dropped, whitespace collapsed.
 */
export function normalizeText(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "")
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0B\uFF0D\uFF1A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g, "")
    .replace(/[ \t\r\n\u00A0\u3000]+/g, " ")
    .trim();
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Small Chinese numerals (一 … 九十九, 二零一) → digits; other text unchanged. */
export function chineseNumber(s: string): string {
  if (/^\d+$/.test(s) || /^[A-Za-z]$/.test(s)) return s;
  if (/^[零〇一二两三四五六七八九]+$/.test(s) && s.length > 1) return [...s].map((c) => DIGITS[c]).join("");
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return String((m[1] ? DIGITS[m[1]]! : 1) * 10 + (m[2] ? DIGITS[m[2]]! : 0));
  if (s.length === 1 && s in DIGITS) return String(DIGITS[s]);
  return s;
}

/** A span [start, end) of the normalised text that an extractor used. */
export type Span = [number, number];

/** The text with the used spans blanked out, so the next extractor does not read them again. */
export function blank(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const [a, b] of spans) out = out.slice(0, a) + " ".repeat(b - a) + out.slice(b);
  return out;
}
