import { describe, expect, it } from "vitest";
import { orderedId } from "../../src/core/ids.js";

describe("ordered ids (UUID v7)", () => {
  it("sort in the order they were made, within one millisecond too, and are well-formed UUIDs of version 7", () => {
    const ids = Array.from({ length: 5000 }, () => orderedId(1_764_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(5000);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // a later millisecond sorts after all of them
    expect(orderedId(1_764_000_000_500) > ids.at(-1)!).toBe(true);
  });
});
