/**
 * What the scheduled jobs say: deadline reminders and escalations, callbacks (回访), the daily
 * follow-up and the monthly statistics. Staff read Chinese; English is kept for the console.
 */
import type { Text } from "../src/core/ticket/domain.js";
import type { SweepTexts } from "../src/core/deadlines/deadline-sweep.js";
import { vocabulary } from "./vocabulary.js";

export const reminderTexts = {
  overdue: {
    zh: "【超时提醒】{number}（{place} {description}）应在 {due} 前{step}，已超时 {late}。请尽快处理。",
    en: "[Overdue] {number} ({place} {description}) was due for {step} by {due}; {late} late. Please act now.",
  },
  overdueUp: {
    zh: "【超时升级】{number}（{place} {description}）应在 {due} 前{step}，已超时 {late}，{who}尚未处理。请您督办。",
    en: "[Escalated] {number} ({place} {description}) was due for {step} by {due}; {late} late and {who} has not acted. Please follow up.",
  },
  warning: {
    zh: "【快超时】{number}（{place} {description}）需在 {due} 前{step}，还剩 {left}。",
    en: "[Due soon] {number} ({place} {description}) is due for {step} by {due}; {left} left.",
  },
  quietSummary: {
    zh: "【上班提醒】非工作时间里有 {count} 项到期未处理（夜间未打扰您）：",
    en: "[Start of day] {count} items fell due outside office hours (you were not disturbed at night):",
  },
  residentLate: {
    zh: "您好，非常抱歉，您的报事 {number} 师傅未能按时到场。我们已催促并上报主管，会尽快上门；如需另约时间，请直接告诉我。",
    en: "Hello, we are sorry: the technician for your report {number} is late. We have chased and escalated it; if you want another time, just tell me.",
  },
  acceptTimeout: { zh: "{name}在 {due} 前未接单，按规定转上一级", en: "{name} did not accept by {due}; passed one level up" },
  timedOut: { zh: "超时未接单", en: "not accepted in time" },
  someWorker: { zh: "师傅", en: "the technician" },
  nobodyLeft: {
    zh: "【待派工】{number}（{place} {description}）派工单无人接单，上一级也无人可派。请尽快人工派单。",
    en: "[Needs dispatch] Nobody accepted {number} ({place} {description}) and nobody above can be reached. Please dispatch it by hand.",
  },
} satisfies Record<string, Text>;

/** Nobody can go at the agreed time: the resident picks a new one (src/core/new-time.ts). */
export const newTimeTexts = {
  ask: {
    zh: "您好，非常抱歉，您的报事 {number} 暂时没有师傅能按约定时间上门。请选一个新的上门时间；都不方便的话，请回复「转人工」，服务中心会与您联系：",
    en: "Hello, we are sorry: nobody can come for your report {number} at the agreed time. Please pick a new time, or reply “human” and the service centre will call you:",
  },
  chosen: {
    zh: "好的，报事 {number} 已改为 {when} 上门，师傅接单后会告诉您。",
    en: "Report {number} is now booked for {when}; we will tell you who is coming.",
  },
  chosenToday: {
    zh: "好的，报事 {number} 已改为 {when} 上门，我们会在上门前安排好师傅并告诉您。",
    en: "Report {number} is now booked for {when}; a technician will be arranged before then and we will tell you who.",
  },
  notYours: { zh: "抱歉，没有找到您的这条报事。", en: "Sorry, that report was not found among yours." },
  tooLate: { zh: "报事 {number} 已经安排好了，不需要再选时间。", en: "Report {number} has already been arranged." },
} satisfies Record<string, Text>;

/** "5 分钟", "2 小时 10 分钟", "3 天" (en: "5 min", "2 h 10 min", "3 days") */
export function lateBy(minutes: number, lang: "zh" | "en" = "zh"): string {
  const m = Math.max(1, Math.round(minutes));
  const u = lang === "en" ? { min: " min", h: " h", d: (n: number) => (n === 1 ? " day" : " days") } : { min: " 分钟", h: " 小时", d: () => " 天" };
  if (m < 60) return `${m}${u.min}`;
  if (m < 1440) return m % 60 ? `${Math.floor(m / 60)}${u.h} ${m % 60}${u.min}` : `${m / 60}${u.h}`;
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  return h ? `${d}${u.d(d)} ${h}${u.h}` : `${d}${u.d(d)}`;
}

/** Everything the deadline sweep says. */
export const sweepTexts: SweepTexts = { ...reminderTexts, newTime: newTimeTexts, lateBy, vocabulary };
