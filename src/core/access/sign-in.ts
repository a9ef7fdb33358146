import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { Lang, Role } from "../ticket/domain.js";
import { ADMINISTRATOR, type Principal } from "./access.js";
import type { Attempts } from "./attempts.js";

/** A staff member as signing in reads them. */
export interface StaffLogin {
  id: string;
  name: string;
  roles: Role[];
  propertyId: string;
  alsoProperties: string[];
  lang: Lang;
  active: boolean;
  passwordHash: string | null;
}

/** What signing in reads and writes (src/db). */
export interface AccessStore {
  staffByLogin(login: string): Promise<StaffLogin | undefined>;
  staffById(id: string): Promise<StaffLogin | undefined>;
  /** an active administrator with a password: the built-in one then signs in no more */
  administratorExists(): Promise<boolean>;
  addSession(s: { id: string; staffId: string | null; csrf: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  session(id: string, now: Date): Promise<{ staffId: string | null; csrf: string; expiresAt: Date } | undefined>;
  dropSession(id: string): Promise<void>;
  dropSessionsOf(staffId: string, except?: string): Promise<void>;
  setPassword(staffId: string, passwordHash: string, at: Date): Promise<void>;
  /** records a sign-in link as used; false when it already was */
  useLink(l: { id: string; staffId: string; expiresAt: Date; at: Date }): Promise<boolean>;
}

export interface Session {
  /** the cookie's value (only its hash is stored) */
  token: string;
  csrf: string;
  expiresAt: Date;
  principal: Principal;
}

export type SignInRefusal = "wrong" | "limited" | "inactive";

const sha256 = (s: string) => createHash("sha256").update(s).digest("base64url");
const token = () => randomBytes(32).toString("base64url");
const ARGON2ID = 2;

export const hashPassword = (password: string) => hash(password, { algorithm: ARGON2ID });

export function principalOf(s: StaffLogin): Principal {
  const admin = s.roles.includes("admin");
  return {
    staffId: s.id,
    name: s.name,
    roles: s.roles,
    properties: admin ? "all" : [s.propertyId, ...s.alsoProperties.filter((p) => p !== s.propertyId)],
    lang: s.lang,
  };
}

/**
 * The console's sign-in: a login and password (argon2id), the built-in administrator (login `admin`, the admin
 * token) until a real one exists, and one-time links a bound staff member asks for in chat (登录). A session is
 * a random token in an HttpOnly cookie, stored as its hash, with a CSRF token of its own.
 */
export class SignIn {
  private readonly linkKey: Buffer;
  constructor(
    private readonly deps: {
      store: AccessStore;
      attempts: Attempts;
      adminToken: string;
      sessionMinutes: number;
      linkMinutes?: number;
    },
  ) {
    // links are signed with a key every instance sharing the admin token derives alike
    this.linkKey = createHmac("sha256", deps.adminToken).update("baoshi sign-in links").digest();
  }

  async withPassword(login: string, password: string, address: string, now: Date): Promise<Session | SignInRefusal> {
    const key = login.trim().toLowerCase();
    if (this.deps.attempts.blocked([`login:${key}`, `addr:${address}`], now)) return "limited";
    const principal = await this.check(key, password);
    if (principal === "inactive") return principal;
    if (!principal) {
      this.deps.attempts.failed([`login:${key}`, `addr:${address}`], now);
      return "wrong";
    }
    this.deps.attempts.cleared(`login:${key}`);
    return this.open(principal, now);
  }

  private async check(login: string, password: string): Promise<Principal | "inactive" | undefined> {
    if (login === "admin" && !(await this.deps.store.administratorExists())) {
      const given = Buffer.from(password);
      const want = Buffer.from(this.deps.adminToken);
      return given.length === want.length && timingSafeEqual(given, want) ? ADMINISTRATOR() : undefined;
    }
    const s = await this.deps.store.staffByLogin(login);
    if (!s?.passwordHash || !(await verify(s.passwordHash, password))) return undefined;
    return s.active ? principalOf(s) : "inactive";
  }

  private async open(principal: Principal, now: Date): Promise<Session> {
    const t = token();
    const s = { token: t, csrf: token(), expiresAt: new Date(now.getTime() + this.deps.sessionMinutes * 60_000), principal };
    await this.deps.store.addSession({ id: sha256(t), staffId: principal.staffId, csrf: s.csrf, createdAt: now, expiresAt: s.expiresAt });
    return s;
  }

  /** The session a cookie names, with who it is now (a deactivated member's sessions end at once). */
  async session(cookie: string | undefined, now: Date): Promise<Omit<Session, "token"> | undefined> {
    if (!cookie) return undefined;
    const row = await this.deps.store.session(sha256(cookie), now);
    if (!row) return undefined;
    if (row.staffId === null) return { csrf: row.csrf, expiresAt: row.expiresAt, principal: ADMINISTRATOR() };
    const s = await this.deps.store.staffById(row.staffId);
    if (!s?.active) return undefined;
    return { csrf: row.csrf, expiresAt: row.expiresAt, principal: principalOf(s) };
  }

  signOut(cookie: string): Promise<void> {
    return this.deps.store.dropSession(sha256(cookie));
  }

  /** The owner changes their password (the old one checked); their other sessions end. */
  async changePassword(staffId: string, old: string, password: string, cookie: string, now: Date): Promise<boolean> {
    const s = await this.deps.store.staffById(staffId);
    if (!s?.passwordHash || !(await verify(s.passwordHash, old))) return false;
    await this.deps.store.setPassword(staffId, await hashPassword(password), now);
    await this.deps.store.dropSessionsOf(staffId, sha256(cookie));
    return true;
  }

  /** A one-time sign-in link's token for a bound staff member (valid linkMinutes, 10 by default). */
  linkToken(staffId: string, now: Date): { token: string; expiresAt: Date } {
    const expiresAt = new Date(now.getTime() + (this.deps.linkMinutes ?? 10) * 60_000);
    const body = `${staffId}.${expiresAt.getTime()}.${randomBytes(12).toString("base64url")}`;
    return { token: `${body}.${this.mac(body)}`, expiresAt };
  }

  /** Signs in with a link: its signature, its time, its member active, and never used before. */
  async withLink(link: string, now: Date): Promise<Session | "expired" | "used" | "wrong"> {
    const i = link.lastIndexOf(".");
    const body = link.slice(0, i);
    const mac = Buffer.from(link.slice(i + 1));
    const want = Buffer.from(this.mac(body));
    if (i < 0 || mac.length !== want.length || !timingSafeEqual(mac, want)) return "wrong";
    const [staffId, expires] = body.split(".");
    const expiresAt = new Date(Number(expires));
    if (!(expiresAt > now)) return "expired";
    const s = await this.deps.store.staffById(staffId!);
    if (!s?.active) return "wrong";
    if (!(await this.deps.store.useLink({ id: sha256(link), staffId: s.id, expiresAt, at: now }))) return "used";
    return this.open(principalOf(s), now);
  }

  private mac(body: string): string {
    return createHmac("sha256", this.linkKey).update(body).digest("base64url");
  }
}
