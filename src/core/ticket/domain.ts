/** Words of the domain (SPEC §2–§3, §9), shared by every layer. */

/** Staff roles; the default escalation chain runs technician → supervisor → project manager → general manager. */
export const ROLES = ["technician", "steward", "supervisor", "project_manager", "general_manager", "quality"] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ["web", "telegram", "wechat", "phone", "walk-in"] as const;
export type ChannelName = (typeof CHANNELS)[number];
/** A channel as staff read it in a message ("住户在微信对话中"). */
export const CHANNEL_ZH: Record<string, string> = { web: "网页", telegram: "Telegram", wechat: "微信", phone: "电话" };

export type Lang = "zh" | "en";
/** A text in both languages; zh-CN first. */
export interface Text {
  zh: string;
  en: string;
}
export const say = (t: Text, lang: Lang): string => t[lang];

/** 报事类别 (SPEC §2). */
export const CATEGORIES = {
  A: { zh: "特约维修", en: "paid in-home repair" },
  B: { zh: "家政保洁", en: "housekeeping" },
  C: { zh: "整改类", en: "rectification / warranty" },
  D: { zh: "公区维修", en: "common-area repair" },
  E: { zh: "投诉或建议", en: "complaint or suggestion" },
  F: { zh: "咨询类", en: "consultation" },
  G: { zh: "求助类", en: "help request" },
} as const satisfies Record<string, Text>;
export type Category = keyof typeof CATEGORIES;

/** 性质 */
export const NATURES = ["报修", "投诉", "建议", "咨询", "求助", "无效"] as const;
export type Nature = (typeof NATURES)[number];
export const NATURE_EN: Record<Nature, string> = {
  报修: "repair",
  投诉: "complaint",
  建议: "suggestion",
  咨询: "consultation",
  求助: "help",
  无效: "invalid",
};

export const URGENCIES = ["非常紧急", "紧急", "一般"] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_EN: Record<Urgency, string> = { 非常紧急: "very urgent", 紧急: "urgent", 一般: "normal" };

/** 投诉界定 */
export const SEVERITIES = ["重大", "重要", "轻微"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** 专业范畴 of a complaint */
export const DOMAINS = ["销售管理", "规划设计", "服务质量", "维保服务", "其它"] as const;
export type ComplaintDomain = (typeof DOMAINS)[number];

/** Lifecycle (SPEC §3). */
export const STATUSES = [
  "received",
  "dispatched",
  "accepted",
  "arrived",
  "completed",
  "visited",
  "closed",
  "invalid",
  "cancelled",
  "refused",
  "reopened",
  "on_hold",
  "escalated",
] as const;
export type TicketStatus = (typeof STATUSES)[number];

export const STATUS_TEXT: Record<TicketStatus, Text> = {
  received: { zh: "已受理，待派工", en: "received, awaiting dispatch" },
  dispatched: { zh: "已派工", en: "dispatched" },
  accepted: { zh: "师傅已接单", en: "accepted by a technician" },
  arrived: { zh: "师傅已到场", en: "technician on site" },
  completed: { zh: "已完工，待回访", en: "completed, awaiting callback" },
  visited: { zh: "已回访", en: "called back" },
  closed: { zh: "已关闭", en: "closed" },
  invalid: { zh: "无效报事", en: "invalid" },
  cancelled: { zh: "已取消", en: "cancelled" },
  refused: { zh: "重新派工中", en: "being re-dispatched" },
  reopened: { zh: "已重新处理", en: "reopened" },
  on_hold: { zh: "暂停（等待配件或业主）", en: "on hold" },
  escalated: { zh: "已升级处理", en: "escalated" },
};

/** Reports someone visits (arrive, then complete); the others are completed once taken on. */
export const VISIT_NATURES: readonly string[] = ["报修", "求助"];

/** Open and not yet done: what a resident may urge, and what a new report may repeat. */
export const WAITING_STATUSES: readonly TicketStatus[] = ["received", "dispatched", "accepted", "arrived", "on_hold", "refused", "reopened", "escalated"];

/** Statuses that still need someone's work. */
export const OPEN_STATUSES: readonly TicketStatus[] = [
  "received",
  "dispatched",
  "accepted",
  "arrived",
  "completed",
  "refused",
  "reopened",
  "on_hold",
  "escalated",
];

/** A room (房号) in canonical parts. */
export interface Room {
  building: string;
  unit: string | null;
  room: string;
}
/** Where the problem is: a resident's room or a public-area location. */
export type Place = ({ kind: "room" } & Room) | { kind: "location"; location: string };

export const roomLabel = (r: Room): string => `${r.building}栋${r.unit ? `${r.unit}单元` : ""}${r.room}`;
export const placeLabel = (p: Place): string => (p.kind === "room" ? roomLabel(p) : p.location);

/** 预约时间: an instant, or as soon as possible. */
export type Appointment = { asap: true } | { asap: false; at: string };

export interface Attachment {
  kind: "photo" | "voice" | "video" | "file";
  /** channel's file id or a URL */
  ref: string;
  mime?: string;
}
