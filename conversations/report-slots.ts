/**
 * The report form's slots for the problem, the phone and the time: how each is read, asked and shown, and what
 * the slots share (the classification, urgency, whether a visit is needed). The place is in report-place.ts, the
 * category in report-category.ts.
 */
import { z } from "zod";
import {
  classify,
  checkAppointment,
  findAppointment,
  formatDay,
  findPhone,
  formatWhen,
  type Appointment,
  type Classification,
  type FlowContext,
  type SlotDef,
} from "../src/core/conversation/flow-api.js";
import { greeting } from "./commands.js";
import { asapWords, keywords } from "./keywords.js";
import { refusalText } from "./parse-texts.js";

export type Values = Readonly<Record<string, unknown>>;

/** Said in answer to the question being asked: "no", in its common forms. */
export const NO_ANSWER = "^(保密|不告诉你?|不想告诉你?|不想说|不愿意说|不说|不方便|不想给|不给|不给了|不留|不留了|不想留|算了吧?|不用了)[。！!]?$";
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
    if (found) return found.ok ? { value: found.e164, span: found.span } : { error: refusalText(found.reason), span: found.span };
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
    if (!found.ok) return { error: refusalText(found.reason), span: found.span, ...(found.partial ? { partial: found.partial } : {}) };
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
