/** 菜单 / 帮助: what Baoshi can do, with a button for each. */
import type { Flow } from "../src/core/conversation/flow-api.js";
import { greeting } from "./commands.js";

export const menuFlow: Flow = {
  name: "menu",
  triggers: [greeting],
  aside: true,
  async start(_input, ctx) {
    return {
      replies: [
        {
          text: ctx.t(
            {
              zh: "您好，这里是{property}报事服务。直接告诉我遇到的问题就可以，例如：\n「3栋2单元201 厨房水管漏水 13812345678 明天下午3点」\n您也可以选择：",
              en: "Hello, this is {property} service desk. Just tell me the problem, e.g.\n“3栋2单元201 kitchen pipe leaking 13812345678 tomorrow 3pm”\nOr choose:",
            },
            { property: ctx.property.name },
          ),
          choices: [
            { label: ctx.t({ zh: "我要报事", en: "Report a problem" }), value: "flow:report" },
            { label: ctx.t({ zh: "查询进度", en: "My reports" }), value: "flow:progress" },
            { label: ctx.t({ zh: "取消报事", en: "Cancel a report" }), value: "flow:cancel" },
            { label: ctx.t({ zh: "转人工", en: "Talk to a person" }), value: "cmd:human" },
          ],
        },
      ],
      state: null,
      effects: [],
    };
  },
  async resume(_state, input, ctx) {
    return this.start(input, ctx);
  },
};
