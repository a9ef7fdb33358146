import type { Roster } from "../core/dispatch/roster.js";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined || v === "" ? [] : [String(v)]);
const words = (v: unknown) =>
  String(v ?? "")
    .split(/[,，、\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * The staff form's fields as the API's JSON, so one schema (http/staff.ts) checks both: lists typed with commas,
 * the roster one line per weekday, days off, extra shifts as "YYYY-MM-DD 08:00-12:00" lines.
 */
export function staffFromForm(b: Record<string, unknown>, editing: boolean): Record<string, unknown> {
  const weekly = Object.fromEntries(DAYS.flatMap((d) => (words(b[`roster_${d}`]).length ? [[d, words(b[`roster_${d}`])]] : [])));
  const extra: Record<string, string[]> = {};
  for (const line of String(b.roster_extra ?? "").split(/\n/)) {
    const [day, ...shifts] = words(line);
    if (day) extra[day] = [...(extra[day] ?? []), ...shifts];
  }
  const off = words(b.roster_off);
  const roster: Roster | null =
    Object.keys(weekly).length || off.length || Object.keys(extra).length
      ? { weekly, ...(off.length ? { off } : {}), ...(Object.keys(extra).length ? { extra } : {}) }
      : null;
  const text = (k: string) => (String(b[k] ?? "").trim() ? String(b[k]).trim() : undefined);
  return {
    name: text("name"),
    roles: list(b.roles),
    skills: words(b.skills),
    buildings: words(b.buildings),
    ...(editing
      ? { superiorId: text("superiorId") ?? null, phone: text("phone") ?? null }
      : { ...(text("superiorId") ? { superiorId: text("superiorId") } : {}), ...(text("phone") ? { phone: text("phone") } : {}) }),
    ...(text("propertyId") ? { propertyId: text("propertyId") } : {}),
    alsoProperties: list(b.alsoProperties),
    lang: b.lang === "en" ? "en" : "zh",
    ...(text("login") ? { login: text("login") } : {}),
    ...(text("password") ? { password: String(b.password) } : {}),
    roster,
  };
}

/** A roster as the form shows it again. */
export function rosterFields(r: Roster | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of DAYS) out[`roster_${d}`] = (r?.weekly?.[d] ?? []).join(", ");
  out.roster_off = (r?.off ?? []).join(", ");
  out.roster_extra = Object.entries(r?.extra ?? {})
    .map(([day, shifts]) => `${day} ${shifts.join(" ")}`)
    .join("\n");
  return out;
}

export { DAYS };
