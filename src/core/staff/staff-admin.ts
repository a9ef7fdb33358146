import { orderedId } from "../ids.js";
import { randomInt } from "node:crypto";
import { AlreadyExistsError, ForbiddenError, InvalidRequestError, NotFoundError } from "../errors.js";
import { can, inScope, type Principal } from "../access/access.js";
import { hashPassword } from "../access/sign-in.js";
import type { Duration } from "../policy/duration.js";
import type { Role } from "../ticket/domain.js";
import type { Roster } from "../dispatch/roster.js";

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
  /** weekly shifts, days off and extra shifts (none: always on duty) */
  roster: Roster | null;
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
  /** the columns given, nothing else */
  update(id: string, patch: StaffPatch, at: Date): Promise<void>;
  byLogin(login: string): Promise<{ id: string } | undefined>;
  byId(id: string): Promise<StaffRecord | undefined>;
  list(): Promise<StaffRecord[]>;
  addBindCode(code: { code: string; staffId: string; expiresAt: Date; createdAt: Date }): Promise<void>;
}

/** What an edit may change (a password is stored as its hash). */
export type StaffPatch = Partial<Omit<StaffRecord, "id" | "createdAt" | "channels">> & { passwordHash?: string | null };

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
  roster?: Roster | null;
}

export type StaffEdit = Partial<Omit<NewStaff, "propertyId" | "superiorId" | "phone">> & {
  active?: boolean;
  propertyId?: string;
  /** null clears it */
  superiorId?: string | null;
  phone?: string | null;
};

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

  /** What every write checks: the properties exist, the login is free, the superior exists (and is not oneself). */
  private async check(input: StaffEdit, self?: string): Promise<string | undefined> {
    const named: [string, string][] = [
      ...(input.propertyId ? [["propertyId", input.propertyId] as [string, string]] : []),
      ...(input.alsoProperties ?? []).map((p): [string, string] => ["alsoProperties", p]),
    ];
    for (const [field, id] of named)
      if (!this.deps.hasProperty(id)) throw new InvalidRequestError("unknown_property", `${field}: property "${id}" does not exist`);
    const login = input.login?.trim().toLowerCase();
    const holder = login ? await this.deps.store.byLogin(login) : undefined;
    if (login && (login === "admin" || (holder && holder.id !== self)))
      throw new AlreadyExistsError("login_taken", `login: "${login}" is taken; choose another`);
    if (input.superiorId && (input.superiorId === self || !(await this.deps.store.byId(input.superiorId))))
      throw new InvalidRequestError("unknown_superior", `superiorId: no other staff member ${input.superiorId}`);
    return login;
  }

  /**
   * May `who` write this: manage staff at each property named, give the admin role only as an administrator, and
   * change an administrator only as one. Another property's member is "not found".
   */
  private allowed(who: Principal, input: StaffEdit, found?: StaffRecord): void {
    if (!can(who, "staff.manage")) throw new ForbiddenError("your role may not manage staff (staff.manage)");
    if (found && !can(who, "staff.manage", found.propertyId)) throw new NotFoundError(`no staff member ${found.id.slice(0, 40)}`, "staff_not_found");
    for (const p of [input.propertyId, ...(input.alsoProperties ?? [])])
      if (p && this.deps.hasProperty(p) && !can(who, "staff.manage", p)) throw new ForbiddenError(`propertyId: ${p} is not one of your properties`);
    const admin = who.roles.includes("admin");
    if (!admin && input.roles?.includes("admin")) throw new ForbiddenError("roles: only an administrator may give the admin role");
    if (!admin && found?.roles.includes("admin")) throw new ForbiddenError("only an administrator may change an administrator");
  }

  /** The staff `who` may see: members of any of their properties. */
  async visible(who: Principal): Promise<StaffRecord[]> {
    return (await this.deps.store.list()).filter((s) => [s.propertyId, ...s.alsoProperties].some((id) => inScope(who, id)));
  }

  /** One member, when `who` may manage them. */
  async manageable(who: Principal, id: string): Promise<StaffRecord> {
    const found = await this.deps.store.byId(id);
    if (!found) throw new NotFoundError(`no staff member ${id.slice(0, 40)}`, "staff_not_found");
    this.allowed(who, {}, found);
    return found;
  }

  async create(who: Principal, input: NewStaff, now: Date) {
    const propertyId = input.propertyId ?? this.deps.defaultProperty;
    this.allowed(who, { ...input, propertyId });
    if (input.password && !input.login) throw new InvalidRequestError("invalid_input", "login: a password needs a login to sign in with");
    const login = await this.check({ ...input, propertyId });
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
      roster: input.roster ?? null,
      createdAt: now,
    });
    this.deps.onChange?.();
    return staff;
  }

  /** An edit: only what is given changes; `active: false` deactivates (their sessions end, no order reaches them). */
  async update(who: Principal, id: string, input: StaffEdit, now: Date): Promise<StaffRecord> {
    const found = await this.deps.store.byId(id);
    if (!found) throw new NotFoundError(`no staff member ${id.slice(0, 40)}`, "staff_not_found");
    this.allowed(who, input, found);
    if (input.password && !(input.login ?? found.login)) throw new InvalidRequestError("invalid_input", "login: a password needs a login to sign in with");
    const login = await this.check(input, id);
    const { password, login: _l, ...rest } = input;
    const patch: StaffPatch = { ...rest, ...(login !== undefined ? { login } : {}), ...(password ? { passwordHash: await hashPassword(password) } : {}) };
    await this.deps.store.update(id, patch, now);
    this.deps.onChange?.();
    return (await this.deps.store.byId(id))!;
  }

  byId(id: string): Promise<StaffRecord | undefined> {
    return this.deps.store.byId(id);
  }

  list(): Promise<StaffRecord[]> {
    return this.deps.store.list();
  }

  /** A one-time code the staff member sends the bot to bind their chat account (valid bindCodeTtl). */
  async bindCode(who: Principal, staffId: string, now: Date) {
    const staff = await this.manageable(who, staffId);
    const expiresAt = new Date(now.getTime() + this.deps.bindCodeTtl.minutes * 60000);
    const code = newCode();
    await this.deps.store.addBindCode({ code, staffId: staff.id, expiresAt, createdAt: now });
    return { staff, code, expiresAt };
  }
}
