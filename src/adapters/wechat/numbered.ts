import type { Reply } from "../../core/conversation/types.js";
import type { ChannelTexts } from "../channel.js";

/**
 * Personal chats have no buttons: choices become numbered replies ("回复 1 确认提交，2 修改").
 * The engine already takes a typed number or label as the press of that choice.
 */
export function withNumberedChoices(reply: Reply, words: ChannelTexts["numbered"]): string {
  const choices = reply.choices ?? [];
  if (!choices.length) return reply.text;
  const chinese = choices.some((c) => /[\u4e00-\u9fff]/.test(c.label));
  const items = choices.map((c, i) => `${i + 1} ${c.label}`);
  // short lists on one line, long ones (categories) one per line
  const lang = chinese ? "zh" : "en";
  const list = items.length <= 4 ? items.join(words.comma[lang]) : `\n${items.join("\n")}`;
  return `${reply.text}\n${words.reply[lang]} ${list}`;
}
