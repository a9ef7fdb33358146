/** 咨询: a question the property's policy answers (faq) is answered at once, with no report needed. */
import { classify, type Flow, type FlowContext } from "../src/core/flow-api.js";
import { greeting } from "./commands.js";
import { keywords } from "./keywords.js";

function answerFor(text: string, ctx: FlowContext) {
  if (greeting.test(text) || classify(text, keywords).nature !== "咨询") return undefined;
  return ctx.policy.faq.find((f) => f.keywords.some((k) => text.includes(k)));
}

export const faqFlow: Flow = {
  name: "faq",
  triggers: [],
  claims: (input, ctx) => answerFor(input.text, ctx) !== undefined,
  async start(input, ctx) {
    const hit = answerFor(input.text, ctx)!;
    const answer = ctx.lang === "en" && hit.answerEn ? hit.answerEn : hit.answer;
    const more = ctx.t({ zh: "还有其他问题可以继续问我；需要人工解答请回复「转人工」。", en: "Ask me anything else, or reply “human” to talk to a person." });
    return { replies: [{ text: `${answer}\n${more}` }], state: null, effects: [] };
  },
  async resume(_state, input, ctx) {
    return this.start(input, ctx);
  },
};
