import { afterEach, describe, expect, it } from "vitest";
import { nextValue } from "../../src/db/counters.js";
import { freshDatabase, providers, type TestDatabase } from "../helpers/databases.js";

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

describe.each(providers)("counters in the database (%s)", (provider) => {
  // (SQLite is written by one process: its "instances" are concurrent callers on the one connection)
  it("two instances bumping one key at once never get the same number, and none is skipped", async () => {
    db = await freshDatabase(provider);
    const a = db.connect();
    const b = provider === "postgresql" ? db.connect() : a;
    const got = await Promise.all(Array.from({ length: 200 }, (_, i) => nextValue(i % 2 ? a : b, "BS20261123-")));
    expect(new Set(got).size).toBe(200);
    expect([...got].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // another key starts from one
    expect(await nextValue(a, "BS20261124-")).toBe(1);
  });

  it("a key seeded from numbers given before counters were kept goes on from there, and never back", async () => {
    db = await freshDatabase(provider);
    const a = db.connect();
    expect(await nextValue(a, "BS20261123-", 8)).toBe(8);
    expect(await nextValue(a, "BS20261123-", 1)).toBe(9);
    // a later, higher seed (another instance read a higher stored number) is honoured
    expect(await nextValue(a, "BS20261123-", 20)).toBe(20);
    expect(await nextValue(a, "BS20261123-", 5)).toBe(21);
  });
});
