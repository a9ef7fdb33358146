/**
 * 咨询: a question the property's policy answers (faq) is answered at once, with no report needed — the answer
 * to the question asked (how much is not how to pay), worded for the channel the resident is on. A question
 * the policy has no answer for goes on as a consultation report, answered by a person.
 */
import { classify, type Flow, type FlowContext } from "../src/core/conversation/flow-api.js";
import { greeting } from "./commands.js";
import { keywords, questionKinds } from "./keywords.js";

const said = (text: string, words: readonly (string | RegExp)[]) => words.some((w) => (typeof w === "string" ? text.toLowerCase().includes(w) : w.test(text)));

type Answer = { answer: string; answerEn?: string; byChannel?: Record<string, string> };

function answerFor(text: string, ctx: FlowContext): Answer | undefined {
  if (greeting.test(text) || classify(text, keywords).nature !== "咨询") return undefined;
  const onTopic = ctx.policy.faq.filter((f) => f.keywords.some((k) => text.includes(k)));
  const asks = questionKinds.find((q) => said(text, q.words))?.value;
  // the answer for this question, else one for any question on the topic; never the answer to another question
  const hit = onTopic.find((f) => f.asks === asks) ?? onTopic.find((f) => !f.asks);
  if (hit || asks !== "price") return hit;
  // "换个水龙头多少钱": the fee catalogue answers
  const fees = ctx.policy.fees.filter((f) => f.keywords.some((k) => text.includes(k)));
  if (!fees.length) return undefined;
  const items = fees.map((f) => `${f.item} ${f.price}元/${f.unit}`).join("；");
  return {
    answer: `按本小区的收费标准：${items}（户内有偿维修；公共部位的维修不收费）。需要上门的话，直接告诉我房号、电话和问题就可以报修。`,
    answerEn: `By this property's fee standard: ${items} (paid in-home repairs; common parts are free). To book a visit, tell me your room, phone and the problem.`,
  };
}

export const faqFlow: Flow = {
  name: "faq",
  triggers: [],
  claims: (input, ctx) => answerFor(input.text, ctx) !== undefined,
  async start(input, ctx) {
    const hit = answerFor(input.text, ctx)!;
    const answer = ctx.lang === "en" && hit.answerEn ? hit.answerEn : (hit.byChannel?.[ctx.channel] ?? hit.answer);
    const more = ctx.t({ zh: "还有其他问题可以继续问我；需要人工解答请回复「转人工」。", en: "Ask me anything else, or reply “human” to talk to a person." });
    return { replies: [{ text: `${answer}\n${more}` }], state: null, effects: [] };
  },
  async resume(_state, input, ctx) {
    return this.start(input, ctx);
  },
};
