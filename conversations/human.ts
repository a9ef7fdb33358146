/** 转人工: marks the conversation for a steward; the resident may keep going with the bot meanwhile. */
import type { Flow } from "../src/core/flow-api.js";

export const humanFlow: Flow = {
  name: "human",
  triggers: [/^(转人工|转接人工|找人工|人工客服|我要找人|找管家)/, /^(talk to a (person|human)|agent)/i],
  aside: true,
  async start(_input, ctx) {
    const phone = ctx.policy.servicePhone;
    return {
      replies: [
        {
          text: ctx.t(
            {
              zh: `好的，已为您转接人工，管家会尽快在这里回复您${phone ? "，着急的话也可以直接拨打服务中心电话 {phone}" : ""}。`,
              en: `OK, a steward has been asked to reply to you here soon${phone ? "; if it is urgent, call the service centre at {phone}" : ""}.`,
            },
            { phone: phone ?? "" },
          ),
        },
      ],
      state: null,
      effects: [{ type: "requestHuman" }],
    };
  },
  async resume(_state, input, ctx) {
    return this.start(input, ctx);
  },
};
