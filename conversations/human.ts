/** 转人工: marks the conversation for a steward, who is told in chat; the resident may keep going with the bot meanwhile. */
import { formatWhen, nextOfficeStart, waitsForTheOffice, type Flow } from "../src/core/conversation/flow-api.js";
import type { HumanAlertTexts } from "../src/core/staff/human-requests.js";
import { vocabulary } from "./vocabulary.js";

/** What the stewards (else the supervisors) are told. */
export const humanAlert: HumanAlertTexts = {
  vocabulary,
  alert: {
    zh: "【转人工】{who}（{channel}{place}{phone}）请求人工服务，请尽快联系。",
    en: "[Person wanted] {who} ({channel}{place}{phone}) asked for a person; please get in touch.",
  },
  someone: { zh: "业主", en: "A resident" },
  place: { zh: "，{place}", en: ", {place}" },
  phone: { zh: "，电话 {phone}", en: ", phone {phone}" },
  noPhone: { zh: "，未留电话，请在原渠道回复", en: ", no phone: answer on the same channel" },
};

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
            zh: `已记录您的转人工请求。现在是下班时间，服务中心 {open} 上班后会尽快联系您${night ? "；着急的话请拨打 {night}" : ""}。`,
            en: `Your request for a person is recorded. The office is closed; it opens {open} and will contact you${night ? ". If it cannot wait, call {night}" : ""}.`,
          },
          { open: formatWhen(nextOfficeStart(ctx.now, ctx.policy), ctx.policy.timezone, ctx.lang), night: night ?? "" },
        )
      : ctx.t(
          {
            zh: `好的，已为您转接人工，管家已收到通知，会尽快联系您${phone ? "，着急的话也可以直接拨打服务中心电话 {phone}" : ""}。`,
            en: `OK, a steward has been told and will contact you soon${phone ? "; if it is urgent, call the service centre at {phone}" : ""}.`,
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
