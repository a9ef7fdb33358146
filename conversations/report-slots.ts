/**
 * The report form's slots: how each piece (problem, room, phone, time, category) is read, asked and shown.
 * (Over 200 lines: the report form's slots side by side (how each is read, asked, refused and shown), sharing the classification helpers.)
 */
import { z } from "zod";
import {
  CATEGORIES,
  classify,
  checkAppointment,
  findAppointment,
  formatDay,
  findPhone,
  findPlace,
  formatWhen,
  NATURE_EN,
  NATURE_OF_CATEGORY,
  URGENCY_EN,
  placeLabel,
  type Appointment,
  type Category,
  type Classification,
  type FlowContext,
  type Place,
  type SlotDef,
} from "../src/core/conversation/flow-api.js";
import { greeting } from "./commands.js";
import { asapWords, keywords, notOnlyOurs, onlyOurs, ownFittings, places, whoseFault } from "./keywords.js";

export type Values = Readonly<Record<string, unknown>>;

/** Said in answer to the question being asked: "no", in its common forms. */
const NO_ANSWER = "^(保密|不告诉你?|不想告诉你?|不想说|不愿意说|不说|不方便|不想给|不给|不给了|不留|不留了|不想留|算了吧?|不用了)[。！!]?$";
const declinesRoom = new RegExp(
  `(不想|不方便|不愿意?|不能|不要|没法|拒绝).{0,3}(说|留|给|告诉|透露|提供)?.{0,3}(房号|地址|门牌|住址|住哪)|(房号|地址)(就)?不(说|留|给)了?|为什么要(房号|地址)|${NO_ANSWER}`,
);
const declinesPhone = new RegExp(
  `(不想|不方便|不愿意?|不能|不要|不用|没法|拒绝).{0,3}(留|给|说|告诉|提供)?.{0,3}(电话|手机|号码|联系方式)|不(留|给)(电话|手机|号码)|(电话|手机|号码)(就)?不(留|给)了?|为什么要(留)?(电话|手机|号码)|没有(电话|手机)|${NO_ANSWER}`,
);
const looksLikeCode = /<\/?[a-z][^>]*>|;\s*(drop|delete|insert|update|select)\b|\bunion\s+select\b|--\s*$|\bor\s+1\s*=\s*1\b/i;
/** Filler inside a piece: "电话是", "我家", greetings said before the problem. */
const filler = /(我的|我是|我家|联系)?(电话|手机|手机号|联系方式|号码|房号|地址)(是|为)?|请尽快|谢谢|您好|你好|^[，,。.\s:：!！]+|[，,。.\s:：]+$/g;
/** Who is addressed, said before the problem: "师傅你好，", "物业你们好", "hi," */
const addressed = /^(?:(?:喂|师傅|物业|管家|客服|前台|你们?好|您好|在吗|请问|hi|hello|hey)[，,！!~\s]*)+/i;

/**
 * Pieces that say nothing about the problem once room, phone and time are taken out: greetings, thanks, "come
 * and have a look", "I am the owner of …", English leftovers ("room", "phone", "please").
 */
const EMPTY_PIECES: readonly RegExp[] = [
  /^(我是|我家是?|我住在?|住在?)?(的)?(业主|住户|户主)?$/,
  /^(你们)?(能不能|可不可以|可以|能)?(派|安排)(个|一个)?(人|师傅)(来|过来)?(看看|看一下|看下|修一下)?(吗|吧)?$/,
  /^(以后|之后|以前|前)?(都|也)?(在家|有人|有空)(的)?$/,
  /^(都|也|就)?(可以|方便|有空|在家)?(上门|过来|来|来人|派人|安排)?(看看|一下|处理)?(吧|的|哦|啊|呢)?$/,
  /^(麻烦|请|帮忙|帮我|辛苦)?(你们|您|师傅|物业)?(尽快|赶紧|马上|有空)?(安排(个)?人|派(个)?(人|师傅)|(过)?来人?|上门)?(过来|来)?(看看?|看一下|看下|修一下|修修|修|处理一下|处理|弄一下)?(吧|哈|啊|呢|一下|了)?$/,
  /^(谢谢|多谢|感谢|麻烦(你们|您)?了|辛苦(了|你们了)?|拜托(了)?|十分感谢|非常感谢)(你们|您|师傅)?[!！。.~]*$/,
  /^(hi|hello|hey|please|pls|thanks|thank you|room|rm|phone|tel|mobile|my phone|call me|number|at|on)$/i,
  // (pieces are tested without their spaces: "I'm at", "Can someone come?")
  /^(i'?m|iam|we'?re)(at|in)?$|^(can|could|would)(someone|somebody|anyone|you)(come|help|fixit|havealook)(over|round|by)?(please)?$/i,
  /^(的|了|是|联系)$/,
];

function cleanDescription(text: string): string {
  // English is split into its clauses, Chinese into its pieces
  const english = (text.match(/[a-z]/gi)?.length ?? 0) > (text.match(/[\u4e00-\u9fff]/g)?.length ?? 0);
  return text
    .split(english ? /(?<=[,.;!?])\s*|\s{2,}/ : /(?<=[，,。；;！!])|\s+/)
    .map((part) => part.replace(addressed, ""))
    .filter((part) => !EMPTY_PIECES.some((re) => re.test(part.replace(/[，,。；;！!？?\s.]/g, ""))))
    .join(" ")
    .replace(filler, " ")
    .replace(/\s*([，,。!！])[\s，,。!！]*/g, "$1")
    .replace(/^[\s，,。!！:：、]+|[\s，,:：、!！]+$/g, "")
    .replace(/\s{2,}/g, " ")
    .trim();
}
/** Says something: two Chinese characters, or three English words. */
export const meaningful = (s: string) => (s.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 2 || (s.match(/[a-z]{2,}/gi)?.length ?? 0) >= 3;

export const description: SlotDef<string> = {
  name: "description",
  label: { zh: "报事内容", en: "Problem" },
  schema: z.string().min(2).max(500),
  prompt: {
    zh: "您好，请问遇到了什么问题？可以一次告诉我房号、电话和方便上门的时间，例如「3栋2单元201 厨房水管漏水 13812345678 明天下午3点」。",
    en: "Hello! What is the problem? You can send room, phone and a time together, e.g. “3栋2单元201 kitchen pipe leaking 13812345678 tomorrow 3pm”.",
  },
  refusal: { zh: "请用一句话描述一下遇到的问题，例如「厨房水管漏水」。", en: "Please describe the problem in a sentence, e.g. “kitchen pipe leaking”." },
  invalidReason: { zh: "未说明报事内容", en: "no description of the problem" },
  extract(msg) {
    if (msg.filled && !msg.asked) return undefined;
    if (looksLikeCode.test(msg.text)) {
      return { error: { zh: "请用文字描述遇到的问题，不要发送代码或网页标签。", en: "Please describe the problem in words, without code or HTML." } };
    }
    const text = cleanDescription(msg.text);
    if (!meaningful(text) || greeting.test(text)) return undefined;
    return { value: text.slice(0, 500) };
  },
  show: (v) => v,
};

export const place: SlotDef<Place> = {
  name: "place",
  label: { zh: "房号/位置", en: "Room / place" },
  schema: z.union([
    z.object({ kind: z.literal("room"), building: z.string().min(1), unit: z.string().nullable(), room: z.string().min(3) }),
    z.object({ kind: z.literal("location"), location: z.string().min(2).max(40) }),
  ]),
  prompt: (ctx, values) => {
    // an emergency filed already: only what is missing of its place, and why it matters now
    if (veryUrgent(values)) {
      const vague = vagueness(values.place as Place | undefined, ctx);
      if (vague) return { zh: `${vague.zh.replace(/[。？]$/, "")}，我马上转告值班人员。`, en: `${vague.en} I will pass it on at once.` };
      return {
        zh: "请问具体在哪里？例如「3栋2单元201」或「5栋电梯」，我马上转告值班人员。",
        en: "Where exactly is it? e.g. 3栋2单元201 or 5栋电梯 (building 5's lift). I will pass it on at once.",
      };
    }
    return {
      zh: "请问您的房号是多少？例如「3栋2单元201」；公共区域的问题请告诉我具体位置，例如「小区南门」。",
      en: "What is your room number? e.g. 3栋2单元201 (building 3, unit 2, room 201). For a public area, tell me the place, e.g. the south gate.",
    };
  },
  refusal: {
    zh: "没有看懂房号，请按「楼栋+单元+房号」发送，例如「3栋2单元201」，或告诉我具体位置。",
    en: "I could not read a room number. Please send building, unit and room, e.g. 3栋2单元201 or 3-2-201, or the place.",
  },
  declineExplain: {
    zh: "不好意思，房号（或具体位置）是师傅上门和回访的依据，只用于处理本次报事。请告诉我房号，例如「3栋2单元201」。",
    en: "Sorry, we need the room (or the place) to send someone and to call you back; it is used only for this report. What is your room number?",
  },
  invalidReason: { zh: "未提供房号或位置（匿名报事）", en: "no room or place given (anonymous report)" },
  extract(msg, ctx, values) {
    // an emergency's vague place ("5栋") asked again is completed by the answer, as a partial one is
    const partial = (msg.partial ?? (msg.asked && msg.filled ? values.place : undefined)) as Place | undefined;
    const found = completed(msg.text, partial, ctx);
    if (!found) return declinesRoom.test(msg.text) && (msg.asked || /房号|地址|门牌/.test(msg.text)) ? { declined: true } : undefined;
    // a location stays in the description ("小区南门的路灯坏了"); a room number is cut out of it
    const span = found.about === "room" ? { span: found.span } : {};
    if (found.ok) return { value: found.place, ...span };
    // an emergency goes with whatever place was said ("5栋" is enough for a lift); the rest is asked after
    if (msg.filled && !msg.asked) return undefined;
    if (found.partial && (veryUrgent(values) || classify(msg.text, keywords).urgency === "非常紧急")) return { value: found.partial, ...span };
    return { error: found.reason, ...span, ...(found.partial ? { partial: found.partial } : {}) };
  },
  show: placeLabel,
  remembered: (ctx) => ctx.resident.place,
};

/** The message read as a place, or with the part understood before ("5栋" then "2单元301"; "电梯" then "3栋"). */
function completed(text: string, partial: Place | undefined, ctx: FlowContext) {
  const alone = findPlace(text, ctx.policy, places);
  if (alone?.ok || partial?.kind !== "location" || !text.trim()) return alone;
  for (const joined of [`${partial.location}${text}`, `${text}${partial.location}`]) {
    const r = findPlace(joined, ctx.policy, places);
    if (r?.ok) return { ...r, span: [0, text.length] as [number, number] };
  }
  return alone;
}

/** What is still missing of a place an emergency was filed with ("5栋" of a flat, "电梯" of a building), if anything. */
export function vagueness(p: Place | undefined, ctx: FlowContext) {
  if (p?.kind !== "location") return undefined;
  const r = findPlace(p.location, ctx.policy, places);
  return r && !r.ok && r.partial ? r.reason : undefined;
}

export const veryUrgent = (values: Values) => classification(values)?.urgency === "非常紧急";

export const phone: SlotDef<string> = {
  name: "phone",
  label: { zh: "联系电话", en: "Phone" },
  schema: z.string().regex(/^\+86\d{9,12}$/),
  // who will call: the technician before a visit, else the person who handles it
  prompt: (_ctx, values) => {
    const c = classification(values);
    if (c?.urgency === "非常紧急")
      return { zh: "请留一个联系电话，方便值班人员马上联系您。", en: "Please leave a phone number so the duty team can call you right away." };
    if (c?.nature === "投诉")
      return {
        zh: "请留一个联系电话，方便负责人联系您、告诉您处理结果。",
        en: "Please leave a phone number so the person in charge can call you and tell you the outcome.",
      };
    if (c && c.nature !== "报修" && c.nature !== "求助")
      return { zh: "请留一个联系电话，方便我们答复您。", en: "Please leave a phone number so we can answer you." };
    return { zh: "请留一个联系电话，方便师傅上门前联系您。", en: "Please leave a phone number so the technician can call before coming." };
  },
  refusal: {
    zh: "没有找到电话号码，请发送 11 位手机号，或带区号的座机号（如 0571-88886666）。",
    en: "I could not find a phone number. Please send an 11-digit mobile number, or a landline with its area code (e.g. 0571-88886666).",
  },
  declineExplain: {
    zh: "不好意思，没有联系电话我们无法安排上门和回访。号码只用于本次报事，不会外泄，请留一个联系电话。",
    en: "Sorry, without a phone number we cannot arrange a visit or call you back. It is used only for this report. Please leave one.",
  },
  invalidReason: { zh: "未提供联系电话（无法联系）", en: "no phone number given (contactless report)" },
  extract(msg) {
    const found = findPhone(msg.text);
    if (found) return found.ok ? { value: found.e164, span: found.span } : { error: found.reason, span: found.span };
    if (declinesPhone.test(msg.text) && (msg.asked || /电话|手机|号码|联系方式/.test(msg.text))) return { declined: true };
    return undefined;
  },
  show: showPhone,
  remembered: (ctx) => ctx.resident.phone,
};

function showPhone(e164: string): string {
  const national = e164.replace(/^\+86/, "");
  return national.startsWith("1") ? national : `0${national}`;
}

export const classification = (values: Values) => values.category as Classification | undefined;

/** A fault that may be the owner's or the building's, not yet told which (not paid until it is: derive reads it as D). */
export function unsureWhose(values: Values): boolean {
  const text = values.description as string | undefined;
  if (!text || ownFittings.test(text) || !whoseFault.some((w) => (typeof w === "string" ? text.includes(w) : w.test(text)))) return false;
  const c = classify(text, keywords);
  return c.category === "A" && c.nature === "报修" && c.urgency !== "非常紧急";
}
export const needsVisit = (values: Values) => {
  const c = classification(values);
  return !c || (c.nature === "报修" && c.urgency !== "非常紧急");
};

export const appointment: SlotDef<Appointment> = {
  name: "appointment",
  label: { zh: "上门时间", en: "Visit time" },
  schema: z.union([z.object({ asap: z.literal(true) }), z.object({ asap: z.literal(false), at: z.iso.datetime() })]),
  prompt: {
    zh: "请问师傅什么时候上门方便？例如「明天下午3点」，着急的话回复「尽快」。",
    en: "When may the technician come? e.g. “tomorrow 3pm”, or reply “as soon as possible”.",
  },
  refusal: {
    zh: "没有看懂时间，请告诉我哪天几点，例如「明天下午3点」，或回复「尽快」。",
    en: "I could not read a time. Please give a day and hour, e.g. “tomorrow 3pm”, or reply “as soon as possible”.",
  },
  invalidReason: { zh: "未能约定上门时间", en: "no visit time could be agreed" },
  needed: needsVisit,
  extract(msg, ctx) {
    // in a complaint or a question, "半夜" or "昨晚" tell what happened, not when to come
    if (!msg.asked && !needsVisit({ category: classify(msg.text, keywords) })) return undefined;
    // the day said before ("后天") with the hour said now ("下午3点")
    const day = typeof msg.partial === "string" ? msg.partial : undefined;
    const withDay = day && msg.text.trim() ? findAppointment(`${day} ${msg.text}`, ctx.now, ctx.policy, asapWords) : undefined;
    const found = withDay?.ok ? { ...withDay, span: [0, msg.text.length] as [number, number] } : findAppointment(msg.text, ctx.now, ctx.policy, asapWords);
    if (!found) return undefined;
    if (!found.ok) return { error: found.reason, span: found.span, ...(found.partial ? { partial: found.partial } : {}) };
    if (!found.ambiguous) return { value: found.appointment, span: found.span };
    return { ask: whichDay(found.ambiguous.word, found.ambiguous.options, ctx), span: found.span };
  },
  show: (v, ctx) => (v.asap ? ctx.t({ zh: "尽快", en: "as soon as possible" }) : formatWhen(new Date(v.at), ctx.policy.timezone, ctx.lang)),
  choices: (ctx) => [{ label: ctx.t({ zh: "尽快", en: "As soon as possible" }), value: "set:appointment:asap" }],
  fromChoice(v, ctx) {
    if (v === "asap") return { asap: true };
    // a picked day (明天 after midnight): checked again, a press may come late
    const at = new Date(v);
    if (Number.isNaN(at.getTime())) return undefined;
    const checked = checkAppointment(at, ctx.now, ctx.policy);
    return checked.ok ? checked.appointment : undefined;
  },
};

/** 明天 said after midnight: 「您说的「明天」是 12月2日（周三）还是 12月3日（周四）？」 with both as choices. */
function whichDay(word: string, options: readonly Appointment[], ctx: FlowContext) {
  const [coming, literal] = options.map((o) => new Date(o.asap ? ctx.now : o.at)) as [Date, Date];
  const tz = ctx.policy.timezone;
  return {
    question: {
      zh: `您说的「${word}」是 ${formatDay(coming, tz, "zh")}还是 ${formatDay(literal, tz, "zh")}？`,
      en: `By “${word}”, do you mean ${formatDay(coming, tz, "en")} or ${formatDay(literal, tz, "en")}?`,
    },
    choices: [coming, literal].map((at) => ({ label: formatWhen(at, tz, ctx.lang), value: `set:appointment:${at.toISOString()}` })),
    fallback: options[1]!,
  };
}

export const category: SlotDef<Classification> = {
  name: "category",
  label: { zh: "类别", en: "Category" },
  derived: true,
  schema: z.object({ category: z.enum(["A", "B", "C", "D", "E", "F", "G"]), nature: z.string(), urgency: z.string() }).passthrough() as never,
  prompt: { zh: "请选择报事类别：", en: "Please choose a category:" },
  refusal: { zh: "请从下面的类别中选一个。", en: "Please pick one of the categories below." },
  invalidReason: { zh: "类别不明", en: "unknown category" },
  // asked once when a fault may be the owner's own fittings or the building's supply (没热水): paid or not
  extract(msg, ctx, values) {
    const c = classification(values);
    if (msg.asked && c) {
      if (onlyOurs.test(msg.text.trim())) return { value: { ...c, category: "A", nature: "报修" } };
      if (notOnlyOurs.test(msg.text)) return { value: { ...c, category: "D", nature: "报修" } };
      return undefined;
    }
    if (!unsureWhose(values)) return undefined;
    return {
      ask: {
        question: {
          zh: "请问是只有您家这样，还是整栋楼或邻居家也这样？（只有您家的话属于户内有偿维修，整栋楼的问题不收费）",
          en: "Is it only your flat, or the whole building / your neighbours too? (Only yours: a paid in-home repair; the building's: free.)",
        },
        choices: [
          { label: ctx.t({ zh: "只有我家", en: "Only my flat" }), value: "set:category:A" },
          { label: ctx.t({ zh: "整栋楼/邻居家也是", en: "The building / neighbours too" }), value: "set:category:D" },
          { label: ctx.t({ zh: "不清楚", en: "Not sure" }), value: "set:category:D" },
        ],
        fallback: c!,
      },
    };
  },
  show: (c, ctx) =>
    [
      ctx.t(CATEGORIES[c.category]),
      ctx.lang === "zh" ? c.nature : NATURE_EN[c.nature],
      c.urgency !== "一般" ? (ctx.lang === "zh" ? c.urgency : URGENCY_EN[c.urgency]) : "",
    ]
      .filter(Boolean)
      .join(" · "),
  choices: (ctx) => (Object.keys(CATEGORIES) as Category[]).map((k) => ({ label: `${k} ${ctx.t(CATEGORIES[k])}`, value: `set:category:${k}` })),
  fromChoice(v, _ctx, values) {
    if (!(v in CATEGORIES)) return undefined;
    const current = classification(values);
    const k = v as Category;
    return { ...(current ?? { urgency: "一般" as const }), category: k, nature: NATURE_OF_CATEGORY[k] } as Classification;
  },
};
