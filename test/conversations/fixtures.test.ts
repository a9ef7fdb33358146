import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reportFlow } from "../../conversations/report.js";
import { flowContext } from "../helpers/flow-context.js";
import { classify } from "../../src/core/ticket/classify.js";
import { keywords } from "../../conversations/keywords.js";
import { readMessage } from "../../src/core/conversation/parse/script.js";
import { typos } from "../../conversations/keywords.js";

interface Fixture {
  text: string;
  ref: string;
  expect: Record<string, any>;
}
const load = (name: string): Fixture[] =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const fixtures = [...load("reports.jsonl"), ...load("more-reports.jsonl")];

/** What the report flow made of a first message: its slot values and its reply. */
async function firstMessage(f: Fixture) {
  const ctx = flowContext({ now: new Date(f.ref) });
  // read as the intake reads every message: normalised, simplified, slips mended
  const r = await reportFlow.start({ text: readMessage(f.text, typos).text, attachments: [] }, ctx);
  const values = (r.state?.values ?? {}) as Record<string, any>;
  return { values, reply: r.replies.map((x) => x.text).join("\n"), done: r.state === null, effects: r.effects };
}

describe("the residents' fixture messages", () => {
  for (const f of fixtures) {
    it(f.text, async () => {
      const { values, reply, effects } = await firstMessage(f);
      const filed = effects.find((e) => e.type === "fileTicket")?.ticket;
      const got = {
        place: values.place ?? filed?.place,
        phone: values.phone ?? filed?.phone,
        appointment: values.appointment ?? filed?.appointment,
        category: values.category ?? (filed ? { category: filed.category, nature: filed.nature, urgency: filed.urgency } : undefined),
      };
      const e = f.expect;
      if (e.room === null && e.location) expect(got.place).toEqual({ kind: "location", location: e.location });
      else if (e.room === null) expect(got.place?.kind).not.toBe("room");
      else if (e.room === "invalid") {
        expect(got.place).toBeUndefined();
        expect(reply).toMatch(/房号好像不存在/);
      } else if (e.room) expect(got.place).toEqual({ kind: "room", ...e.room });

      if (e.phone === "invalid") {
        expect(got.phone).toBeUndefined();
        expect(reply).toMatch(/号码|11 位/);
      } else if (e.phone === null) expect(got.phone).toBeUndefined();
      else if (e.phone) expect(got.phone).toBe(e.phone);

      if (e.time === "asap") expect(got.appointment).toEqual({ asap: true });
      else if (e.time === "past") expect(reply).toMatch(/已经过去/);
      else if (e.time === "invalid") expect(reply).toMatch(/没有|不在服务时间内/);
      else if (e.time) expect(new Date(got.appointment?.at).toISOString()).toBe(new Date(e.time).toISOString());

      if (e.category) expect(got.category?.category ?? classify(f.text, keywords).category).toBe(e.category);
      if (e.nature) expect(got.category?.nature ?? classify(f.text, keywords).nature).toBe(e.nature);
      if (e.urgency) expect(got.category?.urgency ?? classify(f.text, keywords).urgency).toBe(e.urgency);
      if (e.domain) expect(got.category?.domain).toBe(e.domain);
      if (e.urgency === "非常紧急") expect(reply).toMatch(/^⚠️[^\n]*(119|120|110|96777)/);
      if (e.refusesPhone || e.refusesRoom) expect(reply).toMatch(/不好意思/);
      // the description keeps what happened, not the room, phone or time taken out of it
      const description: string | undefined = values.description ?? filed?.description;
      // (a public place stays in it: "3栋2单元楼梯间的灯不亮")
      if (description) {
        expect(description).not.toMatch(
          got.place?.kind === "location" ? /\d{7,}|可以上门|就来|^我是|下午\d|点$/ : /\d{7,}|栋\d|单元|可以上门|就来|^我是|下午\d|点$/,
        );
        expect(description.length).toBeGreaterThanOrEqual(2);
      }
    });
  }
});
