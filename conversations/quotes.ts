/**
 * Quotes for paid jobs outside the fee catalogue (seed 000 3.5.4 c): the supervisor answers a 报价单
 * with 「报价 金额 说明」; the resident accepts or declines the fee in chat before anyone comes.
 */
import type { QuoteWords } from "../src/core/quotes/quote-desk.js";

export const quoteWords = {
  /** 报价 [单号] 金额 说明 */
  quote: /^(?:报价|\/quote(?:@\w+)?)[\s，,:：]*(?:(BS\d{8}-\d{4})[\s，,:：]*)?(\d+(?:\.\d+)?)\s*元?[\s，,:：]*(.*)$/is,
  texts: {
    noQuotes: { zh: "目前没有等待报价的报事。", en: "No report is waiting for a quote." },
    /** what a quote covers when the supervisor did not say */
    defaultNote: { zh: "维修", en: "repair" },
    /** the agreed quote on the work order */
    orderQuote: { zh: "{price} 元（{note}）", en: "¥{price} ({note})" },
    whichQuote: {
      zh: "有多张报事在等报价，请注明单号，例如「报价 {number} 200 更换瓷砖」：{numbers}",
      en: "Several reports wait for a quote; name one, e.g. /quote {number} 200 new tiles: {numbers}",
    },
    badQuote: {
      zh: "金额请写 1 到 99999 元之间的数字，例如「报价 200 更换瓷砖」。",
      en: "Write an amount between 1 and 99999 yuan, e.g. /quote 200 new tiles.",
    },
    quoted: { zh: "已报价 {number}：{price} 元（{note}），已发给业主确认。", en: "Quoted {number}: {price} yuan ({note}); sent to the resident to accept." },
    residentQuote: {
      zh: "您好，您的报事 {number} 不在收费标准内，经主管评估：{note}，费用 {price} 元。请问是否同意？同意后我们马上安排师傅上门。",
      en: "Hello, your report {number} is not in the fee catalogue. The supervisor's quote: {note}, {price} yuan. Do you accept? A technician is sent as soon as you do.",
    },
    accepted: { zh: "好的，已确认费用，{worker}会尽快与您联系上门时间。", en: "Thank you. {name} will contact you about the visit." },
    acceptedWaiting: {
      zh: "好的，已确认费用，我们正在为您安排师傅，安排好后会告诉您。",
      en: "Thank you. We are arranging a technician and will tell you who and when.",
    },
    declined: {
      zh: "好的，已为您取消报事 {number}，不会收取任何费用。如有需要，随时再告诉我。",
      en: "All right, report {number} is cancelled at no charge. Tell me any time you need something.",
    },
    alreadyAnswered: { zh: "报事 {number} 的报价已经确认过了。", en: "The quote for {number} has already been answered." },
    notYours: { zh: "抱歉，没有找到您的这条报事。", en: "Sorry, that report was not found among yours." },
  },
  yes: { zh: "同意", en: "Accept" },
  no: { zh: "不同意", en: "Decline" },
} satisfies QuoteWords;
