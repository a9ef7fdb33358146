/** 取消报事: the resident cancels one of their own reports before the technician arrives. */
import { CANCELLABLE_STATUSES, type Flow, type FlowContext, type FlowResult, type TicketSummary } from "../src/core/conversation/flow-api.js";
import { yesWords } from "./texts.js";

const short = (t: TicketSummary) => `${t.number} ${t.description.slice(0, 12)}${t.description.length > 12 ? "…" : ""}`;

function askConfirm(t: TicketSummary, ctx: FlowContext): FlowResult {
  return {
    replies: [
      {
        text: ctx.t({ zh: "确定要取消报事 {ticket} 吗？", en: "Cancel report {ticket}?" }, { ticket: short(t) }),
        choices: [
          { label: ctx.t({ zh: "确认取消", en: "Yes, cancel it" }), value: "yes" },
          { label: ctx.t({ zh: "不取消", en: "No, keep it" }), value: "no" },
        ],
      },
    ],
    state: { ticketId: t.id, number: t.number },
    effects: [],
  };
}

export const cancelFlow: Flow = {
  name: "cancel",
  triggers: [/^(取消|撤销|撤回)(这个|我的)?(报事|报修|工单|预约)/, /^cancel (report|ticket)/i],
  async start(_input, ctx) {
    const open = await ctx.tickets.listForResident(ctx.residentId, CANCELLABLE_STATUSES, 5);
    if (!open.length) {
      return {
        replies: [
          {
            text: ctx.t({
              zh: "您目前没有可以取消的报事（师傅到场后就不能在这里取消了，如有需要请回复「转人工」）。",
              en: "You have no report that can be cancelled (once the technician is on site, reply “human” for help).",
            }),
          },
        ],
        state: null,
        effects: [],
      };
    }
    if (open.length === 1) return askConfirm(open[0]!, ctx);
    return {
      replies: [
        {
          text: ctx.t({ zh: "请问要取消哪一条报事？", en: "Which report do you want to cancel?" }),
          choices: open.map((t) => ({ label: short(t), value: `pick:${t.id}` })),
        },
      ],
      state: { choosing: true },
      effects: [],
    };
  },
  async resume(state, input, ctx) {
    if (input.choice?.startsWith("pick:")) {
      const id = input.choice.slice(5);
      const mine = await ctx.tickets.listForResident(ctx.residentId, CANCELLABLE_STATUSES, 20);
      const t = mine.find((x) => x.id === id);
      if (t) return askConfirm(t, ctx);
    }
    if (state.ticketId) {
      const yes = input.choice === "yes" || yesWords.includes(input.text.toLowerCase());
      const no = input.choice === "no" || /^(不|否|no|n|不取消|不用)$/i.test(input.text);
      if (yes) {
        return {
          replies: [
            {
              text: ctx.t(
                { zh: "已为您取消报事 {number}。如有需要随时再联系我们。", en: "Report {number} is cancelled. Contact us any time." },
                { number: String(state.number) },
              ),
            },
          ],
          state: null,
          effects: [{ type: "cancelTicket", ticketId: String(state.ticketId), number: String(state.number) }],
        };
      }
      if (no) return { replies: [{ text: ctx.t({ zh: "好的，报事继续为您处理。", en: "OK, the report stays open." }) }], state: null, effects: [] };
    }
    return this.start(input, ctx);
  },
};
