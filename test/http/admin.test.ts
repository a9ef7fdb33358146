import { refuseConnections, SERVICE_DATABASE } from "../helpers/databases.js";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app.js";
import { numberIn, Visitor } from "../helpers/visitor.js";

let svc: RunningApp;
let number: string;
beforeAll(async () => {
  svc = await startApp();
  const owner = new Visitor(svc.url);
  await owner.say("3栋2单元201 厨房水管漏水 13812345678 明天下午3点");
  number = numberIn(await owner.press("确认提交"))!;
  svc.clock.advance(60);
  const other = new Visitor(svc.url);
  await other.say("小区路上有人堆杂物");
  await other.say("不方便说房号");
  await other.say("不想说");
});
afterAll(async () => {
  await svc.destroy();
});

describe("the admin API", () => {
  it("refuses a request without the right bearer token", async () => {
    for (const headers of [{} as Record<string, string>, { authorization: "Bearer wrong-token-wrong-token" }, { authorization: "Basic abc" }]) {
      const res = await fetch(`${svc.url}/api/tickets`, { headers });
      expect(res.status).toBe(401);
      expect(((await res.json()) as any).error.code).toBe("unauthorized");
    }
    expect((await fetch(`${svc.url}/api/tickets/${number}`)).status).toBe(401);
  });

  it("lists tickets, filtered by status, property and since", async () => {
    expect((await svc.admin("/api/tickets")).body.tickets).toHaveLength(2);
    expect((await svc.admin("/api/tickets?status=received")).body.tickets.map((t: any) => t.number)).toEqual([number]);
    expect((await svc.admin("/api/tickets?status=invalid")).body.tickets).toHaveLength(1);
    expect((await svc.admin("/api/tickets?property=demo")).body.tickets).toHaveLength(2);
    expect((await svc.admin("/api/tickets?property=elsewhere")).body.tickets).toHaveLength(0);
    expect((await svc.admin("/api/tickets?since=2026-11-23T10:30:00%2B08:00")).body.tickets).toHaveLength(1);
    // the example as typed into a URL: its "+" arrives as a space, and is read as meant
    expect((await svc.admin("/api/tickets?since=2026-11-23T10:30:00+08:00")).body.tickets).toHaveLength(1);
  });

  it("says what is wrong with a filter, and 404s an unknown number", async () => {
    const bad = await svc.admin("/api/tickets?since=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/since: must be an ISO 8601 time/);
    expect(bad.body.error.message).toContain("write + as %2B");
    expect((await svc.admin("/api/tickets?status=lost")).status).toBe(400);
    const missing = await svc.admin("/api/tickets/BS20990101-0001");
    expect(missing.status).toBe(404);
  });

  it("shows one ticket with its fields, deadlines and events", async () => {
    const { body } = await svc.admin(`/api/tickets/${number}`);
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining([
        "number",
        "status",
        "category",
        "nature",
        "severity",
        "urgency",
        "room",
        "phone",
        "reporterName",
        "description",
        "appointmentAt",
        "channel",
        "createdAt",
        "invalidReason",
        "assignee",
        "deadlines",
        "events",
      ]),
    );
    expect(body.createdAt).toBe("2026-11-23T10:00:00+08:00");
    expect(body.events[0]).toMatchObject({ type: "ticket.received", channel: "web", at: "2026-11-23T10:00:00+08:00" });
  });
});

describe("health", () => {
  it("is 200 with the database up, 503 when the database is unreachable", async () => {
    const ok = await fetch(`${svc.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok", database: "ok", provider: SERVICE_DATABASE, leases: [] });

    const down = async () => {
      const res = await fetch(`${svc.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: "unavailable", database: "unreachable", provider: SERVICE_DATABASE });
    };
    await svc.app.db.$disconnect();
    if (SERVICE_DATABASE === "postgresql") {
      // the server refuses this database: its connections are ended and no new one is let in
      await refuseConnections(svc.dir, true);
      try {
        await down();
      } finally {
        await refuseConnections(svc.dir, false);
      }
      return;
    }
    // the disk goes away: the database's folder is replaced by a plain file
    renameSync(svc.dir, `${svc.dir}.away`);
    writeFileSync(svc.dir, "not a folder");
    try {
      await down();
    } finally {
      rmSync(svc.dir);
      renameSync(`${svc.dir}.away`, svc.dir);
    }
  });
});
