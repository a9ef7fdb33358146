/** 转人工 as the stewards and the resident read it (issue 16). */
import type { HandoffTexts } from "../src/core/handoff/handoff.js";
import { vocabulary } from "./vocabulary.js";

export const handoffTexts: HandoffTexts = {
  vocabulary,
  take: { zh: "接入", en: "Take it" },
  alert: {
    zh: "【转人工 #{n}】{who}请求人工服务。{recent}\n点「接入」（或回复「接入 {n}」）接手这个对话，之后您发的消息会转给住户。",
    en: "[Person wanted #{n}] {who} asked for a person.{recent}\nPress “Take it” (or write “接入 {n}”) to answer; what you write then goes to the resident.",
  },
  someone: { zh: "住户", en: "A resident" },
  place: { zh: "，{place}", en: ", {place}" },
  phone: { zh: "，电话 {phone}", en: ", phone {phone}" },
  noPhone: { zh: "，未留电话", en: ", no phone given" },
  recent: { zh: "\n最近的话：\n{lines}", en: "\nLately said:\n{lines}" },
  taken: {
    zh: "已接入 #{n}（{who}）。直接发消息即转给住户；发「结束」结束对话。同时接了几个对话时，用「回复 {n} 内容」。{recent}",
    en: "You have #{n} ({who}). What you write goes to the resident; send “结束” to end. With several at once, write “回复 {n} …”.{recent}",
  },
  takenByOther: { zh: "#{n} 已由 {name} 接入。", en: "#{n} was taken by {name}." },
  alreadyTaken: { zh: "#{n} 已由 {name} 接入，不用再处理。", en: "#{n} is already taken by {name}." },
  alreadyEnded: { zh: "#{n} 已经结束了。", en: "#{n} has already ended." },
  greeting: { zh: "您好，我是{name}，已经看到您的消息，请问有什么可以帮您？", en: "Hello, this is {name} from the service centre. How can I help?" },
  relayToSteward: { zh: "【#{n} {who}】{text}", en: "[#{n} {who}] {text}" },
  attachments: { zh: "（发来 {k} 个图片/语音，在后台查看：{link}）", en: " (sent {k} photo(s)/voice note(s): {link})" },
  fromSteward: { zh: "{name}：{text}", en: "{name}: {text}" },
  endedToResident: {
    zh: "{name}已结束本次对话。请为这次服务打个分：",
    en: "{name} has ended the conversation. How was the help?",
  },
  endedToSteward: { zh: "已结束 #{n}，住户会收到评价邀请。", en: "#{n} ended; the resident is asked to rate it." },
  residentEnded: { zh: "住户已结束 #{n}。", en: "The resident ended #{n}." },
  youEnded: {
    zh: "好的，已结束人工服务。之后有事直接发消息给我就好。",
    en: "OK, the conversation with the steward has ended. Write any time you need something.",
  },
  rated: { zh: "谢谢您的评价！之后有事直接发消息给我就好。", en: "Thank you! Write any time you need something." },
  waiting: {
    zh: "已转告管家，管家接入后会看到您这里说的话，请稍候。",
    en: "The stewards have been told; whoever takes it will see what you write here. Please wait a moment.",
  },
  unansweredToResident: {
    zh: "抱歉，管家们暂时都在忙，还没能接入。您可以直接留言，接入后会第一时间回复您{call}。",
    en: "Sorry, the stewards are all busy and nobody has taken it yet. Leave a message here and it will be answered first{call}.",
  },
  unansweredToLeads: {
    zh: "【转人工无人接 #{n}】{who} 已等了 {minutes} 分钟，还没有管家接入，请安排。",
    en: "[Nobody answered #{n}] {who} has waited {minutes} min for a person; please see to it.",
  },
  filedForYou: {
    zh: "{name}已为您登记报事，单号 {number}，后续进展会在这里通知您。",
    en: "{name} has filed your report, number {number}; you will hear of its progress here.",
  },
  nothingOpen: { zh: "您现在没有进行中的人工对话。", en: "You have no conversation with a resident open." },
  notYours: { zh: "#{n} 不是您接入的对话。", en: "#{n} is not yours." },
  ratings: ["满意", "基本满意", "不满意"],
  end: ["结束", "结束对话", "结束人工", "end"],
  reply: /^回复\s*#?(\d{1,6})\s+([\s\S]+)$/,
  requestWords: /^(转人工|转接人工|找人工|人工客服|人工|我要找人|找管家|talk to a (person|human)|agent)$/i,
  takeWords: /^(?:接入|take)\s*#?(\d{1,6})?$/i,
  nothingWaiting: { zh: "现在没有等待接入的住户。", en: "Nobody is waiting for a person." },
};
