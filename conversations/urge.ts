/** 催单: what a resident says to urge a report, and what they and the staff are told. */
import type { UrgeWords } from "../src/core/visits/urge-desk.js";
import { vocabulary } from "./vocabulary.js";

export const urgeWords: UrgeWords = {
  vocabulary,
  urge: /^(?:请|麻烦)?(?:再)?(?:帮我)?(?:催一下|催一催|催催|催单|催促一下|催促|怎么还没(?:有)?(?:人)?(?:来|到|处理|修)|还没(?:有)?人来|师傅(?:怎么)?还没(?:来|到)|到底(?:什么时候|啥时候)(?:能)?来|什么时候(?:能)?来(?:人)?|hurry|any update|where is the technician)/i,
  label: { zh: "催单", en: "Urge" },
  texts: {
    none: {
      zh: "您目前没有处理中的报事可以催。需要报事的话，直接告诉我遇到的问题就可以了。",
      en: "You have no open report to urge. Tell me about a problem any time.",
    },
    which: { zh: "请问要催哪一条报事？", en: "Which report should we chase?" },
    tooSoon: {
      zh: "您在 {at} 已经催过 {number}，我们正在处理，{again} 后可以再催。{next}",
      en: "You chased {number} at {at}; it is being handled, and you can chase again after {again}. {next}",
    },
    told: {
      zh: "已帮您催促：{who}已收到您的催单（{number}，已等待 {waited}）。{next}",
      en: "Chased: {who} has been told ({number}, waiting {waited}). {next}",
    },
    toldUp: {
      zh: "已帮您再次催促，并上报给了{who}的上级督办（{number}，已等待 {waited}）。{next}",
      en: "Chased again and passed to {who}'s superior ({number}, waiting {waited}). {next}",
    },
    recorded: {
      zh: "已记录您的催单（{number}，已等待 {waited}），服务中心会尽快处理并联系您。{next}",
      en: "Your chase is recorded ({number}, waiting {waited}); the service centre will act and contact you. {next}",
    },
    quiet: {
      zh: "已记录您的催单（{number}）。现在是下班时间，服务中心 {open} 上班后会第一时间处理。如果情况紧急，请拨打 {phone}。",
      en: "Your chase of {number} is recorded. The office is closed; it opens {open} and will act first thing. If it cannot wait, call {phone}.",
    },
    staff: {
      zh: "【催单】{number}（{place} {description}）业主第 {n} 次催单，已等待 {waited}，当前「{status}」。请尽快处理并联系业主。",
      en: "[Chased] {number} ({place} {description}): the resident chased it (time {n}), waiting {waited}, now “{status}”. Please act and call them.",
    },
    staffUp: {
      zh: "【催单升级】{number}（{place} {description}）业主第 {n} 次催单，已等待 {waited}，当前「{status}」，{who}尚未处理完。请您督办。",
      en: "[Chased, escalated] {number} ({place} {description}): chased {n} times, waiting {waited}, now “{status}”; {who} has not finished. Please follow up.",
    },
    "next.dispatch": { zh: "主管会在 {due} 前安排好师傅，安排好后会告诉您。", en: "A supervisor will assign someone by {due} and tell you." },
    "next.accept": { zh: "工单已派出，师傅需在 {due} 前接单，接单后会告诉您。", en: "The order is out; it must be accepted by {due}, and you will be told." },
    "next.arrive": { zh: "师傅预计 {due} 前上门。", en: "The technician should be there by {due}." },
    "next.work": { zh: "师傅正在现场处理。", en: "The technician is on site." },
    "next.hold": {
      zh: "目前暂时挂起（{reason}），条件具备后会继续处理，主管已知晓。",
      en: "It is on hold ({reason}); work resumes as soon as possible and the supervisor knows.",
    },
    "next.late": {
      zh: "这一步已经超时，主管已收到提醒并在督办，会尽快给您答复。",
      en: "This step is overdue; the supervisor has been told and is following up.",
    },
  },
};
