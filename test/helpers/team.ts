import type { RunningApp } from "./app.js";

export type TgUser = { id: number; first_name: string };

/**
 * A property's staff, each bound on Telegram: technicians 李 (plumbing, buildings 3 and 5, reports to
 * 王主管) and 赵 (electrical), supervisor 王主管, project manager 陈经理, general manager 刘总, steward 孙管家.
 */
export const team = {
  li: { id: 8101, first_name: "李" },
  zhao: { id: 8102, first_name: "赵" },
  wang: { id: 8103, first_name: "王" },
  chen: { id: 8104, first_name: "陈" },
  liu: { id: 8105, first_name: "刘" },
  sun: { id: 8106, first_name: "孙" },
} satisfies Record<string, TgUser>;

const members = [
  { key: "wang", name: "王主管", roles: ["supervisor"], skills: [], buildings: [] },
  { key: "chen", name: "陈经理", roles: ["project_manager"], skills: [], buildings: [] },
  { key: "liu", name: "刘总", roles: ["general_manager"], skills: [], buildings: [] },
  { key: "li", name: "李", roles: ["technician"], skills: ["plumbing"], buildings: ["3", "5"], phone: "13900001111", superiorId: "s-wang" },
  { key: "zhao", name: "赵", roles: ["technician"], skills: ["electrical"], buildings: [] },
  { key: "sun", name: "孙管家", roles: ["steward"], skills: [], buildings: [], superiorId: "s-wang" },
] as const;

/** Creates the team in the service's database (all, or the keys named). */
export async function bindTeam(svc: RunningApp, only?: (keyof typeof team)[]) {
  const db = svc.app.db;
  for (const m of members.filter((x) => !only || only.includes(x.key))) {
    await db.staff.create({
      data: {
        id: `s-${m.key}`,
        propertyId: "demo",
        name: m.name,
        roles: [...m.roles],
        skills: [...m.skills],
        buildings: [...m.buildings],
        ...("phone" in m ? { phone: m.phone } : {}),
        ...("superiorId" in m && (!only || only.includes("wang")) ? { superiorId: m.superiorId } : {}),
      },
    });
    await db.staffIdentity.create({ data: { id: `telegram:${team[m.key].id}`, staffId: `s-${m.key}`, channel: "telegram", externalId: String(team[m.key].id) } });
  }
  svc.app.store.forgetWorkforce();
}
