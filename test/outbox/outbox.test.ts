import { serviceDatabaseUrl } from "../helpers/databases.js";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, freePort, type RunningApp } from "../helpers/app.js";
import { BotApiDouble } from "../helpers/bot-api-double.js";
import { TestClock } from "../helpers/clock.js";
import { owner, startWithTelegram, telegramEnv, UNPACED } from "../helpers/telegram.js";
import { bindTeam, team } from "../helpers/team.js";
import { startWithWechat } from "../helpers/wechat.js";

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  cleanup = [];
});

describe("outbox delivery", () => {
  it("a crash between sending and marking it sent: after the restart the message is not sent again; it is marked unconfirmed and a steward alerted", async () => {
    const double = await new BotApiDouble(UNPACED).start();
    cleanup.push(() => double.stop());
    const dir = mkdtempSync(join(tmpdir(), "baoshi-crash-"));
    mkdirSync(join(dir, "policies"));
    copyFileSync("policies/demo.yaml", join(dir, "policies", "demo.yaml"));
    // the service as its own process, so it can really die
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        ...process.env,
        ...telegramEnv(double, UNPACED),
        DATABASE_URL: await serviceDatabaseUrl(dir),
        POLICIES_DIR: join(dir, "policies"),
        PORT: String(await freePort()),
        HOST: "127.0.0.1",
        ADMIN_TOKEN,
        LOG_LEVEL: "warn",
      },
      stdio: "ignore",
    });
    cleanup.push(async () => child.kill("SIGKILL"));
    // Telegram takes the reply but the answer never comes back …
    double.hold(owner.id);
    double.say(owner, "你好");
    await double.nth(owner.id, 1);
    // … and the process dies right then
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    const clock = new TestClock(new Date());
    const { svc } = await startWithTelegram({ dir, double, clock, limits: UNPACED });
    cleanup.push(() => svc.destroy());
    await bindTeam(svc, ["sun"]);
    const row = await svc.app.db.outboxMessage.findFirstOrThrow({ where: { recipient: String(owner.id) } });
    expect(row.status).toBe("sending");
    // the dead process still holds the job's lease: nothing runs twice meanwhile …
    expect(await svc.app.scheduler.run("outbox")).toBeUndefined();
    clock.set(new Date(row.claimedAt!.getTime() + 3 * 60000));
    // … then the lease passes, and the old claim is settled: unconfirmed, never resent
    expect(await svc.app.scheduler.run("outbox")).toEqual({ released: 0, unconfirmed: 1 });
    await svc.app.telegram!.flushed();
    expect(double.sentTo(owner.id)).toHaveLength(1);
    expect((await svc.app.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("unconfirmed");
    expect(await svc.app.db.event.count({ where: { type: "outbox.unconfirmed" } })).toBe(1);
    expect((await double.nth(team.sun.id, 1)).text).toContain(`【消息未送达】telegram 用户 ${owner.id} 的一条消息未能确认送达`);
    expect(await svc.app.scheduler.run("outbox")).toEqual({ released: 0, unconfirmed: 0 });
  }, 60000);

  it("a message given up for good is dead, and a steward is alerted on another channel (WeChat)", async () => {
    const double = await new BotApiDouble(UNPACED).start();
    cleanup.push(() => double.stop());
    const wx = await startWithWechat({ env: telegramEnv(double, UNPACED) });
    cleanup.push(() => wx.stop());
    const svc: RunningApp = wx.svc;
    const sun = wx.user("孙管家");
    await svc.app.db.staff.create({ data: { id: "s-sun", propertyId: "demo", name: "孙管家", roles: ["steward"], skills: [], buildings: [] } });
    // bound on both: the alert goes to the channel that did not fail
    await svc.app.db.staffIdentity.create({ data: { id: `wechat:${sun.contact.id}`, staffId: "s-sun", channel: "wechat", externalId: sun.contact.id } });
    await svc.app.db.staffIdentity.create({ data: { id: `telegram:${team.sun.id}`, staffId: "s-sun", channel: "telegram", externalId: String(team.sun.id) } });

    double.fail(1, { code: 400, description: "Bad Request: chat not found" });
    double.say(owner, "你好");
    expect(await sun.nth(1)).toContain(`【消息未送达】telegram 用户 ${owner.id} 的一条消息未能确认送达（400`);
    expect(double.sentTo(team.sun.id)).toHaveLength(0);
    const dead = await svc.app.db.outboxMessage.findFirstOrThrow({ where: { recipient: String(owner.id) } });
    expect(dead.status).toBe("dead");
    const event = await svc.app.db.event.findFirstOrThrow({ where: { type: "outbox.dead" } });
    expect(event.data).toMatchObject({ outboxId: dead.id, channel: "telegram" });
  }, 30000);
});
