/** Staff words: binding a chat account, and the commands only bound staff reach. */
import type { StaffWords } from "../src/core/staff-desk.js";

export const staffWords: StaffWords = {
  bind: /^(?:\/bind(?:@\w+)?|绑定)\s*([A-Za-z0-9]{6,12})$/i,
  myOrders: /^(我的工单|\/orders(?:@\w+)?)$/i,
  commands: /^(我的工单|接单|拒单|到场|完工|转单|改约|代报|\/(orders|accept|refuse|arrive|done|handover|reschedule|onbehalf)(?:@\w+)?)(\s|$)/i,
  texts: {
    bound: { zh: "绑定成功，{name}，您好！以后工单会发到这里。发送「我的工单」可以查看待办工单。", en: "Bound. Hello {name}! Work orders will come here; send /orders to see yours." },
    badCode: { zh: "绑定码无效或已过期，请向管理员重新获取。", en: "That bind code is invalid or has expired; please ask the administrator for a new one." },
    alreadyBound: { zh: "{name}，这个账号已经绑定过了。", en: "{name}, this account is already bound." },
    staffOnly: {
      zh: "这个指令仅限已绑定的物业工作人员使用。如果您是业主，直接告诉我遇到的问题就可以了。",
      en: "That command is for bound property staff only. If you are a resident, just tell me about the problem.",
    },
    noOrders: { zh: "{name}，您目前没有待处理的工单。", en: "{name}, you have no open work orders." },
    orders: { zh: "您有 {n} 张待处理工单（按时间先后）：", en: "You have {n} open work order(s), oldest first:" },
    notYet: { zh: "这个工单操作还没有开放，请先在后台处理。", en: "That work-order action is not available in chat yet; please use the console." },
  },
};
