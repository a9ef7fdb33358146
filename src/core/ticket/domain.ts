/** Words of the domain (SPEC §2–§3, §9), shared by every layer. */

/** Staff roles (admin: the console's administrator, all properties); the default escalation chain runs technician → supervisor → project manager → general manager. */
export const ROLES = ["admin", "technician", "steward", "supervisor", "project_manager", "general_manager", "quality"] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ["web", "telegram", "wechat", "phone", "walk-in"] as const;
export type ChannelName = (typeof CHANNELS)[number];

export type Lang = "zh" | "en";
/** A text in both languages; zh-CN first. */
export interface Text {
  zh: string;
  en: string;
}
export const say = (t: Text, lang: Lang): string => t[lang];

/** 报事类别 (SPEC §2): A 特约维修, B 家政保洁, C 整改类, D 公区维修, E 投诉或建议, F 咨询类, G 求助类 (their words: conversations/vocabulary.ts). */
export const CATEGORIES = ["A", "B", "C", "D", "E", "F", "G"] as const;
export type Category = (typeof CATEGORIES)[number];
export const isCategory = (v: string): v is Category => (CATEGORIES as readonly string[]).includes(v);

/** 性质 */
export const NATURES = ["报修", "投诉", "建议", "咨询", "求助", "无效"] as const;
export type Nature = (typeof NATURES)[number];

export const URGENCIES = ["非常紧急", "紧急", "一般"] as const;
export type Urgency = (typeof URGENCIES)[number];

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
