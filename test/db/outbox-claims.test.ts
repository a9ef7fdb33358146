import { afterEach, describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/core/policy/policy.js";
import { HotPath } from "../../src/db/hot-path.js";
import { DbOutboxStore } from "../../src/db/outbox-store.js";
import { deadLetterTexts } from "../../conversations/outbox-texts.js";
import { freshDatabase, providers, type TestDatabase } from "../helpers/databases.js";

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

describe.each(providers)("claiming an outbox row (%s)", (provider) => {
  it("two senders claiming the same rows at once: each row has exactly one winner, and a claimed row is not due again", async () => {
    db = await freshDatabase(provider);
    const one = db.connect();
    // (SQLite is written by one process: its two senders share the one connection)
    const two = provider === "postgresql" ? db.connect() : one;
    const at = new Date("2026-11-23T02:00:00Z");
    const rows = Array.from({ length: 20 }, (_, i) => ({
      id: `o-${String(i).padStart(2, "0")}`,
      channel: "telegram" as const,
      account: "bot",
      recipient: `${8100 + i}`,
      payload: { text: `第 ${i} 条` },
      status: "pending" as const,
      inboundId: null,
      ticketId: null,
      createdAt: at,
    }));
    await new HotPath(one, () => parsePolicy({})).records(one, { outbox: rows });
    const [a, b] = [one, two].map((r) => new DbOutboxStore(r, "demo", deadLetterTexts));
    expect((await a!.due("telegram", "bot", at, [], 100)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
    const results = await Promise.all(rows.flatMap((r) => [a!.claim(r.id, at), b!.claim(r.id, at)]));
    for (let i = 0; i < rows.length; i++) expect([results[2 * i], results[2 * i + 1]].filter(Boolean)).toHaveLength(1);
    expect(await a!.due("telegram", "bot", at, [], 100)).toEqual([]);
  });
});
