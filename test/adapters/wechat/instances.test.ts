import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { SERVICE_DATABASE } from "../../helpers/databases.js";
import { startWithWechat } from "../../helpers/wechat.js";

type Running = Awaited<ReturnType<typeof startWithWechat>>;
let running: Running[] = [];
afterEach(async () => {
  for (const r of running.reverse()) await r.stop().catch(() => undefined);
  running = [];
});

const leasesOf = async (r: Running) => ((await (await fetch(`${r.svc.url}/healthz`)).json()) as { leases: string[] }).leases;

describe.skipIf(SERVICE_DATABASE !== "postgresql")("one WeChat login across instances", () => {
  it("only the instance holding the login's lease runs the puppet and sends; when it stops, another takes the lease", async () => {
    const name = `shared-${randomUUID().slice(0, 8)}`;
    // renewed every quarter second: the takeover is quick enough to watch
    const a = await startWithWechat({ name, env: { JOB_LEASE: "1s" } });
    running.push(a);
    const b = await startWithWechat({ name, dir: a.svc.dir, clock: a.svc.clock, env: { JOB_LEASE: "1s" } });
    running.push(b);
    expect(await leasesOf(a)).toContain(`sender:wechat:${name}`);
    expect(await leasesOf(b)).not.toContain(`sender:wechat:${name}`);
    // a stops cleanly and lets the lease go; b takes it at its next renewal
    await a.svc.stop();
    running = running.filter((r) => r !== a);
    let taken = false;
    for (let i = 0; i < 40 && !taken; i++) {
      await new Promise((r) => setTimeout(r, 100));
      taken = (await leasesOf(b)).includes(`sender:wechat:${name}`);
    }
    expect(taken).toBe(true);
  });
});
