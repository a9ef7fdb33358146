import { describe, expect, it } from "vitest";
import { breaches, climb, nextDeadline, superiorsOf, type ChainMember } from "../../../src/core/deadlines/escalation.js";
import { parsePolicy } from "../../../src/core/policy/policy.js";

// (快超时 warnings are tested on their own, in warnings.test.ts)
const policy = parsePolicy({ escalation: { every: "30m" }, warnBefore: "0m" });
const VERY_URGENT = { nature: "报修", severity: null, urgency: "非常紧急" };
const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00+08:00`);

describe("deadlines that matter in each status, and how a missed one climbs", () => {
  const deadlines = { acceptDueAt: at("10:10"), arriveDueAt: at("10:30"), resolveDueAt: at("14:00") };

  it("the next deadline is the earliest one still live in the status", () => {
    expect(nextDeadline("dispatched", deadlines, {}, policy, VERY_URGENT)).toEqual(at("10:10"));
    // accepted: the acceptance window no longer matters
    expect(nextDeadline("accepted", deadlines, {}, policy, VERY_URGENT)).toEqual(at("10:30"));
    expect(nextDeadline("arrived", deadlines, {}, policy, VERY_URGENT)).toEqual(at("14:00"));
    expect(nextDeadline("completed", deadlines, {}, policy, VERY_URGENT)).toBeNull();
    expect(nextDeadline("cancelled", deadlines, {}, policy, VERY_URGENT)).toBeNull();
  });

  it("each reminder sent moves the step's next look one interval on, until the chain's top knows", () => {
    expect(nextDeadline("accepted", deadlines, { arrive: 1 }, policy, VERY_URGENT)).toEqual(at("11:00"));
    expect(nextDeadline("accepted", deadlines, { arrive: 3 }, policy, VERY_URGENT)).toEqual(at("12:00"));
    // four levels (technician → supervisor → project manager → general manager): then only the resolve deadline is left
    expect(nextDeadline("accepted", deadlines, { arrive: 4 }, policy, VERY_URGENT)).toEqual(at("14:00"));
  });

  it("a breach is told at the level it reached; after downtime the skipped levels are counted, not each told", () => {
    expect(breaches("accepted", deadlines, {}, policy, at("10:29"), VERY_URGENT)).toEqual([]);
    expect(breaches("accepted", deadlines, {}, policy, at("10:30"), VERY_URGENT)).toEqual([{ step: "arrive", due: at("10:30"), level: 0, skipped: 0 }]);
    expect(breaches("accepted", deadlines, { arrive: 1 }, policy, at("11:05"), VERY_URGENT)).toEqual([
      { step: "arrive", due: at("10:30"), level: 1, skipped: 0 },
    ]);
    // down from 10:00 to 11:40: the supervisor's level (11:00) and the project manager's (11:30) have come
    expect(breaches("accepted", deadlines, {}, policy, at("11:40"), VERY_URGENT)).toEqual([{ step: "arrive", due: at("10:30"), level: 2, skipped: 2 }]);
    // a day later the top of the chain is as far as it goes
    expect(breaches("accepted", deadlines, { arrive: 1 }, policy, at("23:00"), VERY_URGENT)).toEqual([
      { step: "arrive", due: at("10:30"), level: 3, skipped: 2 },
      { step: "resolve", due: at("14:00"), level: 3, skipped: 3 },
    ]);
  });

  it("an unanswered work order is acted on once, at its deadline", () => {
    expect(breaches("dispatched", deadlines, {}, policy, at("10:10"), VERY_URGENT).map((b) => b.step)).toEqual(["accept"]);
    expect(nextDeadline("dispatched", deadlines, { accept: 1 }, policy, VERY_URGENT)).toEqual(at("10:30"));
  });
});

describe("the escalation chain", () => {
  const staff: ChainMember[] = [
    { id: "li", name: "李", roles: ["technician"], superiorId: "wang" },
    { id: "zhao", name: "赵", roles: ["technician"], superiorId: null },
    { id: "wang", name: "王主管", roles: ["supervisor"], superiorId: null },
    { id: "chen", name: "陈经理", roles: ["project_manager"], superiorId: null },
    { id: "liu", name: "刘总", roles: ["general_manager"], superiorId: null },
  ];
  const chain = policy.escalation.chain;

  it("goes to the recorded superior, else to whoever holds the next role up", () => {
    expect(superiorsOf(staff[0]!, staff, chain).map((s) => s.name)).toEqual(["王主管"]);
    expect(superiorsOf(staff[1]!, staff, chain).map((s) => s.name)).toEqual(["王主管"]);
    expect(superiorsOf(staff[2]!, staff, chain).map((s) => s.name)).toEqual(["陈经理"]);
    expect(superiorsOf(staff[4]!, staff, chain)).toEqual([]);
  });

  it("skips a role nobody holds and ends at the top", () => {
    const noPm = staff.filter((s) => s.id !== "chen");
    expect(climb([staff[0]!], 2, noPm, chain).map((s) => s.name)).toEqual(["刘总"]);
    expect(climb([staff[0]!], 3, noPm, chain)).toEqual([]);
    expect(superiorsOf(staff[2]!, noPm, chain).map((s) => s.name)).toEqual(["刘总"]);
    expect(climb([staff[0]!], 3, staff, chain).map((s) => s.name)).toEqual(["刘总"]);
    expect(climb([staff[0]!], 4, staff, chain)).toEqual([]);
  });
});
