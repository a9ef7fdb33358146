import type { ParseRefusal } from "./refusal.js";
import { isValidCalendarDate, type WallTime } from "../../policy/zoned.js";
import type { Span } from "./normalize.js";

/**
 * Day words chrono does not read, turned into dates it does, on the property's calendar ("today" is
 * the property's wall date, never the host's): "15号" → this month's 15th if still ahead, else next
 * month's; "月底" → this month's last day. toOriginal maps positions back into the resident's text.
 */
export function prepareDayWords(said: string, today: WallTime): { prepared: string; toOriginal: (i: number) => number } {
  // a date with its weekday, as Baoshi itself writes it ("11月25日（周三）10:00", copied back): the weekday is
  // only a reminder, blanked at the same length so positions still map
  const text = said.replace(/(日|号)[（(](?:周|星期)[一二三四五六日天][)）]/g, (w, d: string) => d + " ".repeat(w.length - 1));
  const m =
    /(?<![\d月])(\d{1,2})\s*号(?![楼院])(?=\s*(?:上午|下午|中午|晚上|早上|傍晚|\d|[零一二两三四五六七八九十]|$|[，,。\s]))/.exec(text) ??
    /(?:这个?月|本月)?月底/.exec(text);
  if (!m) return { prepared: text, toOriginal: (i) => i };
  let replacement: string;
  if (m[1] === undefined) {
    const last = new Date(Date.UTC(today.year, today.month, 0)).getUTCDate();
    replacement = `${today.month}月${last}日`;
  } else {
    const day = Number(m[1]);
    if (day < 1 || day > 31) return { prepared: text, toOriginal: (i) => i };
    const month = day >= today.day ? today.month : (today.month % 12) + 1;
    replacement = `${month}月${day}日`;
  }
  // a date in January said in December is next year's: chrono is told the year
  if (replacement.startsWith("1月") && today.month === 12) replacement = `${today.year + 1}年${replacement}`;
  const grow = replacement.length - m[0].length;
  const at = m.index;
  return {
    prepared: text.slice(0, at) + replacement + text.slice(at + m[0].length),
    toOriginal: (i) => (i <= at ? i : i >= at + replacement.length ? i - grow : at),
  };
}

type Refusal = { ok: false; reason: ParseRefusal; span: Span };

/** 25点, 2月30日, 2026-02-30: refused with the reason instead of silently guessed. */
export function impossibleDate(text: string, today: WallTime): Refusal | undefined {
  const hour =
    /(?:(?:今天|明天|后天|大后天|下?周.|星期.)\s*)?(?:上午|下午|晚上|早上|中午|凌晨)?\s*(\d{1,3})\s*(?:点|时)(?!间)/.exec(text) ??
    /(?<![\d:])(\d{2,3}):(\d{2})(?![\d:])/.exec(text);
  if (hour && Number(hour[1]) > 24) {
    return {
      ok: false,
      span: [hour.index, hour.index + hour[0].length],
      reason: { code: "time.noSuchHour", hour: hour[1]! },
    };
  }
  const full = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text);
  const short = full ? undefined : /(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/.exec(text);
  const m = full ?? short;
  if (!m) return undefined;
  const [y, mo, d] = full ? [Number(full[1]), Number(full[2]), Number(full[3])] : [today.year, Number(m[1]), Number(m[2])];
  if (isValidCalendarDate(y, mo, d)) return undefined;
  return {
    ok: false,
    span: [m.index, m.index + m[0].length],
    reason: { code: "time.noSuchDay", month: mo!, day: d! },
  };
}
