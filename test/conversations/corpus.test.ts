import { describe, expect, it } from "vitest";
import { commands, engineTexts, flows, roles } from "../../conversations/index.js";
import { typos } from "../../conversations/keywords.js";
import { ConversationEngine, type ConversationState } from "../../src/core/conversation/engine.js";
import { readMessage } from "../../src/core/conversation/parse/script.js";
import { readPolicyFile } from "../../src/db/policy-files.js";
import { flowContext } from "../helpers/flow-context.js";
import { ASKS, REPLY_KINDS } from "../helpers/reply-kinds.js";
import { corpus, type CorpusEntry } from "../helpers/corpus.js";

/**
 * The residents' corpus (test/fixtures/residents.jsonl): over 300 messages written as residents write —
 * colloquial, slips, traditional, English, mixed, emergencies with partial places, refusals — each with what
 * it should be read as and the kind of reply it gets. Read here through the engine with every flow, on the
 * demo property's policy; test/flows/three-channels.test.ts sends the same messages on all three channels.
 */
const demo = readPolicyFile("policies/demo.yaml");
if (!demo.ok) throw new Error(demo.error);
const engine = new ConversationEngine(flows, commands, engineTexts, roles);

async function talk(entry: CorpusEntry) {
  const ctx = { ...flowContext({ now: new Date(entry.ref) }), policy: demo.ok ? demo.policy : (undefined as never) };
  let conversation: ConversationState | null = null;
  const turns = [];
  for (const text of [entry.text, ...(entry.then ?? []).map((t) => t.text)]) {
    const turn = await engine.handle(
      conversation,
      { text: readMessage(text, typos).text, attachments: [] },
      { ...ctx, lang: conversation?.lang ?? "zh", t: ctx.t },
    );
    conversation = turn.conversation;
    turns.push(turn);
  }
  return turns;
}

describe("the residents' corpus: what each message is read as, and the kind of reply it gets", () => {
  it("holds at least 300 messages", () => {
    expect(corpus.reduce((n, e) => n + 1 + (e.then?.length ?? 0), 0)).toBeGreaterThanOrEqual(300);
  });

  it.each(corpus.map((e) => [e.text, e] as const))("%s", async (_text, entry) => {
    const turns = await talk(entry);
    const first = turns[0]!;
    const reply = first.replies.map((r) => r.text).join("\n");
    const e = entry.expect;
    const values = ((first.conversation.state as { values?: Record<string, any> } | undefined)?.values ?? {}) as Record<string, any>;
    const filed = first.effects.find((x) => x.type === "fileTicket")?.ticket;
    const place = values.place ?? filed?.place;
    const c = values.category ?? (filed ? { category: filed.category, nature: filed.nature, urgency: filed.urgency } : undefined);

    if (e.reply) expect(reply, "reply kind").toMatch(REPLY_KINDS[e.reply]!);
    if (e.reply && ASKS.has(e.reply)) expect(filed, "nothing filed yet").toBeUndefined();
    if (e.reply === "emergency") expect(filed?.status, "an emergency is filed, never invalid").toBe("received");
    if (e.room) expect(place).toEqual({ kind: "room", ...e.room });
    if (e.location) expect(place).toEqual({ kind: "location", location: e.location });
    if (e.phone) expect(values.phone ?? filed?.phone).toBe(e.phone);
    if (e.time === "asap") expect(values.appointment ?? filed?.appointment).toEqual({ asap: true });
    else if (e.time) expect(new Date((values.appointment ?? filed?.appointment)?.at ?? NaN).getTime()).toBe(new Date(e.time).getTime());
    if (e.category) expect(c?.category, "category").toBe(e.category);
    if (e.nature) expect(c?.nature, "nature").toBe(e.nature);
    if (e.urgency) expect(c?.urgency, "urgency").toBe(e.urgency);
    // nothing anyone said is refused as "无法受理" on the first message
    expect(reply).not.toContain("无法受理");

    for (const [i, step] of (entry.then ?? []).entries()) {
      const r = turns[i + 1]!.replies.map((x) => x.text).join("\n");
      expect(r, `after 「${step.text}」`).toMatch(REPLY_KINDS[step.reply]!);
    }
  });
});
