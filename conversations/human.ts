/** 转人工: opens a handoff; the stewards on duty are told with a 接入 button, and whoever takes it talks with the resident here. */
import { formatWhen, nextOfficeStart, waitsForTheOffice, type Flow } from "../src/core/conversation/flow-api.js";

export const humanFlow: Flow = {
  name: "human",
  triggers: [/^(转人工|转接人工|找人工|人工客服|我要找人|找管家)/, /^(talk to a (person|human)|agent)/i],
  aside: true,
  async start(_input, ctx) {
    const phone = ctx.policy.servicePhone;
    // in quiet hours nobody is woken: the resident is told when the office opens, and whom to call now
    const closed = waitsForTheOffice({ urgency: "一般" }, ctx.policy, ctx.now);
    const night = ctx.policy.nightContact ?? phone;
    const text = closed
      ? ctx.t(
          {
            zh: `已记录您的转人工请求。现在是下班时间，服务中心 {open} 上班后管家会在这里回复您，您现在说的话管家都能看到${night ? "；着急的话请拨打 {night}" : ""}。`,
            en: `Your request for a person is recorded. The office is closed; it opens {open} and a steward will answer you here, seeing what you write now${night ? ". If it cannot wait, call {night}" : ""}.`,
          },
          { open: formatWhen(nextOfficeStart(ctx.now, ctx.policy), ctx.policy.timezone, ctx.lang), night: night ?? "" },
        )
      : ctx.t(
          {
            zh: `好的，正在为您转接人工，管家接入后会直接在这里回复您${phone ? "；着急的话也可以拨打服务中心电话 {phone}" : ""}。`,
            en: `OK, a steward is being found and will answer you right here${phone ? "; if it is urgent, call the service centre at {phone}" : ""}.`,
          },
          { phone: phone ?? "" },
        );
    return {
      replies: [{ text }],
      state: null,
      effects: [{ type: "requestHuman" }],
    };
  },
  async resume(_state, input, ctx) {
    return this.start(input, ctx);
  },
};
