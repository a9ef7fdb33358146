import type { StaffAdminStore, StaffRecord } from "../core/staff/staff-admin.js";
import type { Role } from "../core/ticket/domain.js";
import type { Database } from "./client.js";

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
  active: s.active,
  createdAt: s.createdAt,
  channels: (s.identities ?? []).map((i) => ({ channel: i.channel, unreachable: i.unreachable })),
});

/** Staff administration on the tables. */
export class PrismaStaffAdminStore implements StaffAdminStore {
  constructor(private readonly db: Database) {}

  async create(s: Omit<StaffRecord, "active" | "channels">): Promise<StaffRecord> {
    return record(await this.db.staff.create({ data: s }));
  }

  async byId(id: string): Promise<StaffRecord | undefined> {
    const s = await this.db.staff.findUnique({ where: { id }, include: { identities: true } });
    return s ? record(s) : undefined;
  }

  async list(): Promise<StaffRecord[]> {
    return (await this.db.staff.findMany({ include: { identities: true }, orderBy: { createdAt: "asc" } })).map(record);
  }

  async addBindCode(code: { code: string; staffId: string; expiresAt: Date; createdAt: Date }): Promise<void> {
    await this.db.bindCode.create({ data: code });
  }
}
