import type { Category, Lang, Nature, Severity, Text, Urgency } from "../ticket/domain.js";
import { placeLabel } from "../ticket/domain.js";
import type { Vocabulary } from "../vocabulary.js";
import { fill } from "../conversation/text.js";
import type { NewTicket, Reply } from "../conversation/types.js";
import type { Policy } from "../policy/policy.js";
import { formatWhen } from "../policy/zoned.js";
import { maskPhone } from "../conversation/parse/phone.js";
import { feeStandard } from "../quotes/fees.js";
import type { AssignmentRecord } from "./records.js";
import type { DispatchReason } from "./reasons.js";

/** What a work order shows, from a new ticket or a stored one. */
export interface OrderView {
  number: string;
  urgency: string;
  place: string | null;
  description: string;
  appointmentAt: Date | null;
  category: Category | null;
  nature: string;
  severity?: string | null;
  phone: string | null;
  attachments: number;
  /** a quote the resident accepted (paid job outside the catalogue) */
  quote?: string | null;
}

/** The view of a stored ticket (place already as text). */
export const orderView = (t: OrderView): OrderView => ({
  number: t.number,
  urgency: t.urgency,
  place: t.place,
  description: t.description,
  appointmentAt: t.appointmentAt,
  category: t.category,
  nature: t.nature,
  severity: t.severity ?? null,
  phone: t.phone,
  attachments: t.attachments,
  quote: t.quote ?? null,
});

export const viewOfNew = (t: NewTicket): OrderView => ({
  number: t.number,
  urgency: t.urgency,
  place: t.place ? placeLabel(t.place) : null,
  description: t.description,
  appointmentAt: t.appointment && !t.appointment.asap ? new Date(t.appointment.at) : null,
  category: t.category,
  nature: t.nature,
  severity: t.severity,
  phone: t.phone,
  attachments: t.attachments.length,
});

/** The words of the orders and alerts dispatch sends (filled in conversations/dispatch-texts.ts, zh and en). */
export interface DispatchTexts {
  /** categories, natures, urgencies and channels in words */
  vocabulary: Vocabulary;
  workOrder: {
    title: Text;
    /** the urgency after the title, when not 一般: "（紧急）" */
    urgency: Text;
    complaintTitle: Text;
    place: Text;
    placeUnknown: Text;
    content: Text;
    appointment: Text;
    asap: Text;
    category: Text;
    quoted: Text;
    fee: Text;
    phone: Text;
    attachments: Text;
    respondBy: Text;
    accept: Text;
    take: Text;
    refuse: Text;
    /** on an order passed on to this worker: "（王师傅拒单：不在附近）" */
    refusedBy: Text;
    handedOverBy: Text;
  };
  /** why an order went to whom, as the office reads it */
  why(r: DispatchReason): Text;
  /** nobody could be offered the order: to the supervisors */
  nobody: Text;
  /** a paid job outside the catalogue: to the supervisors, to quote */
  quoteRequest: Text;
  /** an emergency without a place: to the on-duty stewards and the supervisors */
  emergencyNoPlace: Text;
  contactPhone: Text;
  contactChat: Text;
}

/** 派工单: what the technician needs to go, with accept / refuse — in the language of whoever receives it. */
export function workOrder(t: OrderView, policy: Policy, a: AssignmentRecord, texts: DispatchTexts, lang: Lang = "zh", note?: string): Reply {
  const w = texts.workOrder;
  const say = (x: Text, vars: Record<string, string | number> = {}) => fill(x[lang], vars);
  const complaint = t.nature === "投诉";
  const fee = feeStandard(t, policy);
  const v = texts.vocabulary;
  const lines = [
    complaint
      ? say(w.complaintTitle, { number: t.number, severity: say(v.severities[(t.severity ?? "轻微") as Severity]) })
      : say(w.title, { number: t.number, urgency: t.urgency !== "一般" ? say(w.urgency, { urgency: say(v.urgencies[t.urgency as Urgency]) }) : "" }),
    ...(note ? [note] : []),
    t.place ? say(w.place, { place: t.place }) : say(w.placeUnknown),
    say(w.content, { description: t.description }),
    ...(complaint ? [] : [say(w.appointment, { when: t.appointmentAt ? formatWhen(t.appointmentAt, policy.timezone, lang) : say(w.asap) })]),
    say(w.category, {
      category: t.category ? say(v.categories[t.category]) : "—",
      nature: v.natures[t.nature as Nature] ? say(v.natures[t.nature as Nature]) : t.nature,
    }),
    ...(t.quote ? [say(w.quoted, { quote: t.quote })] : fee ? [say(w.fee, { fee: fee.text })] : []),
    say(w.phone, { phone: t.phone ? maskPhone(t.phone) : "—" }),
    ...(t.attachments ? [say(w.attachments, { n: t.attachments })] : []),
    say(w.respondBy, { due: formatWhen(a.respondBy, policy.timezone, lang) }),
  ];
  return {
    text: lines.join("\n"),
    choices: [
      { label: say(complaint ? w.take : w.accept), value: `wo:accept:${a.id}` },
      { label: say(w.refuse), value: `wo:refuse:${a.id}` },
    ],
  };
}
