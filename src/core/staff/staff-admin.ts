import { orderedId } from "../ids.js";
import { randomInt } from "node:crypto";
import { AlreadyExistsError, InvalidRequestError, NotFoundError } from "../errors.js";
import { hashPassword } from "../access/sign-in.js";
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
  /** the console's sign-in name (the password is kept only as its hash, never shown) */
  login: string | null;
  /** further properties served beyond propertyId */
  alsoProperties: string[];
  active: boolean;
  createdAt: Date;
  /** the chat accounts bound to them */
  channels: { channel: string; unreachable: boolean }[];
}

/** What staff administration reads and writes (src/db). */
export interface StaffAdminStore {
  create(s: Omit<StaffRecord, "active" | "channels"> & { passwordHash: string | null }): Promise<StaffRecord>;
  byLogin(login: string): Promise<{ id: string } | undefined>;
  byId(id: string): Promise<StaffRecord | undefined>;
  list(): Promise<StaffRecord[]>;
  addBindCode(code: { code: string; staffId: string; expiresAt: Date; createdAt: Date }): Promise<void>;
}

export interface NewStaff {
  name: string;
  roles: Role[];
  skills: string[];
  buildings: string[];
  superiorId?: string;
  propertyId?: string;
  alsoProperties?: string[];
  phone?: string;
  lang?: "zh" | "en";
  login?: string;
  password?: string;
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

  async create(input: NewStaff, now: Date) {
    const propertyId = input.propertyId ?? this.deps.defaultProperty;
    for (const [field, id] of [["propertyId", propertyId], ...(input.alsoProperties ?? []).map((p) => ["alsoProperties", p])] as const)
      if (!this.deps.hasProperty(id)) throw new InvalidRequestError("unknown_property", `${field}: property "${id}" does not exist`);
    const login = input.login?.trim().toLowerCase();
    if (login && (login === "admin" || (await this.deps.store.byLogin(login))))
      throw new AlreadyExistsError("login_taken", `login: "${login}" is taken; choose another`);
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
      login: login ?? null,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      alsoProperties: input.alsoProperties ?? [],
      createdAt: now,
    });
    this.deps.onChange?.();
    return staff;
  }

  byId(id: string): Promise<StaffRecord | undefined> {
    return this.deps.store.byId(id);
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
