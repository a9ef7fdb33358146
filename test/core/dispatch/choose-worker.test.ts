import { describe, expect, it } from "vitest";
import { dispatchTexts } from "../../../conversations/dispatch-texts.js";
import { chooseWorker, dispatchOrder, type Job, type Worker } from "../../../src/core/dispatch/choose-worker.js";
import { onDuty } from "../../../src/core/dispatch/roster.js";

const TZ = "Asia/Shanghai";
const monday10 = new Date("2026-11-23T10:00:00+08:00");
const weekdays = { mon: ["08:00-17:00"], tue: ["08:00-17:00"], wed: ["08:00-17:00"], thu: ["08:00-17:00"], fri: ["08:00-17:00"] };

const worker = (id: string, over: Partial<Worker> = {}): Worker => ({
  id,
  name: id,
  roles: ["technician"],
  skills: ["plumbing"],
  buildings: [],
  roster: null,
  openLoad: 0,
  lastAssignedAt: null,
  ...over,
});
const leak: Job = { category: "A", skills: ["plumbing"], building: "3", urgency: "一般" };

describe("choosing the worker", () => {
  it.each<[string, Worker[], Job, string | null, RegExp]>([
    ["only technicians are dispatched", [worker("steward", { roles: ["steward"] }), worker("li")], leak, "li", /技术员/],
    ["by skill for the job", [worker("elec", { skills: ["electrical"] }), worker("plumb")], leak, "plumb", /具备技能：plumbing/],
    ["by the building they cover", [worker("b5", { buildings: ["5"] }), worker("b3", { buildings: ["3", "4"] })], leak, "b3", /负责 3 栋/],
    ["a worker with no buildings covers the whole property", [worker("b5", { buildings: ["5"] }), worker("all")], leak, "all", /负责 3 栋/],
    [
      "by who is on duty now",
      [worker("night", { roster: { weekly: { mon: ["20:00-08:00"] } } }), worker("day", { roster: { weekly: weekdays } })],
      leak,
      "day",
      /正在值班/,
    ],
    ["by current open load", [worker("busy", { openLoad: 3 }), worker("free", { openLoad: 1 })], leak, "free", /工单最少（1 张）/],
    [
      "ties go to whoever waited longest (round robin)",
      [
        worker("recent", { lastAssignedAt: new Date("2026-11-23T09:50:00+08:00") }),
        worker("earlier", { lastAssignedAt: new Date("2026-11-23T08:00:00+08:00") }),
      ],
      leak,
      "earlier",
      /轮流派单/,
    ],
    ["never assigned beats assigned", [worker("had", { lastAssignedAt: new Date("2026-11-20T08:00:00+08:00") }), worker("never")], leak, "never", /轮流派单/],
    ["nobody with the skill", [worker("elec", { skills: ["electrical"] })], leak, null, /没有会「plumbing」的技术员/],
    ["nobody covering the building", [worker("b5", { buildings: ["5"] })], leak, null, /没有负责 3 栋的技术员/],
    ["nobody on duty", [worker("day", { roster: { weekly: { sat: ["08:00-17:00"] } } })], leak, null, /现在没有人值班/],
    ["a public-area job with no building goes by skill alone", [worker("b5", { buildings: ["5"] })], { ...leak, building: null }, "b5", /工单最少/],
  ])("%s", (_name, staff, job, expected, reason) => {
    const c = chooseWorker(job, staff, monday10, TZ);
    if (expected) {
      expect(c.ok && c.worker.id).toBe(expected);
    } else expect(c.ok).toBe(false);
    expect(c.why.map((w) => dispatchTexts.why(w).zh).join("；")).toMatch(reason);
  });

  it("very urgent reports go first; the rest first come, first served", () => {
    const at = (m: number) => new Date(monday10.getTime() + m * 60000);
    const queue = [
      { id: "a", urgency: "一般" as const, receivedAt: at(0) },
      { id: "b", urgency: "紧急" as const, receivedAt: at(1) },
      { id: "gas", urgency: "非常紧急" as const, receivedAt: at(5) },
      { id: "c", urgency: "一般" as const, receivedAt: at(2) },
    ];
    expect(dispatchOrder(queue).map((q) => q.id)).toEqual(["gas", "a", "b", "c"]);
  });
});

describe("rosters, in the property's time zone whatever the host's", () => {
  it.each<[string, string, boolean]>([
    ["Monday 08:00 Shanghai (00:00 UTC)", "2026-11-23T08:00:00+08:00", true],
    ["Monday 16:59", "2026-11-23T16:59:00+08:00", true],
    ["Monday 17:00 (shift over)", "2026-11-23T17:00:00+08:00", false],
    ["Saturday", "2026-11-28T10:00:00+08:00", false],
    ["Monday's night shift, Tuesday 02:00", "2026-11-24T02:00:00+08:00", true],
    ["Tuesday 07:00: the night shift is over, the day shift not begun", "2026-11-24T07:00:00+08:00", false],
  ])("%s", (_name, at, expected) => {
    expect(onDuty({ weekly: { ...weekdays, mon: ["08:00-17:00", "22:00-06:00"] } }, new Date(at), TZ)).toBe(expected);
  });

  it("a day off and an extra shift", () => {
    const roster = { weekly: weekdays, off: ["2026-11-23"], extra: { "2026-11-28": ["09:00-12:00"] } };
    expect(onDuty(roster, monday10, TZ)).toBe(false);
    expect(onDuty(roster, new Date("2026-11-28T10:00:00+08:00"), TZ)).toBe(true);
  });
});
