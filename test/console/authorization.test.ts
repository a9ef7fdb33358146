import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startApp, type RunningApp } from "../helpers/app.js";
import { adminSend, asSigned, signIn, type Signed } from "../helpers/session.js";
import { consoleStaff } from "../helpers/logins.js";
import { numberIn, Visitor } from "../helpers/visitor.js";

/**
 * Every console page and API route × every role × own / other property, with the status each must get — written
 * out by hand from the rules, not derived from the code's own table.
 */
const ROLES = ["admin", "general_manager", "quality", "project_manager", "supervisor", "steward", "technician", "nobody"] as const;
type Who = (typeof ROLES)[number];
const only = (yes: Who[], ok: number, otherwise: number, nobody = 401) =>
  Object.fromEntries(ROLES.map((r) => [r, r === "nobody" ? nobody : yes.includes(r) ? ok : otherwise])) as Record<Who, number>;
const ALL_STAFF: Who[] = ["admin", "general_manager", "quality", "project_manager", "supervisor", "steward", "technician"];
const OFFICE: Who[] = ["admin", "project_manager", "supervisor", "steward"];
const LEADS: Who[] = ["admin", "project_manager", "supervisor"];
const MANAGERS: Who[] = ["admin", "project_manager"];
const READERS: Who[] = ["admin", "general_manager", "quality", "project_manager", "supervisor", "steward"];
const COUNTERS: Who[] = ["admin", "general_manager", "quality", "project_manager", "supervisor"];
/** only the administrator sees another property; everyone else is told it does not exist (or may not act at all) */
const otherProperty = (allowed: Who[], forbidden = 403, nobody = 401) =>
  Object.fromEntries(ROLES.map((r) => [r, r === "nobody" ? nobody : r === "admin" ? -1 : allowed.includes(r) ? 404 : forbidden])) as Record<Who, number>;

let svc: RunningApp;
const as: Partial<Record<Who, Signed>> = {};
let own: string;
let other: string;
let policy: unknown;

beforeAll(async () => {
  svc = await startApp({ alsoProperties: [{ id: "east", name: "东湖苑" }] });
  const file = async (text: string, property?: string) => {
    const v = new Visitor(svc.url, undefined, property);
    return numberIn(await v.say(text)) ?? numberIn(await v.press("确认提交"))!;
  };
  own = await file("3栋2单元201 厨房水管漏水了，电话13812345678，明天下午三点");
  other = await file("2栋1单元101 卫生间马桶堵了，电话13600006666，明天上午9点", "east");
  as.admin = await signIn(svc, "admin", ADMIN_TOKEN);
  for (const role of ROLES.filter((r) => r !== "admin" && r !== "nobody")) as[role] = await consoleStaff(svc, { id: `m-${role}`, name: role, roles: [role] });
  await consoleStaff(svc, { id: "east-steward", name: "东湖管家", roles: ["steward"], propertyId: "east" });
  as.nobody = asSigned(svc, "baoshi_session=none", "");
  policy = (await adminSend(svc, "GET", "/api/properties")).body.properties.find((p: { id: string }) => p.id === "demo").policy;
});
afterAll(async () => {
  await svc.destroy();
});

type Row = { what: string; method?: string; path: () => string; body?: () => unknown; form?: boolean; expect: Record<Who, number> };
const rows: Row[] = [
  // console pages (nobody is sent to the sign-in page)
  { what: "board", path: () => "/console", expect: only(ALL_STAFF, 200, 403, 303) },
  { what: "board rows", path: () => "/console/rows", expect: only(ALL_STAFF, 200, 403, 303) },
  { what: "own ticket page", path: () => `/console/tickets/${own}`, expect: { ...only(READERS, 200, 404, 303) } },
  { what: "other property's ticket page", path: () => `/console/tickets/${other}`, expect: { ...otherProperty(ALL_STAFF, 404, 303), admin: 200 } },
  { what: "front desk", path: () => "/console/frontdesk", expect: only(OFFICE, 200, 403, 303) },
  { what: "callbacks", path: () => "/console/callbacks", expect: only(OFFICE, 200, 403, 303) },
  { what: "转人工 conversations", path: () => "/console/conversations", expect: only(OFFICE, 200, 403, 303) },
  { what: "a conversation that does not exist", path: () => "/console/conversations/nope", expect: only(OFFICE, 404, 403, 303) },
  { what: "staff", path: () => "/console/staff", expect: only(READERS, 200, 403, 303) },
  { what: "edit own staff", path: () => "/console/staff/m-steward", expect: only(MANAGERS, 200, 403, 303) },
  { what: "edit other property's staff", path: () => "/console/staff/east-steward", expect: { ...otherProperty(MANAGERS, 403, 303), admin: 200 } },
  { what: "properties", path: () => "/console/properties", expect: only(READERS, 200, 403, 303) },
  { what: "edit own property", path: () => "/console/properties/demo", expect: only(MANAGERS, 200, 403, 303) },
  { what: "edit other property", path: () => "/console/properties/east", expect: { ...otherProperty(MANAGERS, 403, 303), admin: 200 } },
  {
    what: "note on own ticket",
    method: "POST",
    form: true,
    path: () => `/console/tickets/${own}/note`,
    body: () => ({ text: "已电话联系" }),
    expect: only(OFFICE, 303, 403, 303),
  },
  {
    what: "note on other's ticket",
    method: "POST",
    form: true,
    path: () => `/console/tickets/${other}/note`,
    body: () => ({ text: "x" }),
    expect: { ...otherProperty(OFFICE, 403, 303), admin: 303 },
  },
  // the API (nobody: 401)
  { what: "GET /api/tickets", path: () => "/api/tickets", expect: only(ALL_STAFF, 200, 403) },
  { what: "GET own ticket", path: () => `/api/tickets/${own}`, expect: only(READERS, 200, 404) },
  { what: "GET other's ticket", path: () => `/api/tickets/${other}`, expect: { ...otherProperty(ALL_STAFF, 404), admin: 200 } },
  {
    what: "POST /api/tickets (own)",
    method: "POST",
    path: () => "/api/tickets",
    body: () => ({ channel: "phone", place: "5栋1单元101", phone: "13812345679", description: "门锁坏了", appointment: "明天上午10点" }),
    expect: only(OFFICE, 201, 403),
  },
  {
    what: "POST /api/tickets (other)",
    method: "POST",
    path: () => "/api/tickets",
    body: () => ({ property: "east", channel: "phone", place: "5栋1单元101", phone: "13812345679", description: "门锁坏了", appointment: "明天上午10点" }),
    expect: { ...only(OFFICE, 422, 403), admin: 201 },
  },
  // an illegal move: allowed roles hear why (409), nothing changes
  { what: "transition own", method: "POST", path: () => `/api/tickets/${own}/transition`, body: () => ({ to: "closed" }), expect: only(LEADS, 409, 403) },
  {
    what: "transition other",
    method: "POST",
    path: () => `/api/tickets/${other}/transition`,
    body: () => ({ to: "closed" }),
    expect: { ...otherProperty(LEADS), admin: 409 },
  },
  { what: "assign own", method: "POST", path: () => `/api/tickets/${own}/assign`, body: () => ({ staffId: "nobody-here" }), expect: only(LEADS, 400, 403) },
  {
    what: "assign other",
    method: "POST",
    path: () => `/api/tickets/${other}/assign`,
    body: () => ({ staffId: "nobody-here" }),
    expect: { ...otherProperty(LEADS), admin: 400 },
  },
  { what: "GET /api/staff", path: () => "/api/staff", expect: only(READERS, 200, 403) },
  {
    what: "POST /api/staff (own)",
    method: "POST",
    path: () => "/api/staff",
    body: () => ({ name: "新人", roles: ["technician"] }),
    expect: only(MANAGERS, 201, 403),
  },
  {
    what: "POST /api/staff (other)",
    method: "POST",
    path: () => "/api/staff",
    body: () => ({ name: "新人", roles: ["technician"], propertyId: "east" }),
    expect: { ...only(MANAGERS, 403, 403), admin: 201 },
  },
  {
    what: "PATCH other's staff",
    method: "PATCH",
    path: () => "/api/staff/east-steward",
    body: () => ({ phone: "13900000000" }),
    expect: { ...otherProperty(MANAGERS), admin: 200 },
  },
  { what: "bind code own", method: "POST", path: () => "/api/staff/m-technician/bind-code", body: () => ({}), expect: only(MANAGERS, 201, 403) },
  { what: "GET /api/properties", path: () => "/api/properties", expect: only(READERS, 200, 403) },
  {
    what: "PUT own policy",
    method: "PUT",
    path: () => "/api/properties/demo/policy",
    body: () => ({ name: "阳光花园", policy }),
    expect: only(MANAGERS, 200, 403),
  },
  {
    what: "PUT other policy",
    method: "PUT",
    path: () => "/api/properties/east/policy",
    body: () => ({ name: "东湖苑", policy }),
    expect: { ...otherProperty(MANAGERS), admin: 200 },
  },
  { what: "GET /api/reports", path: () => "/api/reports", expect: only(COUNTERS, 200, 403) },
  { what: "GET /api/reports?property=east", path: () => "/api/reports?property=east", expect: { ...only(COUNTERS, 200, 403), admin: 200 } },
  { what: "statistics page", path: () => "/console/stats", expect: only(COUNTERS, 200, 403, 303) },
  { what: "other property's statistics page", path: () => "/console/stats?property=east", expect: { ...otherProperty(COUNTERS, 403, 303), admin: 200 } },
  { what: "reports page", path: () => "/console/reports", expect: only(COUNTERS, 200, 403, 303) },
  { what: "other property's reports", path: () => "/console/reports?property=east", expect: { ...otherProperty(COUNTERS, 403, 303), admin: 200 } },
  { what: "GET /api/stats", path: () => "/api/stats", expect: only(COUNTERS, 200, 403) },
  { what: "GET /api/stats other property", path: () => "/api/stats?property=east", expect: { ...otherProperty(COUNTERS), admin: 200 } },
  { what: "register export", path: () => "/api/exports/reports.csv", expect: only(COUNTERS, 200, 403) },
  { what: "other property's register", path: () => "/api/exports/reports.csv?property=east", expect: { ...otherProperty(COUNTERS), admin: 200 } },
  { what: "statistics export", path: () => "/api/exports/statistics.xlsx", expect: only(COUNTERS, 200, 403) },
  { what: "other property's statistics export", path: () => "/api/exports/statistics.csv?property=east", expect: { ...otherProperty(COUNTERS), admin: 200 } },
];

describe("the authorization matrix: every page and route × every role × own / other property", () => {
  for (const row of rows)
    it(row.what, async () => {
      const got: Record<string, number> = {};
      for (const role of ROLES) {
        const who = as[role]!;
        const r =
          (row.method ?? "GET") === "GET" ? await who.get(row.path()) : await who.send(row.method!, row.path(), row.body?.(), row.form ? { form: true } : {});
        got[role] = r.status;
      }
      expect(got).toEqual(row.expect);
    });

  it("a technician's ticket list holds no one else's orders; a steward's holds nothing of another property", async () => {
    expect((await as.technician!.get("/api/tickets")).body.tickets).toEqual([]);
    const numbers = (await as.steward!.get("/api/tickets")).body.tickets.map((t: { number: string }) => t.number);
    expect(numbers).toContain(own);
    expect(numbers).not.toContain(other);
    expect((await as.steward!.get(`/console?q=${other}`)).text).toContain("没有符合条件的报事。");
  });
});
