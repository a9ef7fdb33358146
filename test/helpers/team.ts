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
    await db.staffIdentity.create({
      data: { id: `telegram:${team[m.key].id}`, staffId: `s-${m.key}`, channel: "telegram", externalId: String(team[m.key].id) },
    });
  }
  svc.app.store.forgetWorkforce();
}

/** A report filed on the web chat and accepted by 李 on Telegram (his first work order). Returns its number. */
export async function fileAndAccept(
  double: { nth(chat: number, n: number): Promise<any>; press(u: TgUser, m: any, label: string): void },
  owner: { say(text: string): Promise<string>; press(label: string): Promise<string> },
  report: string,
): Promise<string> {
  await owner.say(report);
  const number = /BS\d{8}-\d{4}/.exec(await owner.press("确认提交"))![0];
  double.press(team.li, await double.nth(team.li.id, 1), "接单");
  await double.nth(team.li.id, 2);
  return number;
}

/**
 * A report filed on the web chat and driven through 接单 → 到场 → 完工 by 李 on Telegram.
 * Returns its number once the completion is recorded.
 */
export async function fileAndComplete(
  svc: RunningApp,
  double: {
    nth(chat: number, n: number): Promise<any>;
    sentTo(chat: number): any[];
    press(u: TgUser, m: any, label: string): void;
    say(u: TgUser, text: string): void;
  },
  owner: { say(text: string): Promise<string>; press(label: string): Promise<string> },
  report: string,
  completeAfterMinutes = 60,
): Promise<string> {
  await owner.say(report);
  const number = /BS\d{8}-\d{4}/.exec(await owner.press("确认提交"))![0];
  const seen = double.sentTo(team.li.id).length;
  const order = await double.nth(team.li.id, seen + 1);
  double.press(team.li, order, "接单");
  await double.nth(team.li.id, seen + 2);
  double.say(team.li, "到场");
  await double.nth(team.li.id, seen + 3);
  svc.clock.advance(completeAfterMinutes);
  double.say(team.li, "完工 更换阀门");
  await double.nth(team.li.id, seen + 4);
  return number;
}
