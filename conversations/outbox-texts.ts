/** What a steward is told when a message to a resident could not be confirmed delivered. */
import type { DeadLetterTexts } from "../src/core/ports.js";

export const deadLetterTexts: DeadLetterTexts = {
  mark: { zh: "【消息未送达】", en: "[Not delivered] " },
  message: {
    zh: "{mark}{about} 的一条消息未能确认送达（{reason}）：「{text}」。请电话联系确认。",
    en: "{mark}A message to {about} could not be confirmed delivered ({reason}): “{text}”. Please call to check.",
  },
  aboutTicket: { zh: "报事 {number}{phone}", en: "report {number}{phone}" },
  ownerPhone: { zh: "（业主电话 {phone}）", en: " (owner's phone {phone})" },
  aboutUser: { zh: "{channel} 用户 {user}", en: "{channel} user {user}" },
  interrupted: { zh: "发送中断，无法确认是否送达", en: "sending was interrupted; delivery cannot be confirmed" },
};
