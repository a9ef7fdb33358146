import { rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { mock, PuppetMock } from "wechaty-puppet-mock";
import { startApp, type RunningApp } from "./app.js";
import type { TestClock } from "./clock.js";

/** The mock's users and rooms emit the messages they see (its typings do not say so). */
export interface MockMessage {
  talker(): { id: string } | undefined;
  room(): unknown;
  text(): string | undefined;
}
export const listen = (who: mock.ContactMock | mock.RoomMock, fn: (m: MockMessage) => void) =>
  (who as unknown as { on(event: "message", fn: (m: MockMessage) => void): void }).on("message", fn);

/** A message the resident's WeChat showed, with when it arrived. */
export interface Received {
  text: string;
  at: number;
}

/** A WeChat user talking to the property's account through wechaty-puppet-mock. */
export class WechatUser {
  readonly inbox: Received[] = [];
  readonly contact: mock.ContactMock;

  constructor(
    readonly mocker: mock.Mocker,
    private readonly me: mock.ContactMock,
    name: string,
  ) {
    this.contact = mocker.createContact({ name });
    listen(this.contact, (m) => {
      if (m.talker()?.id === me.id && !m.room()) this.inbox.push({ text: m.text() ?? "", at: Date.now() });
    });
  }

  say(text: string): void {
    this.contact.say(text).to(this.me);
  }

  /** Waits (real time: I/O with the service) for the n-th message from the account. */
  async nth(n: number, ms = 15000): Promise<string> {
    const end = Date.now() + ms;
    while (this.inbox.length < n) {
      if (Date.now() > end) throw new Error(`timed out waiting for message ${n}; got: ${JSON.stringify(this.inbox.map((r) => r.text.slice(0, 40)))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.inbox[n - 1]!.text;
  }
}

/** The service with WeChat on, through the mock puppet, logged in as the property's account. */
export async function startWithWechat(
  opts: { gap?: string; jitter?: string; perMinute?: string; dir?: string; clock?: TestClock; env?: Record<string, string>; name?: string } = {},
) {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const name = opts.name ?? `test-${randomUUID().slice(0, 8)}`;
  const svc: RunningApp = await startApp({
    ...(opts.dir ? { dir: opts.dir } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    wechatPuppet: puppet,
    env: {
      WECHATY_PUPPET: "wechaty-puppet-mock",
      WECHATY_NAME: name,
      WECHAT_CONTACT_GAP: opts.gap ?? "50ms",
      WECHAT_JITTER: opts.jitter ?? "0ms",
      WECHAT_MAX_PER_MINUTE: opts.perMinute ?? "6000",
      ...opts.env,
    },
  });
  const me = mocker.createContact({ name: "阳光花园物业" });
  mocker.login(me);
  await new Promise((r) => setTimeout(r, 50));
  return {
    svc,
    mocker,
    me,
    user: (n: string) => new WechatUser(mocker, me, n),
    async stop() {
      await svc.destroy();
      rmSync(`${name}.memory-card.json`, { force: true });
    },
  };
}
