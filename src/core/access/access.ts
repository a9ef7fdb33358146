import type { Lang, Role } from "../ticket/domain.js";

/** Who is asking: a signed-in staff member, or the built-in administrator (the admin token; staffId null). */
export interface Principal {
  staffId: string | null;
  name: string;
  roles: readonly Role[];
  /** the properties they serve; "all" only for an administrator */
  properties: "all" | readonly string[];
  lang: Lang;
}

/** What the console and the API let one do. */
export type Action =
  /** the board and ticket pages (a technician: their own orders only) */
  | "tickets.read"
  /** assign / reassign, reopen an invalid report, quotes */
  | "tickets.dispatch"
  /** status changes through the state machine: hold, resume, cancel */
  | "tickets.change"
  /** an internal note on a ticket */
  | "tickets.note"
  /** 前台登记: register a phone call or a walk-in */
  | "frontdesk"
  /** record callbacks (回访) */
  | "callbacks"
  /** 转人工: answer residents who asked for a person */
  | "conversations"
  | "staff.read"
  | "staff.manage"
  | "properties.read"
  | "properties.edit"
  | "statistics"
  /** the service itself: the WeChat login's QR code */
  | "service";

const READ: Action[] = ["tickets.read", "staff.read", "properties.read", "statistics"];
const OFFICE: Action[] = ["tickets.read", "tickets.note", "frontdesk", "callbacks", "conversations", "staff.read", "properties.read"];
const LEAD: Action[] = [...OFFICE, "tickets.dispatch", "tickets.change", "statistics"];

/**
 * Each role's actions (issue 14): managers read and count; supervisors and project managers run the desk;
 * stewards the front desk and callbacks; a project manager also keeps their property's staff and policy.
 */
const BY_ROLE: Record<Role, readonly Action[]> = {
  admin: [...LEAD, "staff.manage", "properties.edit", "service"],
  general_manager: READ,
  quality: READ,
  project_manager: [...LEAD, "staff.manage", "properties.edit"],
  supervisor: LEAD,
  steward: OFFICE,
  technician: ["tickets.read"],
};

export function inScope(p: Principal, propertyId: string): boolean {
  return p.properties === "all" || p.properties.includes(propertyId);
}

/** May they do this (at this property)? Every page and API route asks on the server. */
export function can(p: Principal, action: Action, propertyId?: string): boolean {
  if (!p.roles.some((r) => BY_ROLE[r]?.includes(action))) return false;
  return propertyId === undefined || inScope(p, propertyId);
}

/** A technician and nothing more sees only the orders offered to or held by them. */
export function ownOrdersOnly(p: Principal): boolean {
  return p.roles.every((r) => r === "technician");
}

/** The properties a query may read: undefined for every property. */
export function propertyFilter(p: Principal, wanted?: string): readonly string[] | undefined {
  if (wanted) return inScope(p, wanted) ? [wanted] : [];
  return p.properties === "all" ? undefined : p.properties;
}

export const ADMINISTRATOR = (lang: Lang = "zh"): Principal => ({ staffId: null, name: "admin", roles: ["admin"], properties: "all", lang });

/** Full phone numbers in exports for the roles that call residents; managers who only read see them masked. */
export function seesFullPhones(p: Principal): boolean {
  return p.roles.some((r) => r === "admin" || r === "project_manager" || r === "supervisor" || r === "steward");
}
