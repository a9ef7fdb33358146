import { describe, expect, it } from "vitest";
import { vocabulary } from "../../../conversations/vocabulary.js";
import { move } from "../../../src/core/ticket/lifecycle.js";

describe("the ticket's state machine", () => {
  it.each([
    ["received", "dispatched", "dispatchedAt"],
    ["dispatched", "accepted", "acceptedAt"],
    ["accepted", "arrived", "arrivedAt"],
    ["arrived", "completed", "completedAt"],
    ["completed", "visited", "visitedAt"],
    ["visited", "closed", "closedAt"],
    ["dispatched", "refused", undefined],
    ["refused", "dispatched", "dispatchedAt"],
    ["visited", "reopened", undefined],
    ["invalid", "received", undefined],
  ] as const)("%s → %s", (from, to, stamp) => {
    expect(move(from, to)).toEqual({ ok: true, to, ...(stamp ? { stamp } : {}) });
  });

  it.each([
    ["arrived", "cancelled", /师傅已经到场/],
    ["cancelled", "dispatched", /已经取消/],
    ["received", "completed", /「已受理，待派工」，不能改为「已完工，待回访」/],
    ["closed", "arrived", /不能改为/],
  ] as const)("%s → %s is refused with the reason", (from, to, reason) => {
    const m = move(from, to);
    expect(m.ok).toBe(false);
    expect(!m.ok && vocabulary.moveRefusal(m.reason).zh).toMatch(reason);
  });
});
