import * as chrono from "chrono-node";
import type { Appointment, Text } from "../domain.js";
import type { Policy } from "../policy.js";
import { fromWallTime, isValidCalendarDate, minuteOfDay, offsetMinutes, wallTime, formatWhen } from "../zoned.js";
import type { Span } from "./normalize.js";

export type AppointmentResult = { ok: true; appointment: Appointment; span: Span } | { ok: false; reason: Text; span: Span };

/** Words for "as soon as possible" (the table lives in conversations/). */
export type AsapWords = readonly string[];

const MERIDIEM = /(上午|早上|早晨|凌晨|早|中午|下午|午后|傍晚|晚上|今晚|明晚|夜里|夜间|晚|am|pm|a\.m\.|p\.m\.)/i;

/**
 * Reads a Chinese (or English) appointment time in the property's zone. Residents' habits that
 * chrono does not know are handled here: a bare 1–7点 means the afternoon, "15号" is a day of
 * this or next month, 25点 or 2月30日 are refused rather than guessed.
 */
/** Anything a time could be made of; a message without any is not parsed for one (chrono is the costly step). */
const TIMEISH = /\d|[零一二两三四五六七八九十半]|点|时|天|周|星期|礼拜|今|明|后|昨|早|晚|午|夜|月|号|日|now|today|tomorrow|tonight|morning|noon|afternoon|evening|mon|tue|wed|thu|fri|sat|sun|am|pm|asap|soon/i;

export function findAppointment(text: string, now: Date, policy: Policy, asap: AsapWords): AppointmentResult | undefined {
  const tz = policy.timezone;
  if (!TIMEISH.test(text) && !asap.some((w) => text.includes(w))) return undefined;
  const impossible = impossibleDate(text, now, tz);
  if (impossible) return impossible;

  const { prepared, toOriginal } = dayOfMonth(text, now, tz);
  const ref = { instant: now, timezone: offsetMinutes(now, tz) };
  const results = [...chrono.zh.hans.parse(prepared, ref, { forwardDate: true }), ...chrono.en.parse(prepared, ref, { forwardDate: true })];
  const r = results.sort((a, b) => a.index - b.index)[0];

  const asapWord = asap.find((w) => text.includes(w));
  if (asapWord && (!r || r.text === "现在" || r.text === "now")) {
    const i = text.indexOf(asapWord);
    return { ok: true, appointment: { asap: true }, span: [i, i + asapWord.length] };
  }
  if (!r) return undefined;
  const span: Span = [toOriginal(r.index), toOriginal(r.index + r.text.length)];
  if (!r.start.isCertain("hour")) {
    return {
      ok: false,
      span,
      reason: { zh: "请告诉我具体几点方便，例如「明天下午3点」", en: "Please tell me what time suits you, e.g. tomorrow 3pm" },
    };
  }
  let at = r.start.date();
  const hour = r.start.get("hour") ?? 0;
  if (!MERIDIEM.test(r.text) && hour >= 1 && hour <= 7) {
    at = afternoon(r, now, tz);
  }
  return judge(at, now, policy, span);
}

/** A bare 1–7点 is 13–19点; when no day was said, today if still ahead, else tomorrow. */
function afternoon(r: chrono.ParsedResult, now: Date, tz: string): Date {
  const hour = (r.start.get("hour") ?? 0) + 12;
  const minute = r.start.get("minute") ?? 0;
  if (r.start.isCertain("day")) {
    return fromWallTime({ year: r.start.get("year")!, month: r.start.get("month")!, day: r.start.get("day")!, hour, minute }, tz);
  }
  const today = wallTime(now, tz);
  let at = fromWallTime({ year: today.year, month: today.month, day: today.day, hour, minute }, tz);
  if (at <= now) at = new Date(at.getTime() + 86400000);
  return at;
}

function judge(at: Date, now: Date, policy: Policy, span: Span): AppointmentResult {
  const tz = policy.timezone;
  const shown = formatWhen(at, tz, "zh");
  if (at.getTime() <= now.getTime()) {
    return { ok: false, span, reason: { zh: `${shown} 已经过去了，请选一个之后的时间`, en: `${formatWhen(at, tz, "en")} has already passed; please choose a later time` } };
  }
  if (at.getTime() - now.getTime() > policy.maxAdvanceDays * 86400000) {
    return {
      ok: false,
      span,
      reason: { zh: `最多可以预约 ${policy.maxAdvanceDays} 天以内的时间，请换一个时间`, en: `Appointments can be booked up to ${policy.maxAdvanceDays} days ahead; please choose an earlier time` },
    };
  }
  const { start, end } = policy.serviceHours;
  const minute = minuteOfDay(at, tz);
  if (minute < toMinutes(start) || minute > toMinutes(end)) {
    return {
      ok: false,
      span,
      reason: {
        zh: `上门服务时间是每天 ${start}–${end}，${shown} 不在服务时间内，请换一个时间（紧急情况请直接说明）`,
        en: `Visits are between ${start} and ${end}; ${formatWhen(at, tz, "en")} is outside those hours. Please choose another time`,
      },
    };
  }
  return { ok: true, appointment: { asap: false, at: at.toISOString() }, span };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** 25点, 2月30日, 2026-02-30: refused with the reason instead of silently guessed. */
function impossibleDate(text: string, now: Date, tz: string): AppointmentResult | undefined {
  const hour = /(?:(?:今天|明天|后天|大后天|下?周.|星期.)\s*)?(?:上午|下午|晚上|早上|中午|凌晨)?\s*(\d{1,3})\s*(?:点|时)(?!间)/.exec(text) ?? /(?<![\d:])(\d{2,3}):(\d{2})(?![\d:])/.exec(text);
  if (hour && Number(hour[1]) > 24) {
    return {
      ok: false,
      span: [hour.index, hour.index + hour[0].length],
      reason: { zh: `一天没有 ${hour[1]} 点，请告诉我正确的时间，例如「明天下午3点」`, en: `There is no hour ${hour[1]}; please give a real time, e.g. tomorrow 3pm` },
    };
  }
  const year = wallTime(now, tz).year;
  const full = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text);
  const short = full ? undefined : /(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/.exec(text);
  const m = full ?? short;
  if (!m) return undefined;
  const [y, mo, d] = full ? [Number(full[1]), Number(full[2]), Number(full[3])] : [year, Number(m[1]), Number(m[2])];
  if (isValidCalendarDate(y, mo, d)) return undefined;
  return {
    ok: false,
    span: [m.index, m.index + m[0].length],
    reason: { zh: `${mo}月没有${d}日，请核对日期`, en: `There is no day ${d} in month ${mo}; please check the date` },
  };
}

/**
 * "15号下午3点" → "11月15日下午3点" (this month if still ahead, else next month), which chrono
 * reads; toOriginal maps positions back so spans still point into the resident's text.
 */
function dayOfMonth(text: string, now: Date, tz: string): { prepared: string; toOriginal: (i: number) => number } {
  const m = /(?<![\d月])(\d{1,2})\s*号(?![楼院])(?=\s*(?:上午|下午|中午|晚上|早上|傍晚|\d|[零一二两三四五六七八九十]|$|[，,。\s]))/.exec(text);
  const day = m ? Number(m[1]) : 0;
  if (!m || day < 1 || day > 31) return { prepared: text, toOriginal: (i) => i };
  const today = wallTime(now, tz);
  const month = day >= today.day ? today.month : (today.month % 12) + 1;
  const replacement = `${month}月${day}日`;
  const grow = replacement.length - m[0].length;
  const at = m.index;
  return {
    prepared: text.slice(0, at) + replacement + text.slice(at + m[0].length),
    toOriginal: (i) => (i <= at ? i : i >= at + replacement.length ? i - grow : at),
  };
}
