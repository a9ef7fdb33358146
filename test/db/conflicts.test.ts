import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConflictError } from "../../src/core/errors.js";
import { parsePolicy } from "../../src/core/policy/policy.js";
import BetterSqlite3 from "better-sqlite3";
import { HotPath } from "../../src/db/hot-path.js";
import { SqliteRunner } from "../../src/db/sql/sqlite-runner.js";
import { PgRunner } from "../../src/db/sql/pg-runner.js";
import { serviceDatabaseUrl } from "../helpers/databases.js";
import { startApp, type RunningApp } from "../helpers/app.js";
import { numberIn, Visitor } from "../helpers/visitor.js";

let svc: RunningApp | undefined;
afterEach(async () => {
  await svc?.destroy();
  svc = undefined;
});

describe("a guarded write that lost its race", () => {
  it("raises ConflictError and writes nothing of its change (a second writer on the same database: another connection, as another instance)", async () => {
    svc = await startApp();
    const owner = new Visitor(svc.url);
    await owner.say("3栋2单元201 厨房水管漏水 13812345678 尽快");
    const number = numberIn(await owner.press("确认提交"))!;
    const { body } = await svc.admin(`/api/tickets/${number}`);
    const { id } = (await svc.app.db.ticket.findUnique({ where: { number } }))!;
    const url = await serviceDatabaseUrl(svc.dir);
    const runner = url.startsWith("file:") ? new SqliteRunner(new BetterSqlite3(join(svc.dir, "baoshi.db"))) : PgRunner.connect(url, 2);
    const other = new HotPath(runner, () => parsePolicy({}));
    try {
      const at = new Date("2026-11-23T10:05:00+08:00");
      // the change expects an accepted ticket; it is still received
      const lost = () =>
        other.change({
          moves: [{ ticketId: id, from: ["accepted"], to: "arrived", stamp: "arrivedAt", at }],
          events: [{ id: "e-lost", propertyId: "demo", ticketId: id, type: "ticket.arrived", actor: "test", channel: null, data: null, at }],
        });
      await expect(lost()).rejects.toThrow(ConflictError);
      // the same change from where the ticket is goes through (the guard, not the id, refused it)
      await other.change({ moves: [{ ticketId: id, from: ["received"], to: "cancelled", at }] });
      await expect(lost()).rejects.toThrow(expect.objectContaining({ code: "changed_meanwhile" }));
    } finally {
      await other.close();
    }
    const after = await svc.admin(`/api/tickets/${number}`);
    expect(body.status).toBe("received");
    expect(after.body.status).toBe("cancelled");
    expect(after.body.events.map((e: { type: string }) => e.type)).not.toContain("ticket.arrived");
  });
});
