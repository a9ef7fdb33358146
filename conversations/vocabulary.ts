/** The domain's words as residents and staff read them: statuses, categories, steps, channels, refusals. zh and en. */
import type { Vocabulary } from "../src/core/vocabulary.js";
import { refusalText } from "./parse-texts.js";

const statuses: Vocabulary["statuses"] = {
  received: { zh: "已受理，待派工", en: "received, awaiting dispatch" },
  dispatched: { zh: "已派工", en: "dispatched" },
  accepted: { zh: "师傅已接单", en: "accepted by a technician" },
  arrived: { zh: "师傅已到场", en: "technician on site" },
  completed: { zh: "已完工，待回访", en: "completed, awaiting callback" },
  visited: { zh: "已回访", en: "called back" },
  closed: { zh: "已关闭", en: "closed" },
  invalid: { zh: "无效报事", en: "invalid" },
  cancelled: { zh: "已取消", en: "cancelled" },
  refused: { zh: "重新派工中", en: "being re-dispatched" },
  reopened: { zh: "已重新处理", en: "reopened" },
  on_hold: { zh: "暂停（等待配件或业主）", en: "on hold" },
  escalated: { zh: "已升级处理", en: "escalated" },
};

export const vocabulary: Vocabulary = {
  statuses,
  categories: {
    A: { zh: "特约维修", en: "paid in-home repair" },
    B: { zh: "家政保洁", en: "housekeeping" },
    C: { zh: "整改类", en: "rectification / warranty" },
    D: { zh: "公区维修", en: "common-area repair" },
    E: { zh: "投诉或建议", en: "complaint or suggestion" },
    F: { zh: "咨询类", en: "consultation" },
    G: { zh: "求助类", en: "help request" },
  },
  natures: {
    报修: { zh: "报修", en: "repair" },
    投诉: { zh: "投诉", en: "complaint" },
    建议: { zh: "建议", en: "suggestion" },
    咨询: { zh: "咨询", en: "consultation" },
    求助: { zh: "求助", en: "help" },
    无效: { zh: "无效", en: "invalid" },
  },
  urgencies: { 非常紧急: { zh: "非常紧急", en: "very urgent" }, 紧急: { zh: "紧急", en: "urgent" }, 一般: { zh: "一般", en: "normal" } },
  severities: { 重大: { zh: "重大", en: "major" }, 重要: { zh: "重要", en: "important" }, 轻微: { zh: "轻微", en: "minor" } },
  channels: {
    web: { zh: "网页", en: "web" },
    telegram: { zh: "Telegram", en: "Telegram" },
    wechat: { zh: "微信", en: "WeChat" },
    phone: { zh: "电话", en: "phone" },
    "walk-in": { zh: "前台", en: "front desk" },
  },
  otherChannel: { zh: "原渠道", en: "chat" },
  steps: {
    dispatch: { zh: "派工", en: "dispatch" },
    accept: { zh: "接单", en: "acceptance" },
    arrive: { zh: "到场", en: "arrival" },
    answer: { zh: "答复业主", en: "answer to the resident" },
    resolve: { zh: "处理完毕", en: "resolution" },
    hold: { zh: "结束挂起、恢复处理", en: "the end of the hold" },
  },
  refusal: refusalText,
  moveRefusal(r) {
    switch (r.why) {
      case "cancelled":
        return { zh: "这条报事已经取消了。", en: "This report has been cancelled." };
      case "onSite":
        return { zh: "师傅已经到场，不能在这里取消了，如有需要请转人工。", en: "The technician is already on site; it can no longer be cancelled here." };
      case "notHoldable":
        return { zh: "只有已接单或已到场的工单可以挂起。", en: "Only an accepted or arrived order can be put on hold." };
      case "notOnHold":
        return { zh: "这张工单没有挂起。", en: "That order is not on hold." };
      case "resumeOnlyTo":
        return { zh: `挂起的工单只能恢复为「${statuses[r.to].zh}」`, en: `A held order can only resume to "${statuses[r.to].en}"` };
      case "illegal":
        return {
          zh: `报事当前状态是「${statuses[r.from].zh}」，不能改为「${statuses[r.to].zh}」。`,
          en: `The report is "${statuses[r.from].en}"; it cannot become "${statuses[r.to].en}".`,
        };
    }
  },
};
