import type { StaffAdminStore, StaffPatch, StaffRecord } from "../core/staff/staff-admin.js";
import type { Roster } from "../core/dispatch/roster.js";
import type { Role } from "../core/ticket/domain.js";
import type { Database } from "./client.js";
import { param, query, type Query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";

type Row = Awaited<ReturnType<Database["staff"]["findMany"]>>[number] & { identities?: { channel: string; unreachable: boolean }[] };

const record = (s: Row): StaffRecord => ({
  id: s.id,
  propertyId: s.propertyId,
  name: s.name,
  roles: s.roles as Role[],
  skills: s.skills as string[],
  buildings: s.buildings as string[],
  superiorId: s.superiorId,
  phone: s.phone,
  lang: s.lang === "en" ? "en" : "zh",
  login: s.login,
  roster: (s.roster as Roster | null) ?? null,
  alsoProperties: (s.alsoProperties as string[] | null) ?? [],
  active: s.active,
  createdAt: s.createdAt,
  channels: (s.identities ?? []).map((i) => ({ channel: i.channel, unreachable: i.unreachable })),
});

const Q = {
  staff: query((k) =>
    k.insertInto("Staff").values({
      id: param("id"),
      propertyId: param("propertyId"),
      name: param("name"),
      roles: param("roles"),
      skills: param("skills"),
      buildings: param("buildings"),
      superiorId: param("superiorId"),
      phone: param("phone"),
      lang: param("lang"),
      login: param("login"),
      passwordHash: param("passwordHash"),
      alsoProperties: param("alsoProperties"),
      roster: param("roster"),
      createdAt: param("at"),
      updatedAt: param("at"),
    }),
  ),
  byLogin: query<{ id: string }>((k) => k.selectFrom("Staff").select("id").where("login", "=", param("login"))),
  bindCode: query((k) =>
    k.insertInto("BindCode").values({ code: param("code"), staffId: param("staffId"), expiresAt: param("expiresAt"), createdAt: param("createdAt") }),
  ),
};

/** Staff administration on the tables: written through the query layer, read through Prisma. */
export class DbStaffAdminStore implements StaffAdminStore {
  private readonly updates = new Map<string, Query<unknown>>();
  constructor(
    private readonly db: Database,
    private readonly sql: Runner,
  ) {}

  async byLogin(login: string) {
    return this.sql.one<{ id: string }>(Q.byLogin, { login });
  }

  async update(id: string, patch: StaffPatch, at: Date): Promise<void> {
    const columns = Object.keys(patch)
      .filter((c) => patch[c as keyof StaffPatch] !== undefined)
      .sort();
    const key = columns.join(",");
    let q = this.updates.get(key);
    if (!q) {
      // one statement per set of columns changed (a bounded set), prepared once
      q = query((k) =>
        k
          .updateTable("Staff")
          .set(Object.fromEntries([...columns, "updatedAt"].map((c) => [c, param(c)])) as never)
          .where("id", "=", param("id")),
      );
      this.updates.set(key, q);
    }
    await this.sql.run(q, { ...patch, id, updatedAt: at });
  }

  async create(s: Omit<StaffRecord, "active" | "channels"> & { passwordHash: string | null }): Promise<StaffRecord> {
    await this.sql.run(Q.staff, { ...s, superiorId: s.superiorId ?? null, phone: s.phone ?? null, roster: s.roster ?? null, at: s.createdAt });
    return (await this.byId(s.id))!;
  }

  async byId(id: string): Promise<StaffRecord | undefined> {
    const s = await this.db.staff.findUnique({ where: { id }, include: { identities: true } });
    return s ? record(s) : undefined;
  }

  async list(): Promise<StaffRecord[]> {
    return (await this.db.staff.findMany({ include: { identities: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(record);
  }

  async addBindCode(code: { code: string; staffId: string; expiresAt: Date; createdAt: Date }): Promise<void> {
    await this.sql.run(Q.bindCode, code);
  }
}
