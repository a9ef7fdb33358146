/** After an emergency is filed: what the resident adds (the place, a phone, more words) goes to the staff at once. */
import { placeLabel, type Attachment, type Effect, type Filed, type FlowContext, type Place } from "../src/core/conversation/flow-api.js";
import { meaningful } from "./report-slots.js";

export function amendFiled(
  filed: Filed,
  heard: { slots: Record<string, unknown>; note?: string; attachments: Attachment[] },
  ctx: FlowContext,
): { replies: string[]; effects: Effect[] } {
  const place = heard.slots.place as Place | undefined;
  const phone = heard.slots.phone as string | undefined;
  const note = heard.note && meaningful(heard.note) ? heard.note : undefined;
  if (!place && !phone && !note && !heard.attachments.length) return { replies: [], effects: [] };
  const what = [
    place ? ctx.t({ zh: "位置 {p}", en: "the place ({p})" }, { p: placeLabel(place) }) : "",
    phone ? ctx.t({ zh: "联系电话", en: "your phone" }) : "",
    note || heard.attachments.length ? ctx.t({ zh: "您补充的情况", en: "what you added" }) : "",
  ].filter(Boolean);
  return {
    replies: [ctx.t({ zh: "已转告值班人员：{what}。", en: "Passed on to the duty team: {what}." }, { what: what.join(ctx.t({ zh: "、", en: ", " })) })],
    effects: [
      {
        type: "amendTicket",
        ticketId: filed.ticketId,
        number: filed.number,
        ...(place ? { place } : {}),
        ...(phone ? { phone } : {}),
        ...(note ? { note } : {}),
        attachments: heard.attachments,
        ...(filed.alerted ? { alerted: true } : {}),
      },
    ],
  };
}
