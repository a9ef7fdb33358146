/** Staff words: binding a chat account, and the commands only bound staff reach. */
import type { StaffWords } from "../src/core/staff/staff-words.js";
import { vocabulary } from "./vocabulary.js";
import { callbackWords } from "./callbacks.js";
import { quoteWords } from "./quotes.js";
import { newTimeTexts } from "./reminders.js";

export const staffWords: StaffWords = {
  vocabulary,
  // (a deep link t.me/<bot>?start=bind_CODE arrives as /start bind_CODE, which Telegram words as 菜单)
  bind: /^(?:\/bind(?:@\w+)?|绑定|(?:菜单|\/start)\s+bind_)\s*([A-Za-z0-9]{6,12})$/i,
  myOrders: /^(我的工单|\/orders(?:@\w+)?)$/i,
  arrive: /^(到场|已到场|我到了|\/arrive(?:@\w+)?)$/i,
  complete: /^(?:完工|已完工|修好了|\/done(?:@\w+)?)[\s，,:：]*(.*)$/is,
  reportTrigger: "报事",
  onBehalf: /^(?:代报|\/onbehalf(?:@\w+)?)(?:[\s，,:：]+(.*))?$/is,
  handOver: /^(转单|\/handover(?:@\w+)?)$/i,
  reschedule: /^(?:改约|改时间|\/reschedule(?:@\w+)?)[\s，,:：]*(.*)$/is,
  hold: /^(挂起|暂停处理|\/hold(?:@\w+)?)$/i,
  resume: /^(恢复|恢复处理|继续处理|\/resume(?:@\w+)?)$/i,
  signIn: /^(登录|登陆|登录工作台|\/login(?:@\w+)?)$/i,
  commands:
    /^(登录|登陆|登录工作台|我的工单|接单|拒单|到场|已到场|我到了|完工|已完工|修好了|转单|改约|改时间|代报|报价|挂起|暂停处理|恢复|恢复处理|继续处理|\/(login|orders|accept|refuse|arrive|done|handover|reschedule|onbehalf|quote|hold|resume)(?:@\w+)?)(\s|$)/i,
  ratings: callbackWords.satisfaction,
  quotes: quoteWords,
  newTime: newTimeTexts,
  refusalReasons: [
    { code: "far", label: { zh: "不在附近", en: "Not nearby" } },
    { code: "skill", label: { zh: "技能不符", en: "Not my skill" } },
    { code: "busy", label: { zh: "时间冲突", en: "Busy at that time" } },
    { code: "other", label: { zh: "其他原因", en: "Other reason" } },
  ],
  holdReasons: [
    { code: "parts", label: { zh: "等配件", en: "Waiting for parts" } },
    { code: "owner", label: { zh: "等业主（不在家或另约）", en: "Waiting for the owner" } },
    { code: "dept", label: { zh: "等其他部门或单位", en: "Waiting for another department" } },
    { code: "other", label: { zh: "其他原因", en: "Other reason" } },
  ],
  texts: {
    asap: { zh: "尽快", en: "as soon as possible" },
    before: { zh: "{when} 前", en: "by {when}" },
    signInLink: {
      zh: "{name}，这是您的工作台登录链接，{minutes} 分钟内有效，只能用一次，请勿转发：\n{url}",
      en: "{name}, here is your console sign-in link — valid {minutes} minutes, once; do not forward it:\n{url}",
    },
    signInPrivately: { zh: "登录链接只在私聊中发送，请私聊我发「登录」。", en: "Sign-in links are sent only in a private chat: message me 登录 directly." },
    signInOff: { zh: "这里暂时不能发登录链接，请联系管理员。", en: "Sign-in links are not available here; ask an administrator." },
    holdWhy: { zh: "请问挂起 {number} 的原因是？挂起期间处理时限暂停计算。", en: "Why is {number} on hold? Its deadlines stop while it is." },
    noneToHold: { zh: "您没有已接单或已到场的工单可以挂起。", en: "You have no accepted or arrived order to put on hold." },
    held: {
      zh: "已挂起 {number}（{reason}），处理时限已暂停，已告知业主。条件具备后回复「恢复」；到 {until} 仍未恢复，主管会收到提醒。",
      en: "{number} is on hold ({reason}); its deadlines are paused and the resident has been told. Send /resume when you can go on; by {until} the supervisor is reminded.",
    },
    residentHeld: {
      zh: "您好，您的报事 {number} 暂时挂起：{reason}。{worker}会在条件具备后继续处理，有进展会第一时间告诉您。",
      en: "Hello, your report {number} is on hold ({reason}). {name} will carry on as soon as possible and keep you informed.",
    },
    noneOnHold: { zh: "您没有挂起中的工单。", en: "You have no order on hold." },
    resumed: { zh: "已恢复处理 {number}（挂起 {minutes} 分钟，处理时限顺延）。", en: "{number} resumed (on hold {minutes} min; deadlines moved on)." },
    residentResumed: { zh: "您好，您的报事 {number} 已恢复处理，{worker}会继续跟进。", en: "Hello, your report {number} is being worked on again by {name}." },
    bound: {
      zh: "绑定成功，{name}，您好！以后工单会发到这里。发送「我的工单」可以查看待办工单。",
      en: "Bound. Hello {name}! Work orders will come here; send /orders to see yours.",
    },
    badCode: { zh: "绑定码无效或已过期，请向管理员重新获取。", en: "That bind code is invalid or has expired; please ask the administrator for a new one." },
    alreadyBound: { zh: "{name}，这个账号已经绑定过了。", en: "{name}, this account is already bound." },
    staffOnly: {
      zh: "这个指令仅限已绑定的物业工作人员使用。如果您是业主，直接告诉我遇到的问题就可以了。",
      en: "That command is for bound property staff only. If you are a resident, just tell me about the problem.",
    },
    noOrders: { zh: "{name}，您目前没有待处理的工单。", en: "{name}, you have no open work orders." },
    orders: { zh: "您有 {n} 张待处理工单（按时间先后）：", en: "You have {n} open work order(s), oldest first:" },
    notYet: { zh: "这个工单操作还没有开放，请先在后台处理。", en: "That work-order action is not available in chat yet; please use the console." },
    notYours: { zh: "这张工单不是派给您的。", en: "That work order is not yours." },
    alreadyHandled: { zh: "工单 {number} 已经处理过了。", en: "Work order {number} has already been handled." },
    accepted: {
      zh: "已接单 {number}。\n位置：{place}\n业主电话：{phone}\n请于 {when} 到场，到场后回复「到场」。",
      en: "Accepted {number}.\nPlace: {place}\nResident's phone: {phone}\nPlease be there {when}.",
    },
    noneToArrive: { zh: "您没有已接单、待到场的工单。", en: "You have no accepted order waiting for your arrival." },
    noneToComplete: { zh: "您没有已到场、待完工的工单（请先回复「到场」）。", en: "You have no order you are on site for (send /arrive first)." },
    whichOrder: { zh: "请问是哪一张工单？", en: "Which work order?" },
    arrived: {
      zh: "已记录到场：{number}。完工后回复「完工 处理说明」，有收费请写上金额，如「完工 更换水龙头 材料费30元」。",
      en: "Arrival recorded: {number}. When done, send /done with notes and any fee.",
    },
    residentArrived: { zh: "您好，{worker}已到场处理您的报事 {number}。", en: "Hello, {name} has arrived for your report {number}." },
    completed: { zh: "已记录完工：{number}。谢谢！管家会在 24 小时内回访。", en: "Completion recorded: {number}. Thank you!" },
    residentCompleted: {
      zh: "您好，您的报事 {number} 已由{worker}处理完成{notes}。请问您对这次服务满意吗？管家也会回访听取您的意见。",
      en: "Hello, your report {number} was completed by {name}{notes}. Were you satisfied with the service? A steward will also follow up.",
    },
    handOverWhy: { zh: "请问转单 {number} 的原因是？", en: "Why are you handing {number} over?" },
    handOverNoOne: {
      zh: "暂时没有其他人能接手 {number}，请继续处理，或联系主管。",
      en: "Nobody else can take {number} now; please carry on or call your supervisor.",
    },
    noneToHandOver: { zh: "您没有已接单的工单可以转出。", en: "You have no accepted work order to hand over." },
    handedOver: { zh: "已转单 {number}，已交给{name}。", en: "{number} handed over to {name}." },
    residentHandedOver: {
      zh: "您好，您的报事 {number} 改由其他师傅处理，接单后会告诉您师傅的姓名和上门时间。",
      en: "Hello, your report {number} is being passed to another technician; we will tell you who and when once accepted.",
    },
    rescheduleHow: {
      zh: "请连同和业主约好的新时间一起发送，例如「改约 明天下午3点」。",
      en: "Send the new time agreed with the resident, e.g. /reschedule tomorrow 3pm.",
    },
    noneToReschedule: { zh: "您没有已接单、待上门的工单可以改约。", en: "You have no accepted visit to reschedule." },
    rescheduled: { zh: "已改约 {number} 到 {when}，已告知业主。", en: "{number} is rescheduled to {when}; the resident has been told." },
    residentRescheduled: {
      zh: "您好，{worker}已与您改约，报事 {number} 改为 {when} 上门。如时间不合适，请直接告诉我。",
      en: "Hello, {name} has rescheduled your report {number} to {when}. If that does not suit you, just tell me.",
    },
    refuseWhy: { zh: "请问拒单 {number} 的原因是？", en: "Why are you refusing {number}?" },
    refused: { zh: "已拒单 {number}，已按规定转给{name}。", en: "Refused {number}; it went to {name}." },
    refusedNoOne: {
      zh: "已拒单 {number}。上一级暂时无人可派，已记录，服务中心会尽快安排。",
      en: "Refused {number}. Nobody above can be reached; the service centre will arrange it.",
    },
    paidJob: {
      zh: "本次为有偿服务，收费标准：{fee}。师傅上门后会先和您确认费用再施工。",
      en: "This is a paid service; fee standard: {fee}. The technician will confirm the fee with you before starting.",
    },
    takenOn: {
      zh: "已受理 {number}。\n位置：{place}\n业主电话：{phone}\n请在 {due} 前处理完毕，处理后回复「完工 处理结果」。",
      en: "Taken on {number}.\nPlace: {place}\nResident's phone: {phone}\nPlease resolve it by {due}, then send /done with the outcome.",
    },
    residentTakenOn: {
      zh: "您好，您的报事 {number} 已由{name}受理，会在 {due} 前处理完毕并告诉您结果。",
      en: "Hello, your report {number} has been taken on by {name}, who will resolve it by {due} and tell you the outcome.",
    },
    residentTold: {
      zh: "您好，您的报事 {number} 已由{worker}接单，将于 {when} 上门。{phone}",
      en: "Hello, your report {number} was accepted by {name}, who will come {when}. {phone}",
    },
  },
};
