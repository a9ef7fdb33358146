import type { Category } from "../ticket/domain.js";
import { CATEGORIES, placeLabel } from "../ticket/domain.js";
import type { NewTicket, Reply } from "../conversation/types.js";
import type { Policy } from "../policy/policy.js";
import { formatWhen } from "../policy/zoned.js";
import { maskPhone } from "../conversation/parse/phone.js";
import { feeStandard } from "../quotes/fees.js";
import type { AssignmentRecord } from "./records.js";

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

/** 派工单: what the technician needs to go, with accept / refuse. */
export function workOrder(t: OrderView, policy: Policy, a: AssignmentRecord, note?: string): Reply {
  const when = t.appointmentAt ? formatWhen(t.appointmentAt, policy.timezone, "zh") : "尽快";
  const complaint = t.nature === "投诉";
  const fee = feeStandard(t, policy);
  const lines = [
    complaint ? `【投诉处理单】${t.number}（${t.severity ?? "轻微"}投诉）` : `【派工单】${t.number}${t.urgency !== "一般" ? `（${t.urgency}）` : ""}`,
    ...(note ? [note] : []),
    `位置：${t.place ?? "待确认（正在询问住户，问到后马上转给您）"}`,
    `内容：${t.description}`,
    ...(complaint ? [] : [`预约：${when}`]),
    `类别：${t.category ? CATEGORIES[t.category].zh : "—"} · ${t.nature}`,
    ...(t.quote ? [`有偿服务，报价：${t.quote}（业主已同意）`] : fee ? [`有偿服务，收费标准：${fee.text}（施工前请先告知业主）`] : []),
    `业主电话：${t.phone ? maskPhone(t.phone) : "—"}（接单后可见完整号码）`,
    ...(t.attachments ? [`附件：${t.attachments} 个`] : []),
    `请在 ${formatWhen(a.respondBy, policy.timezone, "zh")} 前接单。`,
  ];
  return {
    text: lines.join("\n"),
    choices: [
      { label: complaint ? "受理" : "接单", value: `wo:accept:${a.id}` },
      { label: "拒单", value: `wo:refuse:${a.id}` },
    ],
  };
}
