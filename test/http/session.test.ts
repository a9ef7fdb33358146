import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startApp, type RunningApp } from "../helpers/app.js";
import { adminSend, signIn } from "../helpers/session.js";

let svc: RunningApp;
beforeEach(async () => {
  svc = await startApp();
});
afterEach(async () => {
  await svc.destroy();
});

const signInRaw = (login: string, password: string) =>
  fetch(`${svc.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ login, password }) });

describe("signing in to the console", () => {
  it("the built-in administrator signs in with the admin token; the cookie is HttpOnly and SameSite=Lax; signing out ends it", async () => {
    const res = await signInRaw("admin", ADMIN_TOKEN);
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^baoshi_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    const admin = await signIn(svc, "admin", ADMIN_TOKEN);
    expect((await admin.get("/api/tickets")).status).toBe(200);
    expect((await admin.get("/api/session")).body).toMatchObject({ name: "admin", roles: ["admin"], properties: "all" });

    expect((await admin.send("DELETE", "/api/session")).status).toBe(204);
    expect((await admin.get("/api/tickets")).status).toBe(401);
  });

  it("a staff member's login and password (argon2id) are set by an administrator; wrong ones are refused and limited", async () => {
    const made = await adminSend(svc, "POST", "/api/staff", {
      name: "孙管家",
      roles: ["steward"],
      login: "Sun",
      password: "garden-2026",
      phone: "13900002222",
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ login: "sun", phone: "13900002222" });
    expect(JSON.stringify(made.body)).not.toContain("garden-2026");
    const row = await svc.app.db.staff.findUnique({ where: { id: made.body.id } });
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);

    const sun = await signIn(svc, "SUN", "garden-2026");
    expect((await sun.get("/api/session")).body).toMatchObject({ name: "孙管家", roles: ["steward"], properties: ["demo"] });

    // five wrong passwords, then even the right one waits
    for (let i = 0; i < 5; i++) expect((await signInRaw("sun", "guess-" + i)).status).toBe(401);
    const limited = await signInRaw("sun", "garden-2026");
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as any).error.message).toContain("wait 15 minutes");
    svc.clock.advance(16);
    expect((await signInRaw("sun", "garden-2026")).status).toBe(200);
  });

  it("a state-changing call on a session needs its CSRF token; the bearer token needs none", async () => {
    const admin = await signIn(svc, "admin", ADMIN_TOKEN);
    const body = { name: "赵", roles: ["technician"] };
    const without = await admin.send("POST", "/api/staff", body, { csrf: null });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe("csrf");
    const wrong = await admin.send("POST", "/api/staff", body, { csrf: "forged" });
    expect(wrong.status).toBe(403);
    expect((await admin.send("POST", "/api/staff", body)).status).toBe(201);
    expect((await adminSend(svc, "POST", "/api/staff", { name: "钱", roles: ["technician"] })).status).toBe(201);
  });

  it("sessions expire after SESSION_TTL; an owner changes their password and their other sessions end", async () => {
    await adminSend(svc, "POST", "/api/staff", { name: "王主管", roles: ["supervisor"], login: "wang", password: "first-pass-1" });
    const desk = await signIn(svc, "wang", "first-pass-1");
    const phone = await signIn(svc, "wang", "first-pass-1");
    const wrongOld = await desk.send("PUT", "/api/session/password", { old: "nope", password: "second-pass-2" });
    expect(wrongOld.status).toBe(403);
    expect((await desk.send("PUT", "/api/session/password", { old: "first-pass-1", password: "second-pass-2" })).status).toBe(200);
    expect((await phone.get("/api/tickets")).status).toBe(401);
    expect((await desk.get("/api/tickets")).status).toBe(200);
    expect(signInRaw("wang", "first-pass-1").then((r) => r.status)).resolves.toBe(401);
    svc.clock.advance(12 * 60 + 1);
    expect((await desk.get("/api/tickets")).status).toBe(401);
  });

  it("once a real administrator has a password, the built-in one no longer signs in (the token still works for the API)", async () => {
    await adminSend(svc, "POST", "/api/staff", { name: "周", roles: ["admin"], login: "zhou", password: "admin-pass-9" });
    expect((await signInRaw("admin", ADMIN_TOKEN)).status).toBe(401);
    const zhou = await signIn(svc, "zhou", "admin-pass-9");
    expect((await zhou.get("/api/session")).body.properties).toBe("all");
    expect((await adminSend(svc, "GET", "/api/staff")).status).toBe(200);
  });

  it("POST /api/staff refuses a field it would not keep, a taken login, and a password without a login", async () => {
    const unknown = await adminSend(svc, "POST", "/api/staff", { name: "李", roles: ["technician"], shift: "night" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("shift");
    await adminSend(svc, "POST", "/api/staff", { name: "李", roles: ["technician"], login: "li" });
    const taken = await adminSend(svc, "POST", "/api/staff", { name: "李二", roles: ["technician"], login: "LI" });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe('login: "li" is taken; choose another');
    const lonely = await adminSend(svc, "POST", "/api/staff", { name: "钱", roles: ["technician"], password: "some-password" });
    expect(lonely.body.error.message).toBe("login: a password needs a login to sign in with");
  });
});

describe("another site's page", () => {
  it("cannot sign anyone in or post a form on their behalf", async () => {
    const res = await fetch(`${svc.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ login: "admin", password: ADMIN_TOKEN }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
    const same = await fetch(`${svc.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: svc.url },
      body: JSON.stringify({ login: "admin", password: ADMIN_TOKEN }),
    });
    expect(same.status).toBe(200);
  });
});

describe("mangled input on the sign-in path", () => {
  it("a malformed cookie is no session, and a malformed Origin is refused, never a 500", async () => {
    const r = await fetch(`${svc.url}/api/tickets`, { headers: { cookie: "baoshi_session=%E0%A4%A" } });
    expect(r.status).toBe(401);
    const o = await fetch(`${svc.url}/api/session`, { method: "POST", headers: { "content-type": "application/json", origin: "::not a url" }, body: "{}" });
    expect(o.status).toBe(403);
  });
});
