import * as chrono from "chrono-node";
import type { Appointment } from "../../ticket/domain.js";
import type { Policy } from "../../policy/policy.js";
import { formatDay, fromWallTime, minuteOfDay, wallTime, type WallTime } from "../../policy/zoned.js";
import type { Span } from "./normalize.js";
import { impossibleDate, prepareDayWords } from "./day-words.js";
import type { ParseRefusal } from "./refusal.js";

/**
 * A time read from a message. `ambiguous`: 明天 said between midnight and 05:00 may mean the coming
 * daytime (people who have not slept yet) or the calendar's tomorrow; `appointment` is the latter,
 * and a resident's flow asks which one.
 */
export type AppointmentResult =
  | { ok: true; appointment: Appointment; span: Span; ambiguous?: { word: string; options: [Appointment, Appointment] } }
  /** partial: the day said without an hour ("后天"), kept so the next answer need only give the hour */
  | { ok: false; reason: ParseRefusal; span: Span; partial?: string };

/** Words for "as soon as possible" (the table lives in conversations/). */
export type AsapWords = readonly string[];

const MERIDIEM = /(上午|早上|早晨|凌晨|早|中午|下午|午后|傍晚|晚上|今晚|明晚|夜里|夜间|晚|am|pm|a\.m\.|p\.m\.|morning|afternoon|evening|tonight|noon|night)/i;
/** "around 10", "about 3pm": the hedge becomes "at" (same length, so positions still line up) and the time is read */
const HEDGE = /\b(?:around|about|roughly|approximately|approx\.?)(?=\s+\d)/gi;
/** Anything a time could be made of; a message without any is not parsed for one (chrono is the costly step). */
const TIMEISH =
  /\d|[零一二两三四五六七八九十半]|点|时|天|周|星期|礼拜|今|明|后|昨|早|晚|午|夜|月|号|日|now|today|tomorrow|tonight|morning|noon|afternoon|evening|mon|tue|wed|thu|fri|sat|sun|am|pm|asap|soon/i;
/** 明天 / 明早 / 明晚 / 明日 (not 后天, which is never ambiguous) */
const TOMORROW = /明(?:天|日|早|晚|儿)/;
/** Before this hour, 明天 may mean the coming daytime. */
const SMALL_HOURS_END = 5;

/**
 * Reads a Chinese (or English) appointment time in the property's zone, whatever the host's zone.
 * chrono resolves day words on the host's clock, so it is given a reference whose host-local
 * clock shows the property's wall time, and its answer is read back as wall time in the property's
 * zone. (A host zone with daylight saving skips one hour a year; that hour's reference is off by one.)
 * Residents' habits chrono does not know are handled here: a bare 1–7点 means the afternoon, "15号" is
 * a day of this or next month, 月底 is the month's last day, 25点 or 2月30日 are refused rather than guessed.
 */
export function findAppointment(text: string, now: Date, policy: Policy, asap: AsapWords): AppointmentResult | undefined {
  const tz = policy.timezone;
  if (!TIMEISH.test(text) && !asap.some((w) => text.includes(w))) return undefined;
  const today = wallTime(now, tz);
  const impossible = impossibleDate(text, today);
  if (impossible) return impossible;

  const days = prepareDayWords(text, today);
  // (chrono reads a bare hour after "at": "around 9" becomes "at     9")
  // (傍晚 is the evening chrono knows as 晚上: same length, so positions still line up)
  const prepared = days.prepared.replace(HEDGE, (w) => `at${" ".repeat(w.length - 2)}`).replace(/傍晚/g, "晚上");
  const toOriginal = days.toOriginal;
  const ref = new Date(today.year, today.month - 1, today.day, today.hour, today.minute, today.second);
  const results = [...chrono.zh.hans.parse(prepared, ref, { forwardDate: true }), ...chrono.en.parse(prepared, ref, { forwardDate: true })];
  // the time asked for is the one with an hour ("晚上睡不着 明晚7点" is about 明晚7点), else the first said
  results.sort((a, b) => a.index - b.index);
  const r = results.find((x) => x.start.isCertain("hour")) ?? results[0];

  const asapWord = asap.find((w) => text.includes(w));
  if (asapWord && (!r || r.text === "现在" || r.text === "now")) {
    const i = text.indexOf(asapWord);
    return { ok: true, appointment: { asap: true }, span: [i, i + asapWord.length] };
  }
  // "now" / 现在 on its own is as soon as possible, not a time already past
  if (r && /^(现在|now|right now)$/i.test(r.text.trim()))
    return { ok: true, appointment: { asap: true }, span: [days.toOriginal(r.index), days.toOriginal(r.index + r.text.length)] };
  if (!r) return undefined;
  const span: Span = [toOriginal(r.index), toOriginal(r.index + r.text.length)];
  if (!r.start.isCertain("hour")) {
    // a day said without the hour ("后天", "周六", "tomorrow"): kept, and only the hour asked
    if ((r.start.isCertain("day") || r.start.isCertain("weekday")) && !MERIDIEM.test(r.text)) {
      const noon = fromWallTime({ year: r.start.get("year")!, month: r.start.get("month")!, day: r.start.get("day")!, hour: 12, minute: 0 }, tz);
      // a day that cannot be booked at any hour is refused now, not asked its hour
      const judged = judge(noon, now, policy, span);
      if (!judged.ok && judged.reason.code !== "time.outOfHours") return judged;
      const said = text.slice(span[0], span[1]).trim();
      const day =
        /^(今天|明天|后天|大后天|明日|下?周.|下?星期.|下?礼拜.|tomorrow|today|the day after tomorrow|(next )?(mon|tues|wednes|thurs|fri|satur|sun)day)$/i.test(
          said,
        )
          ? said
          : formatDay(noon, tz, "zh");
      return { ok: false, span, partial: day, reason: { code: "time.hour", day } };
    }
    return { ok: false, span, reason: { code: "time.vague" } };
  }
  let hour = r.start.get("hour") ?? 0;
  const minute = r.start.get("minute") ?? 0;
  const bareAfternoon = !MERIDIEM.test(r.text) && hour >= 1 && hour <= 7;
  if (bareAfternoon) hour += 12;
  const noDaySaid = !r.start.isCertain("day") && !r.start.isCertain("weekday");
  let said: Omit<WallTime, "weekday" | "second"> = { year: r.start.get("year")!, month: r.start.get("month")!, day: r.start.get("day")!, hour, minute };
  // a bare 三点 with no day said: today if still ahead, else tomorrow
  if (bareAfternoon && noDaySaid) {
    said = { ...said, year: today.year, month: today.month, day: today.day };
    if (fromWallTime(said, tz) <= now) said = dayAfter(said, 1);
  }
  const at = fromWallTime(said, tz);

  const word = TOMORROW.exec(r.text)?.[0];
  if (word && today.hour < SMALL_HOURS_END) {
    // chrono's own guess for 明早 after midnight differs by the hour: both readings are built from today
    const base = { ...said, year: today.year, month: today.month, day: today.day };
    const coming = judge(fromWallTime(base, tz), now, policy, span);
    const literal = judge(fromWallTime(dayAfter(base, 1), tz), now, policy, span);
    if (coming.ok && literal.ok) return { ...literal, ambiguous: { word, options: [coming.appointment, literal.appointment] } };
    return coming.ok ? coming : literal;
  }
  return judge(at, now, policy, span);
}

/** The same wall time `days` later (calendar arithmetic on the date alone). */
function dayAfter<T extends { year: number; month: number; day: number }>(w: T, days: number): T {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whether a time can be booked: not past, not too far ahead, in service hours (a span of [0, 0] when none was read). */
export function judge(at: Date, now: Date, policy: Policy, span: Span = [0, 0]): AppointmentResult {
  const timezone = policy.timezone;
  if (at.getTime() <= now.getTime()) return { ok: false, span, reason: { code: "time.past", at, timezone } };
  if (at.getTime() - now.getTime() > policy.maxAdvanceDays * 86400000) return { ok: false, span, reason: { code: "time.tooFar", days: policy.maxAdvanceDays } };
  const { start, end } = policy.serviceHours;
  const minute = minuteOfDay(at, timezone);
  if (minute < toMinutes(start) || minute > toMinutes(end)) return { ok: false, span, reason: { code: "time.outOfHours", at, timezone, start, end } };
  return { ok: true, appointment: { asap: false, at: at.toISOString() }, span };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
