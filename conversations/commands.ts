/** Words that work at any step of any flow (matched as the whole message). */
import type { Commands } from "../src/core/conversation/flow-api.js";

export const commands: Commands = {
  cancel: ["取消", "不报了", "算了", "不用了", "cancel", "stop", "quit"],
  back: ["返回", "上一步", "退回", "back"],
  human: ["转人工", "人工", "人工客服", "找人工", "真人", "客服", "human", "agent"],
  restart: ["重新开始", "重来", "重新来", "重新报", "restart", "start over"],
  menu: ["菜单", "帮助", "help", "menu", "?", "？", "/start", "/help"],
  english: ["english", "en"],
  chinese: ["中文", "chinese", "zh"],
};

/** A message that is only a greeting opens the menu instead of a report. */
export const greeting = /^(你好|您好|在吗|在不在|哈喽|嗨|hi|hello|hey|喂)[\s!！。.~～?？啊呀呢]*$/i;
