/** 查询进度: the resident's own open reports, newest first. */
import { formatWhen, OPEN_STATUSES, type Flow } from "../src/core/conversation/flow-api.js";
import { vocabulary } from "./vocabulary.js";
import { urgeWords } from "./urge.js";

export const progressFlow: Flow = {
  name: "progress",
  triggers: [/^(查询|查看|查|看看)?(一下)?(我的)?(报事|报修|维修|工单)?(的)?(进度|进展|状态)/, /^我的报事/, /^progress|^status/i],
  aside: true,
  async start(_input, ctx) {
    const open = await ctx.tickets.listForResident(ctx.residentId, OPEN_STATUSES, 5);
    if (!open.length) {
      return {
        replies: [
          {
            text: ctx.t({
              zh: "您目前没有处理中的报事。需要报事的话，直接告诉我遇到的问题就可以了。",
              en: "You have no open reports. Tell me about a problem any time.",
            }),
          },
        ],
        state: null,
        effects: [],
      };
    }
    const lines = open.map((t, i) => {
      const when = t.appointmentAt ? formatWhen(t.appointmentAt, ctx.policy.timezone, ctx.lang) : t.asap ? ctx.t({ zh: "尽快", en: "asap" }) : "";
      const desc = t.description.length > 20 ? `${t.description.slice(0, 20)}…` : t.description;
      return `${i + 1}. ${t.number} ${desc}\n   ${ctx.t(vocabulary.statuses[t.status])}${when ? ctx.t({ zh: "，预约 {when}", en: ", visit {when}" }, { when }) : ""}`;
    });
    const head = ctx.t({ zh: "您有 {n} 条处理中的报事：", en: "You have {n} open report(s):" }, { n: open.length });
    // 催单 under each report still waiting for someone (not a finished one waiting for its callback)
    const urgeable = open.filter((t) => t.status !== "completed").slice(0, 3);
    const choices = urgeable.map((t) => ({ label: `${ctx.t(urgeWords.label)} ${t.number}`, value: `urge:${t.id}` }));
    return { replies: [{ text: `${head}\n${lines.join("\n")}`, ...(choices.length ? { choices } : {}) }], state: null, effects: [] };
  },
  async resume(_state, input, ctx) {
    return this.start(input, ctx);
  },
};
