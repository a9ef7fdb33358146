import { describe, expect, it } from "vitest";
import { asapWords, places } from "../../../../conversations/keywords.js";
import { refusalText } from "../../../../conversations/parse-texts.js";
import { findAppointment } from "../../../../src/core/conversation/parse/appointment.js";
import { normalizeText } from "../../../../src/core/conversation/parse/normalize.js";
import { findPhone, maskPhonesInText } from "../../../../src/core/conversation/parse/phone.js";
import { findPlace } from "../../../../src/core/conversation/parse/place.js";
import { parsePolicy } from "../../../../src/core/policy/policy.js";

const policy = parsePolicy({});
const now = new Date("2026-11-23T10:00:00+08:00"); // a Monday

describe("rooms and places", () => {
  it.each([
    ["3栋2单元201", { building: "3", unit: "2", room: "201" }],
    ["3-2-201", { building: "3", unit: "2", room: "201" }],
    ["3号楼201室", { building: "3", unit: null, room: "201" }],
    ["B座1502", { building: "B", unit: null, room: "1502" }],
    ["b座1502", { building: "B", unit: null, room: "1502" }],
    ["十二栋三单元801", { building: "12", unit: "3", room: "801" }],
    ["２０幢１单元１８０２号", { building: "20", unit: "1", room: "1802" }],
    ["我住7-1203", { building: "7", unit: null, room: "1203" }],
    ["5栋 1单元 302 卫生间", { building: "5", unit: "1", room: "302" }],
    ["一栋二单元二零一", { building: "1", unit: "2", room: "201" }],
    ["18号楼3单元2601房", { building: "18", unit: "3", room: "2601" }],
    // filler between the parts, 门 for 单元, English and pinyin
    ["9栋2单元 我家是1602 洗菜池漏水", { building: "9", unit: "2", room: "1602" }],
    ["8栋 我家是1403", { building: "8", unit: null, room: "1403" }],
    ["7号楼1门302 厕所堵了", { building: "7", unit: "1", room: "302" }],
    ["building 6 unit 1 room 803", { building: "6", unit: "1", room: "803" }],
    ["4dong 1danyuan 202", { building: "4", unit: "1", room: "202" }],
    ["11栋 2单元 1103 门锁坏了", { building: "11", unit: "2", room: "1103" }],
  ])("%s → %o", (text, room) => {
    const r = findPlace(normalizeText(text), policy, places);
    expect(r).toMatchObject({ ok: true, place: { kind: "room", ...room } });
  });

  it.each([
    ["0栋0单元0000", /不存在/],
    ["3栋2单元000", /不存在/],
    ["2单元201室", /包括楼栋/],
    ["楼道灯坏了", /哪一栋的楼道/],
  ])("%s is refused: %s", (text, reason) => {
    const r = findPlace(normalizeText(text), policy, places);
    expect(r?.ok).toBe(false);
    expect(r && !r.ok && refusalText(r.reason).zh).toMatch(reason);
  });

  it.each([
    ["小区北门的栏杆坏了", "小区北门"],
    ["3栋电梯里灯不亮", "3栋电梯"],
    ["我家楼下的地下车库B1层漏水", "地下车库B1层"],
    ["中心花园的喷泉不出水", "中心花园"],
    ["3栋2单元楼梯间的灯不亮", "3栋2单元楼梯间"],
  ])("%s → location %s", (text, location) => {
    expect(findPlace(normalizeText(text), policy, places)).toMatchObject({ ok: true, place: { kind: "location", location } });
  });

  it("checks rooms against the property's buildings when it lists them", () => {
    const listed = parsePolicy({ buildings: [{ name: "1", units: 2, floors: 18 }, { name: "2" }] });
    expect(findPlace("1栋2单元1801", listed, places)?.ok).toBe(true);
    const refused = (text: string) => {
      const r = findPlace(text, listed, places);
      return r && !r.ok ? refusalText(r.reason).zh : "accepted";
    };
    expect(refused("9栋1单元101")).toContain("没有 9 栋");
    expect(refused("1栋3单元101")).toContain("只有 2 个单元");
    expect(refused("1栋1单元2101")).toContain("只有 18 层");
  });
});

describe("phones", () => {
  it.each([
    ["13812345678", "+8613812345678"],
    ["138 1234 5678", "+8613812345678"],
    ["138-1234-5678", "+8613812345678"],
    ["+86 138 1234 5678", "+8613812345678"],
    ["008613812345678", "+8613812345678"],
    ["手机：19912345678", "+8619912345678"],
    ["０５７１－８８８８６６６６", "+8657188886666"],
    ["座机010-62345678", "+861062345678"],
    ["电话是 021 5123 4567", "+862151234567"],
  ])("%s → %s", (text, e164) => {
    expect(findPhone(normalizeText(text))).toMatchObject({ ok: true, e164 });
  });

  it.each([
    ["电话12345", /11 位/],
    ["1381234567", /11 位/],
    ["138123456789", /11 位/],
    ["23812345678", /号码/],
    ["12012345678", /号码/],
  ])("%s is refused", (text, reason) => {
    const r = findPhone(normalizeText(text));
    expect(r?.ok).toBe(false);
    expect(r && !r.ok && refusalText(r.reason).zh).toMatch(reason);
  });

  it("does not take a room, a date or a time for a phone", () => {
    for (const text of ["3-2-201", "2026-11-26 14:30", "11月25日14:00", "18号楼3单元2601"]) expect(findPhone(text)).toBeUndefined();
  });

  it("masks phones inside log text", () => {
    expect(maskPhonesInText("电话13812345678，座机0571-88886666")).toBe("电话138****5678，座机057****6666");
  });
});

describe("appointment times, in Asia/Shanghai whatever the host's zone", () => {
  const at = (text: string) => {
    const r = findAppointment(normalizeText(text), now, policy, asapWords);
    if (!r) return undefined;
    if (!r.ok) return `refused: ${refusalText(r.reason).zh}`;
    return r.appointment.asap ? "asap" : new Date(r.appointment.at).toISOString();
  };
  const iso = (s: string) => new Date(s).toISOString();

  it.each([
    ["明天下午三点", "2026-11-24T15:00:00+08:00"],
    // a time as Baoshi writes it, copied back (the front desk fills its field so)
    ["11月25日（周三）10:00", "2026-11-25T10:00:00+08:00"],
    ["明天下午两点半", "2026-11-24T14:30:00+08:00"],
    ["明早9点", "2026-11-24T09:00:00+08:00"],
    ["周三上午10点", "2026-11-25T10:00:00+08:00"],
    ["这周五下午4点", "2026-11-27T16:00:00+08:00"],
    ["下周一上午9点", "2026-11-30T09:00:00+08:00"],
    ["12月1号上午10点", "2026-12-01T10:00:00+08:00"],
    ["25号下午3点", "2026-11-25T15:00:00+08:00"],
    ["4点", "2026-11-23T16:00:00+08:00"],
    ["晚上7点", "2026-11-23T19:00:00+08:00"],
    ["明天中午12点", "2026-11-24T12:00:00+08:00"],
    ["后天 9:30", "2026-11-25T09:30:00+08:00"],
    ["tomorrow at 3pm", "2026-11-24T15:00:00+08:00"],
    ["tomorrow around 10 in the morning please", "2026-11-24T10:00:00+08:00"],
    ["tomorrow morning around 9", "2026-11-24T09:00:00+08:00"],
    ["明天上午10点左右", "2026-11-24T10:00:00+08:00"],
  ])("%s → %s", (text, expected) => {
    expect(at(text)).toBe(iso(expected));
  });

  it.each(["尽快", "马上", "现在就来", "越快越好", "asap"])("%s → as soon as possible", (text) => {
    expect(at(text)).toBe("asap");
  });

  it.each([
    ["昨天下午3点", /已经过去/],
    ["今天早上8点", /已经过去/],
    ["明天下午25点", /没有 25 点/],
    ["2026-02-30 10:00", /2月没有30日/],
    ["11月31日上午10点", /11月没有31日/],
    ["明天凌晨2点", /不在服务时间内/],
    // a day without its hour: the day is kept, and only the hour is asked
    ["明天", /明天几点方便？例如「明天下午3点」$/],
    ["后天上午", /具体几点/],
    ["2027年6月1日上午10点", /最多可以预约 30 天/],
  ])("%s is refused with the reason", (text, reason) => {
    expect(at(text)).toMatch(reason);
  });

  it("reads the property's own zone: the same words mean another instant in Urumqi", () => {
    const urumqi = parsePolicy({ timezone: "Asia/Urumqi" });
    const r = findAppointment("明天下午3点", now, urumqi, asapWords);
    expect(r).toMatchObject({ ok: true, appointment: { at: iso("2026-11-24T15:00:00+06:00") } });
  });
});
