import { describe, expect, it } from "vitest";
import { reportFlow } from "../../conversations/report.js";
import { normalizeText } from "../../src/core/conversation/parse/normalize.js";
import { flowContext } from "../helpers/flow-context.js";

/** The report flow after a first message, answering its next question with `answer`. */
async function answer(first: string, reply: string) {
  const ctx = flowContext({ now: new Date("2026-11-23T10:00:00+08:00") });
  const a = await reportFlow.start({ text: normalizeText(first), attachments: [] }, ctx);
  return reportFlow.resume(a.state!, { text: normalizeText(reply), attachments: [] }, ctx);
}

describe("declining a question, in its common forms", () => {
  it.each(["不想给", "我不留电话", "为什么要电话？", "电话就不留了", "不给"])(
    "「%s」 to the phone question is a decline: explained once, then kept as invalid",
    async (said) => {
      const first = await answer("3栋2单元201 厨房水管漏水 尽快", said);
      expect(first.replies[0]!.text).toContain("没有联系电话我们无法安排上门和回访");
      const ctx = flowContext({ now: new Date("2026-11-23T10:00:00+08:00") });
      const second = await reportFlow.resume(first.state!, { text: normalizeText(said), attachments: [] }, ctx);
      expect(second.state).toBeNull();
      expect(second.effects[0]).toMatchObject({ type: "fileTicket", ticket: { status: "invalid", invalidReason: "未提供联系电话（无法联系）" } });
    },
  );

  it.each(["不想给", "房号就不说了", "为什么要房号"])("「%s」 to the room question is a decline", async (said) => {
    const r = await answer("厨房水管漏水 13812345678 尽快", said);
    expect(r.replies[0]!.text).toContain("房号（或具体位置）是师傅上门和回访的依据");
  });

  it("a phone given with the words 不给 elsewhere is still a phone", async () => {
    const r = await answer("3栋2单元201 厨房水管漏水 尽快", "13812345678");
    expect(r.state?.values).toMatchObject({ phone: "+8613812345678" });
  });
});

describe("nothing said is thrown away", () => {
  it("a phone and a time sent while the room is asked are kept, and said so, before the room is asked again", async () => {
    const r = await answer("厨房水管漏水", "13812345678 明天下午3点");
    expect(r.replies[0]!.text).toMatch(/^好的，联系电话、上门时间已记下。\n请问您的房号是多少？/);
    expect(r.state?.values).toMatchObject({ phone: "+8613812345678", appointment: { asap: false } });
  });
});

describe("a complaint about staff behaviour", () => {
  it("is at least 重要, asks the phone for the person in charge, and the answer starts with an apology", async () => {
    const ctx = flowContext({ now: new Date("2026-11-23T10:00:00+08:00") });
    const a = await reportFlow.start({ text: normalizeText("投诉 昨天晚上保安对我大吼大叫还骂人 7栋1单元1601"), attachments: [] }, ctx);
    expect(a.state?.values).toMatchObject({ category: { nature: "投诉", severity: "重要" } });
    expect(a.replies[0]!.text).toContain("方便负责人联系您");
    expect(a.replies[0]!.text).not.toContain("师傅上门");
    const b = await reportFlow.resume(a.state!, { text: "18955667788", attachments: [] }, ctx);
    const filed = await reportFlow.resume(b.state!, { text: "", choice: "confirm", attachments: [] }, ctx);
    expect(filed.replies[0]!.text).toMatch(/^非常抱歉给您带来了不好的体验。已为您登记投诉，单号 BS\d{8}-\d{4}。\n/);
    expect(filed.replies[0]!.text).not.toContain("谢谢您的反馈");
  });
});

describe("fair categories", () => {
  it.each(["卫生间顶上一直滴水", "楼上漏水到我家卫生间了", "整栋楼都没热水了"])("「%s」 is not a paid in-home repair", async (text) => {
    const { classify } = await import("../../src/core/ticket/classify.js");
    const { keywords } = await import("../../conversations/keywords.js");
    expect(classify(text, keywords).category).not.toBe("A");
  });
});

describe("a partly understood place keeps its part and asks only the rest", () => {
  const ctx = () => flowContext({ now: new Date("2026-11-23T10:00:00+08:00") });
  async function talk(lines: string[], policy?: Record<string, unknown>) {
    const c = policy ? flowContext({ now: new Date("2026-11-23T10:00:00+08:00"), policy }) : ctx();
    let r = await reportFlow.start({ text: normalizeText(lines[0]!), attachments: [] }, c);
    const said = [r.replies.map((x) => x.text).join("\n")];
    for (const l of lines.slice(1)) {
      r = await reportFlow.resume(r.state!, { text: normalizeText(l), attachments: [] }, c);
      said.push(r.replies.map((x) => x.text).join("\n"));
    }
    return { r, said };
  }

  it("「5栋」 asks the unit and room; 「2单元301」 completes it", async () => {
    const { r, said } = await talk(["厨房水管漏水 13812345678 尽快", "五栋", "2单元301"]);
    expect(said[1]).toMatch(/^5栋 — 请问是几单元几号？/);
    expect(r.state?.values).toMatchObject({ place: { kind: "room", building: "5", unit: "2", room: "301" } });
  });

  it("a building said without the room, in the first message, is kept the same way", async () => {
    const { r, said } = await talk(["8栋2单元 卫生间下水道堵了 13812345678 尽快", "1203"]);
    expect(said[0]).toContain("8栋2单元 — 请问是几号房？");
    expect(r.state?.values).toMatchObject({ place: { kind: "room", building: "8", unit: "2", room: "1203" } });
  });

  it("「楼道灯坏了」 asks which building, and 「3栋」 completes the place", async () => {
    const { r, said } = await talk(["楼道灯坏了 13812345678", "3栋"]);
    expect(said[0]).toContain("请问是哪一栋的楼道？");
    expect(r.state?.values).toMatchObject({ place: { kind: "location", location: "3栋楼道" } });
  });

  it("partial answers do not use up the tries", async () => {
    const { r } = await talk(["厨房水管漏水 13812345678 尽快", "5栋", "5栋", "5栋", "2单元301"]);
    expect(r.state?.values).toMatchObject({ place: { kind: "room", building: "5", unit: "2", room: "301" } });
  });

  it("when the property lists its buildings, a building that does not exist is named", async () => {
    const { said } = await talk(["厨房水管漏水 13812345678 尽快", "12栋"], {
      buildings: [
        { name: "1", units: 2 },
        { name: "5", units: 3 },
      ],
    });
    expect(said[1]).toContain("本小区没有 12 栋（有：1、5），请核对");
  });

  it("a property whose building has no units asks only the room", async () => {
    const { said } = await talk(["厨房水管漏水 13812345678 尽快", "5栋"], { buildings: [{ name: "5" }] });
    expect(said[1]).toContain("5栋 — 请问是几号房？");
  });
});

describe("paid or not, asked once when it cannot be told", () => {
  const at = new Date("2026-11-23T10:00:00+08:00");
  const start = (text: string) => reportFlow.start({ text: normalizeText(text), attachments: [] }, flowContext({ now: at }));

  it("「没热水了」 asks whether it is only this flat, with choices; 只有我家 makes it a paid in-home repair", async () => {
    const ctx = flowContext({ now: at });
    const a = await reportFlow.start({ text: "3栋2单元201 没热水了 13812345678 尽快", attachments: [] }, ctx);
    expect(a.replies[0]!.text).toContain("请问是只有您家这样，还是整栋楼或邻居家也这样？");
    expect(a.replies[0]!.choices!.map((c) => c.label)).toEqual(["只有我家", "整栋楼/邻居家也是", "不清楚"]);
    // until it is told, it is not paid
    expect(a.state?.values).toMatchObject({ category: { category: "D" } });
    const b = await reportFlow.resume(a.state!, { text: "", choice: "set:category:A", attachments: [] }, ctx);
    expect(b.replies[0]!.text).toContain("类别：特约维修");
  });

  it.each([
    ["邻居家也没有", "D"],
    ["就我家", "A"],
    ["13812345678", "D"],
  ])("answered 「%s」 → %s, never asked again", async (said, category) => {
    const ctx = flowContext({ now: at });
    const a = await reportFlow.start({ text: "3栋2单元201 家里没热水了 尽快", attachments: [] }, ctx);
    const b = await reportFlow.resume(a.state!, { text: normalizeText(said), attachments: [] }, ctx);
    expect(b.state?.values).toMatchObject({ category: { category } });
    expect(b.replies.map((r) => r.text).join("\n")).not.toContain("只有您家这样");
  });

  it("a building-wide fault is not asked about: it is common (D)", async () => {
    const a = await start("3栋2单元201 整栋楼都没热水了 13812345678 尽快");
    expect(a.replies[0]!.text).not.toContain("只有您家");
    expect(a.state?.values).toMatchObject({ category: { category: "D" } });
  });
});

describe("the FAQ answers the question asked, worded for the channel", () => {
  const ask = async (text: string, channel: "web" | "wechat" = "web") => {
    const { faqFlow } = await import("../../conversations/faq.js");
    const { parsePolicy } = await import("../../src/core/policy/policy.js");
    const { readFileSync } = await import("node:fs");
    const { parse } = await import("yaml");
    const demo = parse(readFileSync("policies/demo.yaml", "utf8")) as { policy: Record<string, unknown> };
    const ctx = { ...flowContext({ now: new Date("2026-11-23T10:00:00+08:00") }), policy: parsePolicy(demo.policy as never), channel };
    return faqFlow.claims!({ text, attachments: [] }, ctx) ? (await faqFlow.start({ text, attachments: [] }, ctx)).replies[0]!.text : undefined;
  };

  it("how much is the price, how to pay is the way to pay", async () => {
    expect(await ask("物业费多少钱一平？")).toMatch(/^住宅物业费为每月 2.5 元\/平方米/);
    expect(await ask("物业费怎么交？")).toMatch(/^物业费可以在服务中心前台现场缴纳/);
  });

  it("the web page never says 本公众号; WeChat does", async () => {
    expect(await ask("物业费怎么交？")).not.toContain("本公众号");
    expect(await ask("物业费怎么交？", "wechat")).toContain("本公众号「生活缴费」");
  });

  it("the price of a repair comes from the fee catalogue", async () => {
    expect(await ask("换个水龙头多少钱？")).toContain("更换水龙头 30元/个");
  });

  it("a price nobody wrote an answer for is not answered with something else", async () => {
    expect(await ask("装修押金多少钱？")).toBeUndefined();
  });
});

describe("an emergency whose place never parses", () => {
  it("is filed and dispatched at once, asked a few times, then goes on without the place — never invalid", async () => {
    const ctx = flowContext({ now: new Date("2026-11-23T03:00:00+08:00") });
    let r = await reportFlow.start({ text: normalizeText("着火了！！13812345678"), attachments: [] }, ctx);
    const filed = r.effects.find((e) => e.type === "fileTicket");
    expect(filed).toMatchObject({ ticket: { status: "received", urgency: "非常紧急", place: null } });
    const said: string[] = [r.replies.map((x) => x.text).join("\n")];
    // words that are not a place go to the staff as a note; what says nothing counts as a try
    const notes: unknown[] = [];
    for (const answer of ["就在那边", "？？", "啊", "。"]) {
      r = await reportFlow.resume(r.state!, { text: normalizeText(answer), attachments: [] }, ctx);
      said.push(r.replies.map((x) => x.text).join("\n"));
      expect(r.effects.filter((e) => e.type === "fileTicket")).toHaveLength(0);
      notes.push(...r.effects.filter((e) => e.type === "amendTicket"));
    }
    expect(notes).toMatchObject([{ type: "amendTicket", note: "就在那边" }]);
    expect(r.state).toBeNull();
    expect(said.at(-1)).toContain("这一项可以先不提供，我们先处理紧急情况");
    expect(said.join("\n")).not.toMatch(/无法受理|无效|谢谢您的反馈/);
  });
});

describe("the paid-or-not question in English", () => {
  it("has English choices, and an English answer counts", async () => {
    const ctx = flowContext({ now: new Date("2026-11-23T10:00:00+08:00"), lang: "en" });
    const a = await reportFlow.start({ text: "3-2-201 no hot water at home, 13812345678, asap", attachments: [] }, ctx);
    expect(a.replies[0]!.text).toContain("Is it only your flat");
    expect(a.replies[0]!.choices!.map((c) => c.label)).toEqual(["Only my flat", "The building / neighbours too", "Not sure"]);
    const b = await reportFlow.resume(a.state!, { text: "the neighbours too", attachments: [] }, ctx);
    expect(b.state?.values).toMatchObject({ category: { category: "D" } });
  });
});

describe("a day said without its hour", () => {
  it("keeps the day and asks only the hour, in one question; the hour alone then completes it", async () => {
    const ctx = flowContext({ now: new Date("2026-11-23T10:00:00+08:00") });
    const a = await reportFlow.start({ text: normalizeText("热水器坏了 15栋1单元2302 18844443333 后天"), attachments: [] }, ctx);
    expect(a.replies[0]!.text).toBe("后天几点方便？例如「后天下午3点」");
    const b = await reportFlow.resume(a.state!, { text: normalizeText("下午3点"), attachments: [] }, ctx);
    expect(b.state?.values).toMatchObject({ appointment: { asap: false, at: "2026-11-25T07:00:00.000Z" } });
    expect(b.replies[0]!.text).toContain("上门时间：11月25日（周三）15:00");
  });

  it("a partly given room asks its rest once, not the whole room question as well", async () => {
    const ctx = flowContext({ now: new Date("2026-11-23T10:00:00+08:00") });
    const a = await reportFlow.start({ text: normalizeText("8栋2单元 卫生间下水道堵了 13812345678 尽快"), attachments: [] }, ctx);
    expect(a.replies[0]!.text).toBe("8栋2单元 — 请问是几号房？例如「8栋2单元201」");
  });
});
