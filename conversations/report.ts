/**
 * 报事: collects place, phone, description and appointment — all from one message when the
 * resident writes them together — confirms, and files the report (or keeps it as invalid).
 */
import {
  classify,
  classifiedAs,
  defineForm,
  draftTicket,
  startOfDay,
  type Appointment,
  type Attachment,
  type FlowContext,
  type FormDef,
  type Place,
  type Text,
} from "../src/core/conversation/flow-api.js";
import { greeting } from "./commands.js";
import { keywords } from "./keywords.js";
import { formTexts, yesWords } from "./texts.js";
import { describeFiled, safetyAdvice } from "./report-texts.js";
import { duplicateTexts, repeats, similarOpen } from "./duplicates.js";
import { description, phone, appointment, classification, needsVisit, meaningful, veryUrgent } from "./report-slots.js";
import { place, vagueness } from "./report-place.js";
import { category, unsureWhose } from "./report-category.js";
import { amendFiled } from "./report-follow-up.js";

/** The report form's definition (the front desk reads a resident's words with its slots too). */
export const reportForm: FormDef = {
  name: "report",
  triggers: ["我要报事", "我要报修", "报事", "报修", "report"],
  // free text starts a report when it says something: words, or a room / phone number
  claims: ({ text, attachments }) => attachments.length > 0 || (!greeting.test(text) && (meaningful(text) || /\d{3,}/.test(text))),
  slots: [description, place, phone, appointment, category],
  extractOrder: ["phone", "place", "appointment", "description", "category"],
  derive(values) {
    const text = values.description as string | undefined;
    if (!text) return {};
    const p = values.place as Place | undefined;
    const where = p?.kind === "location" ? `${p.location} ` : "";
    const c = classify(where + text, keywords, { publicArea: p?.kind === "location" });
    // not paid until the resident says the fault is only theirs (asked once: unsureWhose)
    return { category: c.category === "A" && unsureWhose(values) ? { ...c, category: "D" } : c };
  },
  preface(values, ctx) {
    const c = classification(values);
    return c?.hazard ? safetyAdvice(c.hazard, ctx) : undefined;
  },
  // an emergency is filed and dispatched with whatever place was said; the rest is asked after, never made invalid
  fileFirst: veryUrgent,
  stillWanted: (values, ctx) =>
    veryUrgent(values) ? [...(!values.place || vagueness(values.place as Place, ctx) ? ["place"] : []), ...(!values.phone ? ["phone"] : [])] : [],
  amend: (filed, heard, ctx) => amendFiled(filed, heard, ctx),
  yesWords,
  texts: formTexts,
  precheck: (values, ctx) => repeats(values, ctx),
  async answerPrecheck(choice, values, ctx) {
    if (!choice.startsWith("dup:add:")) return undefined;
    // (checked again: a choice may be pressed late, or made up)
    const t = (await similarOpen(values, ctx)).find((x) => x.id === choice.slice("dup:add:".length));
    if (!t) return undefined;
    const text = values.description as string;
    return {
      replies: [{ text: ctx.t(duplicateTexts.added, { number: t.number }) }],
      effects: [{ type: "addToTicket", ticketId: t.id, number: t.number, text, attachments: (values.attachments as Attachment[]) ?? [] }],
    };
  },
  async submit(values, ctx, said) {
    const c = classification(values)!;
    // floods: past the day's limit a resident is told plainly and offered a person (an emergency always goes through)
    if (c.urgency !== "非常紧急" && (await ctx.tickets.filedSince(ctx.residentId, startOfDay(ctx.now, ctx.policy.timezone))) >= ctx.policy.maxReportsPerDay) {
      return {
        replies: [
          {
            text: ctx
              .t(duplicateTexts.tooMany, {
                max: ctx.policy.maxReportsPerDay,
                call: ctx.policy.servicePhone ? ctx.t(duplicateTexts.call, { phone: ctx.policy.servicePhone }) : "",
              })
              .trim(),
            choices: [{ label: ctx.t({ zh: "转人工", en: "Talk to a person" }), value: "cmd:human" }],
          },
        ],
        effects: [],
      };
    }
    const ticket = await draftTicket(
      {
        status: "received",
        ...classifiedAs(c),
        place: (values.place as Place | undefined) ?? null,
        phone: (values.phone as string | undefined) ?? null,
        reporterName: ctx.resident.displayName ?? null,
        description: values.description as string,
        said: said.join("\n") || null,
        appointment: needsVisit(values) ? (values.appointment as Appointment) : c.urgency === "非常紧急" ? { asap: true } : null,
        invalidReason: null,
        attachments: (values.attachments as Attachment[]) ?? [],
      },
      ctx,
    );
    // what dispatching it sets going is known before the answer is written: the answer says what will happen
    const outcome = await ctx.dispatch?.(ticket);
    const remember = ticket.place?.kind === "room" ? { place: ticket.place } : {};
    return {
      replies: [{ text: describeFiled(ticket, outcome, ctx) }],
      effects: [
        { type: "fileTicket", ticket, ...(outcome?.alerted ? { alerted: true } : {}) },
        { type: "rememberResident", ...remember, ...(ticket.phone ? { phone: ticket.phone } : {}) },
      ],
    };
  },
  async giveUp(values, reason: Text, ctx: FlowContext, said: readonly string[]) {
    const c = classification(values);
    const ticket = await draftTicket(
      {
        status: "invalid",
        category: c?.category ?? null,
        nature: "无效",
        severity: null,
        domain: null,
        urgency: c?.urgency ?? "一般",
        place: (values.place as Place) ?? null,
        phone: (values.phone as string) ?? null,
        reporterName: ctx.resident.displayName ?? null,
        description: (values.description as string) ?? "",
        said: said.join("\n") || null,
        appointment: null,
        invalidReason: reason.zh,
        attachments: (values.attachments as Attachment[]) ?? [],
      },
      ctx,
    );
    return {
      replies: [
        {
          text: ctx.t(
            {
              zh: "很抱歉，因为{reason}，这次报事无法受理，已记为无效报事（单号 {number}）。需要报事时，请提供房号（或具体位置）和联系电话，再发送「报事」重新开始。",
              en: "Sorry, because of {reason}, this report cannot be accepted; it is kept as invalid (no. {number}). To report again, send “report” with your room (or the place) and a phone number.",
            },
            { reason: ctx.t(reason), number: ticket.number },
          ),
        },
      ],
      effects: [{ type: "fileTicket", ticket }],
    };
  },
};

export const reportFlow = defineForm(reportForm);
