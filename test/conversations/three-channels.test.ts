import { rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { mock, PuppetMock } from "wechaty-puppet-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app.js";
import { BotApiDouble } from "../helpers/bot-api-double.js";
import { TELEGRAM_LIMITS, TOKEN } from "../helpers/telegram.js";
import { Visitor } from "../helpers/visitor.js";
import { WechatUser } from "../helpers/wechat.js";
import { corpus } from "../helpers/corpus.js";
import { REPLY_KINDS } from "../helpers/reply-kinds.js";

/** One resident on one channel: says something and reads the reply; picks a choice the way that channel offers it. */
interface Resident {
  say(text: string): Promise<string>;
  choose(label: string): Promise<string>;
}

type Step = ["say" | "choose", string, RegExp];
/**
 * The cases every channel must pass alike. They share one service: each case and channel reports from
 * its own building ({楼}), so that one resident's open report is not another's repeat of it.
 */
const CASES: [string, Step[]][] = [
  [
    "a report in one message, confirmed with its choice",
    [
      ["say", "{楼}栋2单元201 厨房水管漏水了，电话13812345678，明天下午三点可以上门", /请您核对[\s\S]*11月24日（周二）15:00/],
      ["choose", "确认提交", /单号 BS20261123-\d{4}/],
    ],
  ],
  [
    "step by step, with a refused answer",
    [
      ["say", "我家漏水了", /房号/],
      ["say", "{楼}-2-201", /联系电话/],
      ["say", "电话12345", /11 位/],
      ["say", "13812345678", /什么时候上门/],
      ["say", "尽快", /请您核对/],
      ["choose", "确认提交", /单号/],
    ],
  ],
  [
    "a resident who will not give a room: kept as invalid, told why",
    [
      ["say", "有人在楼道里堆杂物", /哪一栋/],
      ["say", "不方便说房号", /不好意思/],
      ["say", "不想说房号", /未提供房号或位置[\s\S]*无效报事/],
    ],
  ],
  [
    "back and cancel",
    [
      ["say", "卫生间马桶堵了", /房号/],
      ["say", "5号楼1单元302", /联系电话/],
      ["say", "返回", /房号/],
      ["say", "取消", /已取消/],
    ],
  ],
  ["very urgent: safety advice first", [["say", "好像闻到燃气味，2栋1单元201，13100009999", /^⚠️[\s\S]*96777[\s\S]*单号/]]],
  ["progress of one's own reports", [["say", "查询进度", /没有处理中的报事/]]],
  [
    "催单 from 查询进度, then typed; a second within ten minutes is told when it can be chased again",
    [
      ["say", "{楼}栋2单元201 卫生间水龙头漏水 13812345678 尽快", /请您核对/],
      ["choose", "确认提交", /单号/],
      ["say", "查询进度", /1 条处理中的报事/],
      ["choose", "催单", /已记录您的催单（BS\d{8}-\d{4}，已等待 1 分钟）/],
      ["say", "催一下", /已经催过[\s\S]*后可以再催/],
    ],
  ],
  [
    "a phone keyboard's slips are mended: 下五, 点话, 近快",
    [["say", "{楼}栋1单元1801 马统水箱漏水 明天下五两点来看看 点话13711112233", /请您核对[\s\S]*马桶水箱漏水[\s\S]*13711112233[\s\S]*11月24日（周二）14:00/]],
  ],
  [
    "traditional Chinese is understood, and answered in traditional",
    [
      ["say", "{楼}棟2單元1502 浴室的排水孔堵住了 明天上午十點 電話13522446688", /請您核對[\s\S]*{楼}棟2單元1502[\s\S]*11月24日（週二）10:00/],
      ["choose", "確認提交", /已為您登記報事，單號 BS\d{8}-\d{4}/],
    ],
  ],
  [
    "the same problem reported twice: shown the open report, added to it",
    [
      ["say", "{楼}栋2单元202 厨房下水道堵了 13812345678 尽快", /请您核对/],
      ["choose", "确认提交", /单号/],
      ["say", "{楼}栋2单元202 厨房下水道还是堵着 13812345678 尽快", /请您核对/],
      ["choose", "确认提交", /您于 11月23日（周一）报过 BS\d{8}-\d{4}（厨房下水道堵了）[\s\S]*同一个问题吗/],
      ["choose", "是同一个", /已把您这次说的内容（和照片）补充到报事/],
    ],
  ],
];

let svc: RunningApp;
let double: BotApiDouble;
let mocker: mock.Mocker;
let me: mock.ContactMock;
let wechatName: string;
let nextTelegramId = 70000;

beforeAll(async () => {
  double = await new BotApiDouble({ ...TELEGRAM_LIMITS, chatPerSecond: 100, chatBurst: 100 }).start();
  mocker = new mock.Mocker();
  wechatName = `test-${randomUUID().slice(0, 8)}`;
  svc = await startApp({
    wechatPuppet: new PuppetMock({ mocker }),
    env: {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: double.url,
      TELEGRAM_CHAT_PER_SECOND: "100",
      TELEGRAM_CHAT_BURST: "100",
      WECHATY_PUPPET: "wechaty-puppet-mock",
      WECHATY_NAME: wechatName,
      WECHAT_CONTACT_GAP: "10ms",
      WECHAT_JITTER: "0ms",
      WECHAT_MAX_PER_MINUTE: "6000",
    },
  });
  me = mocker.createContact({ name: "阳光花园物业" });
  mocker.login(me);
});
afterAll(async () => {
  await svc?.destroy();
  await double?.stop();
  rmSync(`${wechatName}.memory-card.json`, { force: true });
});

const channels: Record<string, () => Resident> = {
  web: () => {
    const v = new Visitor(svc.url);
    return { say: (t) => v.say(t), choose: (l) => v.press(l) };
  },
  telegram: () => {
    const user = { id: nextTelegramId++, first_name: "居民" };
    let seen = 0;
    const next = async () => (await double.nth(user.id, ++seen)).text;
    return {
      say: async (t) => {
        double.say(user, t);
        return next();
      },
      choose: async (l) => {
        double.press(user, double.lastTo(user.id), l);
        return next();
      },
    };
  },
  wechat: () => {
    const user = new WechatUser(mocker, me, `居民${randomUUID().slice(0, 4)}`);
    let seen = 0;
    const next = () => user.nth(++seen);
    return {
      say: async (t) => {
        user.say(t);
        return next();
      },
      choose: async (l) => {
        // numbered replies: find the number the last message gives this label, and reply with it
        const last = user.inbox.at(-1)!.text;
        const n = new RegExp(`(\\d+) ${l}`).exec(last)?.[1];
        if (!n) throw new Error(`no numbered choice "${l}" in: ${last}`);
        user.say(n);
        return next();
      },
    };
  },
};

describe.each(Object.keys(channels))("the same flows on %s", (channel) => {
  it.each(CASES)("%s", async (name, steps) => {
    const resident = channels[channel]!();
    const building = String(10 + 20 * Object.keys(channels).indexOf(channel) + CASES.findIndex(([n]) => n === name));
    for (const [action, template, expected] of steps) {
      const input = template.replace("{楼}", building);
      const reply = action === "say" ? await resident.say(input) : await resident.choose(input);
      expect(reply, `${channel}: ${action} ${input}`).toMatch(new RegExp(expected.source.replaceAll("{楼}", building)));
    }
  });
});

/**
 * A resident on one channel who reads every message a turn brings (an emergency's filing and its next
 * question come as two): waits for the first, then for as many as the service wrote for that chat.
 */
function reader(channel: string): { say(text: string): Promise<string> } {
  if (channel === "web") {
    const v = new Visitor(svc.url);
    return {
      say: async (t) => {
        await v.say(t);
        return v.last.map((r) => r.text).join("\n");
      },
    };
  }
  const written = (recipient: string) => svc.app.db.outboxMessage.count({ where: { recipient } });
  const turn = async (send: () => void, received: () => string[], recipient: string, wait: (n: number) => Promise<unknown>) => {
    const before = received().length;
    send();
    await wait(before + 1);
    await wait(await written(recipient));
    return received().slice(before).join("\n");
  };
  if (channel === "telegram") {
    const user = { id: nextTelegramId++, first_name: "居民" };
    const received = () => double.sentTo(user.id).map((m) => m.text);
    return {
      say: (t) =>
        turn(
          () => double.say(user, t),
          received,
          String(user.id),
          (n) => double.nth(user.id, n),
        ),
    };
  }
  const user = new WechatUser(mocker, me, `居民${randomUUID().slice(0, 4)}`);
  const received = () => user.inbox.map((m) => m.text);
  return {
    say: (t) =>
      turn(
        () => user.say(t),
        received,
        user.contact.id,
        (n) => user.nth(n),
      ),
  };
}

/**
 * The residents' corpus (test/helpers/corpus.ts) on every channel: each message from a new resident gets
 * the same kind of reply whichever channel it came by. (The channels share one service, so a report confirmed
 * on a later channel may be asked whether it repeats the same room's report from an earlier one.)
 */
describe.each(Object.keys(channels))("the residents' corpus on %s", (channel) => {
  it.each(corpus.map((e) => [e.text, e] as const))("%s", async (_text, entry) => {
    const resident = reader(channel);
    const first = await resident.say(entry.text);
    if (entry.expect.reply) expect(first, `${channel}: ${entry.text}`).toMatch(REPLY_KINDS[entry.expect.reply]!);
    for (const step of entry.then ?? []) {
      const kind = step.reply === "filed" ? new RegExp(`${REPLY_KINDS.filed!.source}|同一个问题|同一個問題`) : REPLY_KINDS[step.reply]!;
      expect(await resident.say(step.text), `${channel}: after 「${step.text}」`).toMatch(kind);
    }
  });
});
