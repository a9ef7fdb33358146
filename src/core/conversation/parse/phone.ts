import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { Span } from "./normalize.js";
import type { ParseRefusal } from "./refusal.js";

/** A phone found in a message: valid (E.164) or refused with the reason. */
export type PhoneResult = { ok: true; e164: string; span: Span } | { ok: false; reason: ParseRefusal; span: Span };

// Shapes residents write: mobiles 3-4-4 with spaces or dashes, landlines with an area code,
// a bare run of digits, or anything after 电话/手机/联系.
const CANDIDATES: RegExp[] = [
  /(?<![\d])(?:(?:\+|00)86[\s-]?)?1\d{2}[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g,
  /(?<![\d])(?:(?:\+|00)86[\s-]?0?|0)\d{2,3}[\s-]?\d{7,8}(?!\d)/g,
  /(?<![\d\w-])\d{7,}(?!\d)/g,
  // a landline cut short ("0571-8888"): refused with the reason, not passed over
  /(?<![\d])0\d{2,3}-\d{3,6}(?![\d-])/g,
  /(?:电话|手机|联系方式|联系电话|号码|联系|tel|phone|mobile)\s*(?:号码)?\s*(?:是|为|:)?\s*(\+?\d[\d\s-]*\d|\d)/gi,
];

const MOBILE = /^\+861[3-9]\d{9}$/;

export function findPhone(text: string): PhoneResult | undefined {
  let best: { span: Span; raw: string } | undefined;
  for (const re of CANDIDATES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const raw = m[1] ?? m[0];
      const start = m.index + (m[1] ? m[0].lastIndexOf(m[1]) : 0);
      if (!best || start < best.span[0]) best = { span: [start, start + raw.length], raw };
    }
  }
  if (!best) return undefined;
  return judge(best.raw, best.span);
}

function judge(raw: string, span: Span): PhoneResult {
  const digits = raw.replace(/[\s-]/g, "");
  const international = /^(\+|0086)/.test(digits);
  const national = digits.replace(/^(\+86|0086)/, "");
  // Domestic numbers start with 1 (mobile) or 0 (area code); anything else is a typo.
  const shapeOk = international || /^[01]/.test(national);
  const parsed = shapeOk ? parsePhoneNumberFromString(international ? `+86${national}` : national, "CN") : undefined;
  if (parsed?.isValid() && parsed.country === "CN") {
    const e164 = parsed.number;
    const isMobile = national.startsWith("1");
    if (!isMobile || MOBILE.test(e164)) return { ok: true, e164, span };
  }
  return { ok: false, reason: reasonFor(national), span };
}

function reasonFor(national: string): ParseRefusal {
  return national.startsWith("1") && national.length !== 11 ? { code: "phone.digits", digits: national.length } : { code: "phone.invalid" };
}

/** 138****5678 — what logs and staff lists show. */
export function maskPhone(phone: string): string {
  const d = phone.replace(/^\+86/, "");
  if (d.length < 7) return "*".repeat(d.length);
  return `${d.slice(0, 3)}****${d.slice(-4)}`;
}

/** Masks every phone-shaped number inside free text (for logs): mobiles, landlines, and 10–12 digit runs. */
const PHONE_SHAPES = /(?<![\d])(?:(?:\+|00)86[\s-]?)?(?:1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}[\s-]?\d{7,8}|\d{10,12})(?!\d)/g;
export function maskPhonesInText(text: string): string {
  return text.replace(PHONE_SHAPES, (m) => maskPhone(m.replace(/[\s-]/g, "")));
}
