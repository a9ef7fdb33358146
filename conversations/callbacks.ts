/**
 * 回访 (SPEC §6): what the steward is reminded of and asked, and how the resident rates a finished job.
 * The answers are picked from choices, so buttons (Telegram) and numbers (WeChat) work alike.
 */
import type { Text } from "../src/core/ticket/domain.js";

export const callbackWords = {
  satisfaction: ["满意", "基本满意", "不满意"],
  timeliness: ["及时", "一般", "不及时"],
  method: [
    { code: "phone", label: "电话" },
    { code: "chat", label: "微信/消息" },
    { code: "visit", label: "上门" },
  ],
  /** a comment added to the steward's last recorded callback */
  comment: /^(?:回访备注|备注)[\s，,:：]*(.+)$/s,
  texts: {
    someWorker: { zh: "师傅", en: "the technician" },
    someSteward: { zh: "管家", en: "the steward" },
    remind: {
      zh: "【回访提醒】{number}（{place} {description}）已于 {completed} 由{worker}处理完成{notes}。\n请在 {due} 前回访业主（☎ {phone}），并记录业主是否满意：",
      en: "[Callback] {number} ({place} {description}) was completed {completed} by {worker}{notes}.\nPlease call the resident (☎ {phone}) by {due} and record whether they are satisfied:",
    },
    second: {
      zh: "【二次回访】{number}（{place} {description}）完工已近一个月，请在 {due} 前再次回访业主（☎ {phone}）：",
      en: "[Second callback] {number} ({place} {description}) was completed a month ago; please call the resident (☎ {phone}) again by {due}:",
    },
    overdue: {
      zh: "【回访超时】{number}（{place} {description}）应在 {due} 前回访，已超时 {late}，请尽快回访并记录：",
      en: "[Callback overdue] {number} ({place} {description}) was due for a callback by {due}; {late} late. Please call and record it:",
    },
    overdueUp: {
      zh: "【回访超时升级】{number}（{place} {description}）应在 {due} 前回访，已超时 {late}，{who}尚未回访。请您督办。",
      en: "[Callback escalated] {number} ({place} {description}) was due for a callback by {due}; {late} late and {who} has not called. Please follow up.",
    },
    askTimeliness: { zh: "{number}：业主觉得处理是否及时？", en: "{number}: did the resident find it timely?" },
    askMethod: { zh: "{number}：这次回访的方式是？", en: "{number}: how was this callback made?" },
    recorded: {
      zh: "已记录 {number} 的回访：{satisfaction}、{timeliness}、{method}。如需补充说明，请回复「回访备注 内容」。",
      en: "Callback for {number} recorded: {satisfaction}, {timeliness}, {method}. To add a comment, send “回访备注 …”.",
    },
    reopened: { zh: "业主不满意，{number} 已重新打开，并已上报{who}。", en: "The resident is not satisfied: {number} is reopened and {who} has been told." },
    alreadyDone: { zh: "{number} 的这次回访已经记录过了。", en: "This callback for {number} has already been recorded." },
    notYours: { zh: "这条回访不属于您所在的物业项目。", en: "That callback is not for your property." },
    commentSaved: { zh: "已补充 {number} 的回访备注。", en: "Comment added to the callback for {number}." },
    noRecent: { zh: "您最近没有已记录的回访，无法补充备注。", en: "You have no recently recorded callback to comment on." },
    unsatisfied: {
      zh: "【回访不满意】{number}（{place} {description}）业主{source}：不满意{comment}。报事已重新打开，请跟进并重新派工。",
      en: "[Not satisfied] The resident of {number} ({place} {description}) is not satisfied ({source}){comment}. The report is reopened; please follow up and dispatch it again.",
    },
    rateAsk: { zh: "请问您对这次服务满意吗？", en: "Were you satisfied with this service?" },
    rated: { zh: "谢谢您的评价！我们会继续努力。", en: "Thank you for your rating!" },
    ratedBad: {
      zh: "非常抱歉这次没能让您满意。报事 {number} 已重新打开并上报主管，我们会尽快与您联系。",
      en: "We are sorry it was not right. Report {number} is reopened and a supervisor has been told; we will contact you soon.",
    },
    alreadyRated: { zh: "您已经评价过 {number} 了，谢谢！", en: "You have already rated {number}, thank you!" },
    notYourReport: { zh: "抱歉，没有找到您的这条报事。", en: "Sorry, that report was not found among yours." },
    staffOnly: { zh: "这个操作仅限已绑定的物业工作人员使用。", en: "That is for bound property staff only." },
    fromCallback: { zh: "回访（{name}）", en: "callback ({name})" },
    fromRating: { zh: "评价", en: "rating" },
    serviceCentre: { zh: "服务中心", en: "the service centre" },
  },
} satisfies Record<string, unknown> & { texts: Record<string, Text> };

export const RATING_EN: Record<string, string> = { 满意: "Satisfied", 基本满意: "Mostly satisfied", 不满意: "Not satisfied" };
