import { orderedId } from "../ids.js";
import { randomInt } from "node:crypto";
import { InvalidRequestError, NotFoundError } from "../errors.js";
import type { Duration } from "../policy/duration.js";
import type { Role } from "../ticket/domain.js";

/** A staff member as the office sees and changes them. */
export interface StaffRecord {
  id: string;
  propertyId: string;
  name: string;
  roles: Role[];
  skills: string[];
  buildings: string[];
  superiorId: string | null;
  phone: string | null;
  lang: "zh" | "en";
  active: boolean;
  createdAt: Date;
  /** the chat accounts bound to them */
  channels: { channel: string; unreachable: boolean }[];
}

/** What staff administration reads and writes (src/db). */
export interface StaffAdminStore {
  create(s: Omit<StaffRecord, "active" | "channels">): Promise<StaffRecord>;
  byId(id: string): Promise<StaffRecord | undefined>;
  list(): Promise<StaffRecord[]>;
  addBindCode(code: { code: string; staffId: string; expiresAt: Date; createdAt: Date }): Promise<void>;
}

/** No 0/O or 1/I: codes are read off a screen and typed on a phone. */
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const newCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");

/** Staff accounts and their one-time bind codes: what the admin API (and the console next) calls. */
export class StaffAdmin {
  constructor(
    private readonly deps: {
      store: StaffAdminStore;
      hasProperty(id: string): boolean;
      defaultProperty: string;
      bindCodeTtl: Duration;
      /** the workforce cache is dropped after a change */
      onChange?: () => void;
    },
  ) {}

  async create(
    input: { name: string; roles: Role[]; skills: string[]; buildings: string[]; superiorId?: string; propertyId?: string; phone?: string; lang?: "zh" | "en" },
    now: Date,
  ) {
    const propertyId = input.propertyId ?? this.deps.defaultProperty;
    if (!this.deps.hasProperty(propertyId)) throw new InvalidRequestError("unknown_property", `propertyId: property "${propertyId}" does not exist`);
    if (input.superiorId && !(await this.deps.store.byId(input.superiorId)))
      throw new InvalidRequestError("unknown_superior", `superiorId: no staff member ${input.superiorId}`);
    const staff = await this.deps.store.create({
      id: orderedId(),
      propertyId,
      name: input.name,
      roles: input.roles,
      skills: input.skills,
      buildings: input.buildings,
      superiorId: input.superiorId ?? null,
      phone: input.phone ?? null,
      lang: input.lang ?? "zh",
      createdAt: now,
    });
    this.deps.onChange?.();
    return staff;
  }

  list(): Promise<StaffRecord[]> {
    return this.deps.store.list();
  }

  /** A one-time code the staff member sends the bot to bind their chat account (valid bindCodeTtl). */
  async bindCode(staffId: string, now: Date) {
    const staff = await this.deps.store.byId(staffId);
    if (!staff) throw new NotFoundError(`no staff member ${staffId.slice(0, 40)}`, "staff_not_found");
    const expiresAt = new Date(now.getTime() + this.deps.bindCodeTtl.minutes * 60000);
    const code = newCode();
    await this.deps.store.addBindCode({ code, staffId: staff.id, expiresAt, createdAt: now });
    return { staff, code, expiresAt };
  }
}
