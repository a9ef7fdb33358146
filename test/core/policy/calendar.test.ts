import { describe, expect, it } from "vitest";
import { addDuration, addOfficeMinutes, isOfficeTime, nextOfficeStart, officeMsBetween } from "../../../src/core/policy/calendar.js";
import { deadlinesFor } from "../../../src/core/deadlines/deadlines.js";
import { breaches, nextDeadline } from "../../../src/core/deadlines/escalation.js";
import { parsePolicy } from "../../../src/core/policy/policy.js";
import { parseDuration } from "../../../src/core/policy/duration.js";

/** Office 08:00–18:00; 2026-12-25 (a Friday) a holiday, Saturday 2026-12-26 an extra working day. */
const policy = parsePolicy({ officeHours: { start: "08:00", end: "18:00" }, holidays: ["2026-12-25"], workdays: ["2026-12-26"], warnBefore: "0m" });
const REPAIR = { nature: "报修", severity: null, urgency: "一般" };
const VERY_URGENT = { ...REPAIR, urgency: "非常紧急" };
const sh = (s: string) => new Date(`${s}+08:00`);
const d = (s: string) => parseDuration(s)!;

describe("the property's working calendar", () => {
  it("office time is office hours on working days: not at night, not on a weekend or a holiday, yes on an extra working day", () => {
    expect(isOfficeTime(sh("2026-12-01T09:00:00"), policy)).toBe(true);
    expect(isOfficeTime(sh("2026-12-01T18:00:00"), policy)).toBe(false);
    expect(isOfficeTime(sh("2026-12-01T07:59:00"), policy)).toBe(false);
    expect(isOfficeTime(sh("2026-12-05T10:00:00"), policy)).toBe(false); // a Saturday
    expect(isOfficeTime(sh("2026-12-25T10:00:00"), policy)).toBe(false); // the holiday
    expect(isOfficeTime(sh("2026-12-26T10:00:00"), policy)).toBe(true); // the Saturday worked
  });

  it("a 5-minute step at 23:40 is due at 08:05 the next working morning; on Friday night, on Monday", () => {
    expect(addOfficeMinutes(sh("2026-12-01T23:40:00"), 5, policy)).toEqual(sh("2026-12-02T08:05:00"));
    expect(addOfficeMinutes(sh("2026-12-04T23:40:00"), 5, policy)).toEqual(sh("2026-12-07T08:05:00"));
    // Christmas Eve (Thursday) night: the holiday is skipped, the Saturday worked is not
    expect(addOfficeMinutes(sh("2026-12-24T23:40:00"), 5, policy)).toEqual(sh("2026-12-26T08:05:00"));
  });

  it("a step that starts before closing time carries its remainder into the next office day", () => {
    expect(addOfficeMinutes(sh("2026-12-01T17:55:00"), 10, policy)).toEqual(sh("2026-12-02T08:05:00"));
    expect(officeMsBetween(sh("2026-12-01T17:55:00"), sh("2026-12-02T08:05:00"), policy)).toBe(10 * 60000);
    // across a month end and a weekend: Monday 30 Nov 17:00 → Tuesday 1 Dec 10:00 is 3 office hours
    expect(officeMsBetween(sh("2026-11-30T17:00:00"), sh("2026-12-01T10:00:00"), policy)).toBe(3 * 3600000);
    expect(officeMsBetween(sh("2026-12-04T17:00:00"), sh("2026-12-07T09:00:00"), policy)).toBe(2 * 3600000);
  });

  it("days are counted on the calendar and land in office hours; very urgent tickets keep a 24-hour clock", () => {
    expect(addDuration(sh("2026-12-01T20:00:00"), d("24h"), policy, "office")).toEqual(sh("2026-12-03T08:00:00"));
    expect(addDuration(sh("2026-12-01T10:00:00"), d("3 working days"), policy, "office")).toEqual(sh("2026-12-04T10:00:00"));
    expect(addDuration(sh("2026-12-01T23:40:00"), d("15m"), policy, "round")).toEqual(sh("2026-12-01T23:55:00"));
    expect(nextOfficeStart(sh("2026-12-31T19:00:00"), policy)).toEqual(sh("2027-01-01T08:00:00")); // no holiday listed for it here
  });

  it("a dripping tap at 23:40 is due for dispatch at 08:05; a gas leak at 23:40 is not made to wait", () => {
    const tap = deadlinesFor({ nature: "报修", urgency: "一般", severity: null, appointment: { asap: true }, receivedAt: sh("2026-12-01T23:40:00") }, policy);
    expect(tap.dispatchDueAt).toEqual(sh("2026-12-02T08:05:00"));
    expect(tap.arriveDueAt).toEqual(sh("2026-12-02T08:30:00"));
    const gas = deadlinesFor({ nature: "报修", urgency: "非常紧急", severity: null, appointment: null, receivedAt: sh("2026-12-01T23:40:00") }, policy);
    expect(gas.arriveDueAt).toEqual(sh("2026-12-01T23:55:00"));
  });

  it("reminders of a non-urgent ticket climb only in office time; a very urgent one climbs through the night", () => {
    const deadlines = { arriveDueAt: sh("2026-12-01T17:50:00") };
    // 17:50 + 30 office minutes = 08:20 the next day
    expect(nextDeadline("accepted", deadlines, { arrive: 1 }, policy, REPAIR)).toEqual(sh("2026-12-02T08:20:00"));
    expect(breaches("accepted", deadlines, { arrive: 1 }, policy, sh("2026-12-01T23:00:00"), REPAIR)).toEqual([]);
    expect(breaches("accepted", deadlines, { arrive: 1 }, policy, sh("2026-12-01T23:00:00"), VERY_URGENT)).toMatchObject([{ step: "arrive", level: 3 }]);
    // a deadline that falls in quiet hours (an appointment at 20:00) is acted on when the office opens
    expect(nextDeadline("accepted", { arriveDueAt: sh("2026-12-01T19:55:00") }, {}, policy, REPAIR)).toEqual(sh("2026-12-02T08:00:00"));
  });

  it("counts the same in any host zone (the property's wall clock, not the host's)", () => {
    expect(addOfficeMinutes(sh("2026-12-31T17:59:00"), 2, policy)).toEqual(sh("2027-01-01T08:01:00"));
  });
});

describe("the zone's clock", () => {
  it("reads the same as Intl at every quarter hour across daylight-saving changes (cached offsets)", async () => {
    const { wallTime } = await import("../../../src/core/policy/zoned.js");
    for (const tz of ["America/Los_Angeles", "Asia/Shanghai", "Australia/Lord_Howe", "Asia/Kolkata"]) {
      const f = new Intl.DateTimeFormat("en-GB", {
        timeZone: tz,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
      });
      // the US change (8 March) and Lord Howe's half-hour one (5 April)
      for (const t of [Date.parse("2026-03-07T00:00:00Z"), Date.parse("2026-04-04T00:00:00Z")].flatMap((from) =>
        Array.from({ length: 3 * 96 }, (_, i) => from + i * 15 * 60000),
      )) {
        const w = wallTime(new Date(t), tz);
        const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
        expect([w.year, w.month, w.day, w.hour, w.minute], `${tz} ${new Date(t).toISOString()}`).toEqual([p.year, p.month, p.day, p.hour, p.minute]);
      }
    }
  });
});
