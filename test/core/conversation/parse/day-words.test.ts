import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reportFlow } from "../../../../conversations/report.js";
import { normalizeText } from "../../../../src/core/conversation/parse/normalize.js";
import { fromWallTime, isoInZone, wallTime } from "../../../../src/core/policy/zoned.js";
import { flowContext } from "../../../helpers/flow-context.js";

/**
 * Day words at every hour of the property's day, whatever the host's zone (npm test runs this with
 * TZ=UTC, `npm run test:zones` with a zone behind and one ahead). The expected day is counted on the
 * property's calendar: "明天" is the wall date + 1, whatever the host's date is at that instant.
 */
const TZ = "Asia/Shanghai";
const hours = Array.from({ length: 24 }, (_, h) => h);

/** What the report flow made of a message's time: an instant (property's ISO), a refusal, or the day question. */
async function readTime(text: string, now: Date): Promise<{ at?: string; refused?: string; asked?: string[]; question?: string }> {
  const ctx = flowContext({ now });
  const r = await reportFlow.start({ text: normalizeText(text), attachments: [] }, ctx);
  const values = (r.state?.values ?? {}) as { appointment?: { asap: boolean; at?: string } };
  const reply = r.replies.map((x) => x.text).join("\n");
  if (values.appointment?.at) return { at: isoInZone(new Date(values.appointment.at), TZ) };
  const picks = r.replies.flatMap((x) => x.choices ?? []).filter((c) => c.value.startsWith("set:appointment:20"));
  if (picks.length) return { asked: picks.map((c) => isoInZone(new Date(c.value.slice("set:appointment:".length)), TZ)), question: reply };
  return { refused: reply };
}

/** The wall date `days` after the property's date at `now`, at hh:mm, as the property's ISO. */
function onDay(now: Date, days: number, hh: number, mm: number): string {
  const w = wallTime(now, TZ);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return isoInZone(fromWallTime({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: hh, minute: mm }, TZ), TZ);
}

/** Phrasings with the day they name, counted from the property's date: [text, days ahead, hour, minute]. */
const RELATIVE: [string, number, number, number][] = [
  ["3栋2单元201 水管漏水 13812345678 今天下午3点", 0, 15, 0],
  ["3栋2单元201 水管漏水 13812345678 明天下午三点", 1, 15, 0],
  ["3栋2单元201 水管漏水 13812345678 明早9点", 1, 9, 0],
  ["3栋2单元201 水管漏水 13812345678 明晚7点", 1, 19, 0],
  ["3栋2单元201 水管漏水 13812345678 后天上午10点", 2, 10, 0],
  ["3栋2单元201 水管漏水 13812345678 大后天下午2点", 3, 14, 0],
  ["3栋2单元201 水管漏水 13812345678 今晚8点", 0, 20, 0],
  ["3栋2单元201 水管漏水 13812345678 tomorrow 3pm", 1, 15, 0],
];

const DAYS = [
  ["a Monday", "2026-11-23"],
  ["the last day of a month", "2026-11-30"],
  ["the last day of a year", "2026-12-31"],
] as const;

describe(`day words on the property's calendar (host TZ=${process.env.TZ ?? "unset"})`, () => {
  for (const [name, date] of DAYS) {
    describe(name, () => {
      it.each(hours)("at %i:30 every relative day word names the property's day", async (h) => {
        const now = new Date(`${date}T${String(h).padStart(2, "0")}:30:00+08:00`);
        for (const [text, days, hh, mm] of RELATIVE) {
          const got = await readTime(text, now);
          const meant = onDay(now, days, hh, mm);
          const smallHours = h < 5 && /明/.test(text);
          if (smallHours) {
            // the coming daytime or the calendar's tomorrow: asked, both dates and weekdays named
            const coming = onDay(now, days - 1, hh, mm);
            expect(got.asked, `${text} at ${h}:30`).toEqual([coming, meant]);
            expect(got.question).toMatch(/您说的「明.」是 \d+月\d+日（周.）还是 \d+月\d+日（周.）？/);
          } else if (new Date(meant) <= now) {
            expect(got.refused, `${text} at ${h}:30`).toMatch(/已经过去/);
          } else {
            expect(got.at, `${text} at ${h}:30`).toBe(meant);
          }
        }
      });

      it.each(hours)("at %i:30 a bare 三点 is 15:00 today while it is ahead, else tomorrow", async (h) => {
        const now = new Date(`${date}T${String(h).padStart(2, "0")}:30:00+08:00`);
        const got = await readTime("3栋2单元201 水管漏水 13812345678 三点来", now);
        expect(got.at).toBe(onDay(now, h < 15 ? 0 : 1, 15, 0));
      });
    });
  }

  it("names weekdays, next week's days and 15号 on the property's calendar at every hour; 月底 and the year's end too", async () => {
    // 2026-11-30 is a Monday, the last day of November
    for (const h of hours) {
      const now = new Date(`2026-11-30T${String(h).padStart(2, "0")}:30:00+08:00`);
      expect((await readTime("3栋2单元201 水管漏水 13812345678 周三上午10点", now)).at).toBe("2026-12-02T10:00:00+08:00");
      expect((await readTime("3栋2单元201 水管漏水 13812345678 下周一上午9点", now)).at).toBe("2026-12-07T09:00:00+08:00");
      expect((await readTime("3栋2单元201 水管漏水 13812345678 15号下午3点", now)).at).toBe("2026-12-15T15:00:00+08:00");
    }
    const midMonth = new Date("2026-12-10T00:30:00+08:00");
    expect((await readTime("3栋2单元201 水管漏水 13812345678 月底下午3点", midMonth)).at).toBe("2026-12-31T15:00:00+08:00");
    // at the year's end, the 1st and next week are next year's
    const newYearsEve = new Date("2026-12-31T23:30:00+08:00");
    expect((await readTime("3栋2单元201 水管漏水 13812345678 1号上午10点", newYearsEve)).at).toBe("2027-01-01T10:00:00+08:00");
    expect((await readTime("3栋2单元201 水管漏水 13812345678 下周一上午9点", newYearsEve)).at).toBe("2027-01-04T09:00:00+08:00");
  });

  it("asks about 明天 only once: a press picks the day, and the same words again take the calendar's tomorrow", async () => {
    const now = new Date("2026-12-01T01:20:00+08:00"); // a Tuesday, in the small hours
    const ctx = flowContext({ now });
    const first = await reportFlow.start({ text: normalizeText("3栋2单元201 厨房水管漏水 13812345678 明天下午三点"), attachments: [] }, ctx);
    expect(first.replies[0]!.text).toContain("您说的「明天」是 12月1日（周二）还是 12月2日（周三）？");
    // everything else the message held is kept
    expect(first.state?.values).toMatchObject({ place: { building: "3", unit: "2", room: "201" }, phone: "+8613812345678" });
    const [today] = first.replies[0]!.choices!;
    const picked = await reportFlow.resume(first.state!, { text: "", choice: today!.value, attachments: [] }, ctx);
    expect(picked.replies[0]!.text).toContain("上门时间：12月1日（周二）15:00");

    const again = await reportFlow.resume(first.state!, { text: "明天下午三点", attachments: [] }, ctx);
    expect(again.replies[0]!.text).toContain("上门时间：12月2日（周三）15:00");
  });

  it("reads the fixtures' times at every hour of their day", async () => {
    const fixtures = readFileSync(new URL("../../../fixtures/reports.jsonl", import.meta.url), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { text: string; ref: string; expect: { time?: string } })
      .filter((f) => f.expect.time?.startsWith("20"));
    expect(fixtures.length).toBeGreaterThan(5);
    for (const h of hours) {
      const now = new Date(`2026-11-23T${String(h).padStart(2, "0")}:30:00+08:00`);
      for (const f of fixtures) {
        const meant = isoInZone(new Date(f.expect.time!), TZ);
        const got = await readTime(f.text, now);
        const bare = !/[今明后周月号日]|\d{4}-/.test(f.text);
        if (h < 5 && /明/.test(f.text)) expect(got.asked?.[1], `${f.text} at ${h}:30`).toBe(meant);
        else if (new Date(meant) > now) expect(got.at, `${f.text} at ${h}:30`).toBe(meant);
        else if (bare) expect(got.at, `${f.text} at ${h}:30`).toBe(isoInZone(new Date(new Date(meant).getTime() + 86400000), TZ));
        else expect(got.refused, `${f.text} at ${h}:30`).toMatch(/已经过去/);
      }
    }
  });
});
