import type { AccessStore, StaffLogin } from "../core/access/sign-in.js";
import type { Role } from "../core/ticket/domain.js";
import { param, query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";
import { readDate, readFlag, readJson } from "./sql/values.js";

type Row = Record<(typeof STAFF)[number], unknown>;
const STAFF = ["id", "name", "roles", "propertyId", "alsoProperties", "lang", "active", "passwordHash"] as const;

const Q = {
  byLogin: query<Row>((k) => k.selectFrom("Staff").select(STAFF).where("login", "=", param("login"))),
  byId: query<Row>((k) => k.selectFrom("Staff").select(STAFF).where("id", "=", param("id"))),
  withPassword: query<{ roles: unknown }>((k) =>
    k.selectFrom("Staff").select(["roles"]).where("active", "=", param("yes")).where("passwordHash", "is not", null),
  ),
  addSession: query((k) =>
    k.insertInto("ConsoleSession").values({
      id: param("id"),
      staffId: param("staffId"),
      csrf: param("csrf"),
      createdAt: param("createdAt"),
      expiresAt: param("expiresAt"),
    }),
  ),
  session: query<{ staffId: string | null; csrf: string; expiresAt: unknown }>((k) =>
    k.selectFrom("ConsoleSession").select(["staffId", "csrf", "expiresAt"]).where("id", "=", param("id")).where("expiresAt", ">", param("now")),
  ),
  dropSession: query((k) => k.deleteFrom("ConsoleSession").where("id", "=", param("id"))),
  dropSessionsOf: query((k) => k.deleteFrom("ConsoleSession").where("staffId", "=", param("staffId")).where("id", "!=", param("except"))),
  dropExpired: query((k) => k.deleteFrom("ConsoleSession").where("expiresAt", "<=", param("now"))),
  setPassword: query((k) =>
    k
      .updateTable("Staff")
      .set({ passwordHash: param("hash"), updatedAt: param("at") })
      .where("id", "=", param("id")),
  ),
  useLink: query((k) =>
    k
      .insertInto("SignInLink")
      .values({ id: param("id"), staffId: param("staffId"), expiresAt: param("expiresAt"), usedAt: param("at"), createdAt: param("at") })
      .onConflict((oc) => oc.column("id").doNothing()),
  ),
};

const login = (r: Row): StaffLogin => ({
  id: String(r.id),
  name: String(r.name),
  roles: readJson<Role[]>(r.roles) ?? [],
  propertyId: String(r.propertyId),
  alsoProperties: readJson<string[]>(r.alsoProperties) ?? [],
  lang: r.lang === "en" ? "en" : "zh",
  active: readFlag(r.active),
  passwordHash: (r.passwordHash as string | null) ?? null,
});

/** Console sign-in on the tables: staff logins, sessions (hashed tokens), used sign-in links. */
export class DbAccessStore implements AccessStore {
  constructor(private readonly sql: Runner) {}

  async staffByLogin(l: string) {
    const r = await this.sql.one<Row>(Q.byLogin, { login: l });
    return r ? login(r) : undefined;
  }

  async staffById(id: string) {
    const r = await this.sql.one<Row>(Q.byId, { id });
    return r ? login(r) : undefined;
  }

  async administratorExists() {
    const rows = await this.sql.all<{ roles: unknown }>(Q.withPassword, { yes: true });
    return rows.some((r) => (readJson<string[]>(r.roles) ?? []).includes("admin"));
  }

  async addSession(s: { id: string; staffId: string | null; csrf: string; createdAt: Date; expiresAt: Date }) {
    // each sign-in sweeps sessions long expired, so the table stays the size of who is signed in
    await this.sql.transaction(async (tx) => {
      await tx.run(Q.dropExpired, { now: s.createdAt });
      await tx.run(Q.addSession, s);
    });
  }

  async session(id: string, now: Date) {
    const r = await this.sql.one<{ staffId: string | null; csrf: string; expiresAt: unknown }>(Q.session, { id, now });
    return r ? { staffId: r.staffId, csrf: r.csrf, expiresAt: readDate(r.expiresAt)! } : undefined;
  }

  async dropSession(id: string) {
    await this.sql.run(Q.dropSession, { id });
  }

  async dropSessionsOf(staffId: string, except = "") {
    await this.sql.run(Q.dropSessionsOf, { staffId, except });
  }

  async setPassword(id: string, hash: string, at: Date) {
    await this.sql.run(Q.setPassword, { id, hash, at });
  }

  async useLink(l: { id: string; staffId: string; expiresAt: Date; at: Date }) {
    return (await this.sql.run(Q.useLink, l)) === 1;
  }
}
