import { describe, expect, it } from "vitest";
import { newTimeSlots } from "../../../src/core/visits/new-time.js";
import { parsePolicy } from "../../../src/core/policy/policy.js";
import { isoInZone } from "../../../src/core/policy/zoned.js";

const policy = parsePolicy({ serviceHours: { start: "08:00", end: "21:00" } });
const slots = (at: string) => newTimeSlots(new Date(at), policy).map((d) => isoInZone(d, "Asia/Shanghai").slice(5, 16));

describe("the new times offered when nobody can go", () => {
  it("on the hour, two hours apart, at least an hour ahead, inside service hours (last start an hour before closing)", () => {
    expect(slots("2026-11-23T10:30:00+08:00")).toEqual(["11-23T12:00", "11-23T14:00", "11-23T16:00"]);
    expect(slots("2026-11-23T17:10:00+08:00")).toEqual(["11-23T19:00", "11-24T08:00", "11-24T10:00"]);
    expect(slots("2026-11-23T22:00:00+08:00")).toEqual(["11-24T08:00", "11-24T10:00", "11-24T12:00"]);
  });
});
