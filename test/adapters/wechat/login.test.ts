import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { mock, PuppetMock } from "wechaty-puppet-mock";
import { describe, expect, it } from "vitest";
import { startApp } from "../../helpers/app.js";
import { BotApiDouble } from "../../helpers/bot-api-double.js";
import { TELEGRAM_LIMITS, TOKEN } from "../../helpers/telegram.js";

describe("the WeChat login", () => {
  it("serves the QR code to the admin while it waits for a scan; after a logout, bound staff on Telegram are alerted", async () => {
    const double = await new BotApiDouble(TELEGRAM_LIMITS).start();
    const mocker = new mock.Mocker();
    const puppet = new PuppetMock({ mocker });
    const name = `test-${randomUUID().slice(0, 8)}`;
    const svc = await startApp({
      wechatPuppet: puppet,
      env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: double.url, WECHATY_PUPPET: "wechaty-puppet-mock", WECHATY_NAME: name },
    });
    try {
      expect((await fetch(`${svc.url}/api/wechat/qrcode`)).status).toBe(401);
      mocker.scan("https://login.weixin.qq.com/l/test-qr");
      await new Promise((r) => setTimeout(r, 50));
      const qr = await svc.admin("/api/wechat/qrcode");
      expect(qr.status).toBe(200);
      expect(qr.body).toMatchObject({ status: "scan", qrcode: "https://login.weixin.qq.com/l/test-qr" });

      const me = mocker.createContact({ name: "阳光花园物业" });
      mocker.login(me);
      await new Promise((r) => setTimeout(r, 50));
      const after = await svc.admin("/api/wechat/qrcode");
      expect(after.status).toBe(404);
      expect(after.body.error.message).toContain("logged in as 阳光花园物业");

      // a supervisor bound on Telegram hears about the logout there
      await svc.app.db.staff.create({ data: { id: "s-boss", propertyId: "demo", name: "王主管", roles: ["supervisor"], skills: [], buildings: [] } });
      await svc.app.db.staffIdentity.create({ data: { id: "telegram:8001", staffId: "s-boss", channel: "telegram", externalId: "8001" } });
      await puppet.logout("test");
      const alert = await double.nth(8001, 1);
      expect(alert.text).toContain("微信账号「阳光花园物业」已退出登录");
      expect(await svc.app.db.event.count({ where: { type: "wechat.logout" } })).toBe(1);
    } finally {
      await svc.destroy();
      await double.stop();
      rmSync(`${name}.memory-card.json`, { force: true });
    }
  });

  it("a puppet the deployer named but did not install stops the start with one clear line, before anything is written", () => {
    const db = `/tmp/baoshi-${randomUUID()}.db`;
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { ...process.env, PORT: "39999", WECHATY_PUPPET: "wechaty-puppet-not-installed", DATABASE_URL: `file:${db}` },
      encoding: "utf8",
      timeout: 30000,
    });
    expect(r.status).toBe(1);
    const lines = r.stderr
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("npm warn"));
    expect(lines).toEqual(['config error: WECHATY_PUPPET "wechaty-puppet-not-installed" is not installed; run: npm install wechaty-puppet-not-installed']);
    expect(existsSync(db)).toBe(false);
  });
});
