/** Texts every flow shares. zh-CN first; English beside it. Placeholders: {name}. */
import type { EngineTexts, FormTexts, Text } from "../src/core/conversation/flow-api.js";

export const engineTexts: EngineTexts = {
  cancelled: { zh: "好的，已取消本次操作。需要时直接告诉我遇到的问题就可以了。", en: "OK, cancelled. Tell me about a problem any time." },
  nothingToGoBack: { zh: "现在没有可以返回的步骤。", en: "There is no step to go back to." },
  restarted: { zh: "好的，我们重新开始。", en: "OK, let's start over." },
  languageSet: { zh: "好的，接下来用中文为您服务。", en: "OK, I will reply in English from now on." },
};

export const formTexts: FormTexts = {
  summaryTitle: { zh: "请您核对报事信息：", en: "Please check your report:" },
  labelSep: { zh: "：", en: ": " },
  listSep: { zh: "、", en: ", " },
  confirm: { zh: "确认提交", en: "Submit" },
  edit: { zh: "修改", en: "Change" },
  editWhich: { zh: "请问要修改哪一项？", en: "What would you like to change?" },
  confirmHint: {
    zh: "信息无误请点「确认提交」（或回复「确认」），需要修改请点「修改」。",
    en: "If everything is right, press Submit (or reply “yes”); otherwise press Change.",
  },
  updated: { zh: "已为您更新。", en: "Updated." },
  noted: { zh: "好的，{what}已记下。", en: "Noted: {what}." },
  firstStep: { zh: "已经是第一步了。", en: "This is already the first step." },
  useRemembered: { zh: "用 {value}", en: "Use {value}" },
  other: { zh: "换一个", en: "Another one" },
  editPrefix: { zh: "改", en: "Change " },
  attachmentReceived: { zh: "已收到您的图片/语音，会附在报事单上。", en: "Got your photo/voice note; it will be attached to the report." },
  skipped: { zh: "好的，这一项可以先不提供，我们先处理紧急情况。", en: "All right, you can skip that; the emergency comes first." },
  followUpDone: {
    zh: "好的，已全部转告值班人员。有新情况请直接发给我，我会马上转告。",
    en: "Thank you, everything has been passed on to the duty team. Send me anything new and I will pass it on at once.",
  },
};

/** Said when a message cannot be read at all (before any flow sees it). */
export const inputTexts = {
  empty: {
    zh: "您好，请用文字告诉我遇到的问题，例如「3栋2单元201 厨房水管漏水」。",
    en: "Hello! Please describe the problem in words, e.g. “Kitchen pipe leaking, room 3-2-201”.",
  },
  tooLong: {
    zh: "不好意思，消息太长了（最多 {max} 个字），请精简一下或分几条发给我。",
    en: "Sorry, that message is too long (at most {max} characters). Please shorten it or send it in parts.",
  },
  expired: {
    zh: "您好，您上次的报事超过 {minutes} 分钟没有回复，已自动结束，之前填写的内容没有提交。",
    en: "Hello! Your last report was idle for over {minutes} minutes and has ended; what you entered was not submitted.",
  },
  failed: {
    zh: "不好意思，系统刚才出了点问题，您的消息没有处理成功，请稍后再发一次。",
    en: "Sorry, something went wrong and your message was not processed. Please send it again shortly.",
  },
} satisfies Record<string, Text>;

/** Words that mean yes at a confirmation. */
export const yesWords = ["确认", "确认提交", "提交", "是", "是的", "对", "对的", "好", "好的", "没问题", "可以", "ok", "yes", "y", "submit", "确定"];
