import { hashPassword } from "../../src/core/access/sign-in.js";
import type { RunningApp } from "./app.js";
import { signIn, type Signed } from "./session.js";

export const PASSWORD = "console-pass-2026";

/** Gives an existing staff member a console login (their key) and the tests' password, then signs them in. */
export async function loginAs(svc: RunningApp, staffId: string, login: string): Promise<Signed> {
  await svc.app.db.staff.update({ where: { id: staffId }, data: { login, passwordHash: await hashPassword(PASSWORD) } });
  return signIn(svc, login, PASSWORD);
}

/** A staff member made for the console only (no chat account). */
export async function consoleStaff(svc: RunningApp, s: { id: string; name: string; roles: string[]; propertyId?: string; alsoProperties?: string[] }) {
  await svc.app.db.staff.create({
    data: { id: s.id, propertyId: s.propertyId ?? "demo", name: s.name, roles: s.roles, skills: [], buildings: [], alsoProperties: s.alsoProperties ?? [] },
  });
  svc.app.store.forgetWorkforce();
  return loginAs(svc, s.id, s.id);
}

export const numbersOn = (html: string) => [...html.matchAll(/data-number="(BS\d{8}-\d{4})"/g)].map((m) => m[1]!);
