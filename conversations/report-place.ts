/** The report form's place slot: a room or a public place, completed from what was understood before. */
import { z } from "zod";
import { classify, findPlace, placeLabel, type FlowContext, type Place, type SlotDef } from "../src/core/conversation/flow-api.js";
import { keywords, places } from "./keywords.js";
import { refusalText } from "./parse-texts.js";
import { NO_ANSWER, veryUrgent } from "./report-slots.js";

const declinesRoom = new RegExp(
  `(不想|不方便|不愿意?|不能|不要|没法|拒绝).{0,3}(说|留|给|告诉|透露|提供)?.{0,3}(房号|地址|门牌|住址|住哪)|(房号|地址)(就)?不(说|留|给)了?|为什么要(房号|地址)|${NO_ANSWER}`,
);

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
    return { error: refusalText(found.reason), ...span, ...(found.partial ? { partial: found.partial } : {}) };
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
  return r && !r.ok && r.partial ? refusalText(r.reason) : undefined;
}
