import type { Place, Room } from "../../ticket/domain.js";
import type { Policy } from "../../policy/policy.js";
import { chineseNumber, type Span } from "./normalize.js";
import type { ParseRefusal } from "./refusal.js";

/** Public places a report may name instead of a room (the table lives in conversations/). */
export interface PlaceWords {
  /** places that stand alone: 南门, 地下车库, 中心花园 … */
  siteWide: readonly string[];
  /** places inside a building that need the building named: 电梯, 楼道 … */
  inBuilding: readonly string[];
}

/**
 * about: whether the text named a room (cut out of the description) or a public place (kept in it).
 * partial: what was understood of a place that is not complete yet ("5栋", "电梯"): kept, and only the rest asked.
 */
export type PlaceResult = ({ ok: true; place: Place } | { ok: false; reason: ParseRefusal; partial?: Place }) & { span: Span; about: "room" | "location" };

const NUM = "(?:\\d{1,3}|[A-Za-z]|[零〇一二两三四五六七八九十]{1,3})";
const BUILDING_SUFFIX = "(?:号楼|栋|幢|座|号)";
const ROOM = "(\\d{1,5}|[零〇一二两三四五六七八九]{3,4})";
/** what people put between the building (or unit) and the room: "8栋 我家是1403" */
const ROOM_FILLER = "(?:我家是|我家|家是|我住|住|是|的)?";
const PATTERNS: RegExp[] = [
  // 3栋2单元201, 5号楼1单元302室, B座1502, 三栋二单元201, 11栋 2单元 1103, 7号楼1门302, 9栋2单元 我家是1602
  new RegExp(
    `(?<![\\dA-Za-z])(${NUM})\\s*${BUILDING_SUFFIX}\\s*(?:(${NUM})\\s*(?:单元|门)\\s*)?${ROOM_FILLER}\\s*-?\\s*${ROOM}\\s*(?:室|号|房)?(?!\\d|\\s*单元|\\s*门\\s*\\d)`,
    "g",
  ),
  // 3-2-201, 3-201
  /(?<![\d\w-])(\d{1,3}|[A-Za-z])\s*[-—－]\s*(?:(\d{1,2})\s*[-—－]\s*)?(\d{3,4})(?![\d-])/g,
  // building 9 unit 3 room 1203, bldg 5, unit 2, rm 801
  /\b(?:building|bldg|block|blk)\.?\s*(\d{1,3}|[A-Za-z])\b[\s,]*(?:unit\s*(\d{1,2})[\s,]*)?(?:room|rm|flat|apt|#)?\.?\s*(\d{3,4})\b/gi,
  // pinyin: 4dong 1danyuan 202
  /(?<![\dA-Za-z])(\d{1,3})\s*dong\s*(?:(\d{1,2})\s*danyuan\s*)?(\d{3,4})(?!\d)/gi,
];
/** A building (and unit) said without the room: "五栋", "5号楼2单元", "building 6", "6dong". */
const BUILDING_ONLY = [
  // (not a bare 号: "15号" is a day)
  new RegExp(`(?<![\\dA-Za-z])(${NUM})\\s*(?:号楼|栋|幢|座)(?:\\s*(${NUM})\\s*(?:单元|门))?`, "g"),
  /\b(?:building|bldg|block|blk)\.?\s*(\d{1,3}|[A-Za-z])\b(?:[\s,]*unit\s*(\d{1,2})\b)?/gi,
  /(?<![\dA-Za-z])(\d{1,3})\s*dong(?:\s*(\d{1,2})\s*danyuan)?/gi,
];
/** "2单元201", "2单元 1502" or "201室" without a building: asks for the building. */
const PARTIAL = new RegExp(`(?:(${NUM})\\s*单元\\s*)(\\d{3,4})(?!\\d)|(\\d{3,4})\\s*(?:室|房)(?!间|子)`, "g");

export function findPlace(text: string, policy: Policy, words: PlaceWords): PlaceResult | undefined {
  for (const re of PATTERNS) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m) {
      const span: Span = [m.index, m.index + m[0].length];
      const room: Room = {
        building: chineseNumber(m[1]!).toUpperCase(),
        unit: m[2] ? chineseNumber(m[2]) : null,
        room: chineseNumber(m[3]!),
      };
      const reason = checkRoom(room, policy);
      return reason ? { ok: false, reason, span, about: "room" } : { ok: true, place: { kind: "room", ...room }, span, about: "room" };
    }
  }
  const building = findBuilding(text, policy);
  const location = findLocation(text, words, building);
  if (location) return location;
  if (building) return building.result;
  PARTIAL.lastIndex = 0;
  const p = PARTIAL.exec(text);
  if (p) {
    const said = p[0].replace(/\s+/g, "");
    return {
      ok: false,
      about: "room",
      span: [p.index, p.index + p[0].length],
      reason: { code: "room.building", said },
      partial: { kind: "location", location: said },
    };
  }
  return undefined;
}

function checkRoom(r: Room, policy: Policy): ParseRefusal | undefined {
  const n = Number(r.room);
  const floor = Math.floor(n / 100);
  if (/^0+$/.test(r.building) || r.unit === "0" || r.unit === "00" || r.room.length < 3 || floor < 1 || n % 100 < 1) {
    return { code: "room.impossible" };
  }
  const buildings = policy.buildings;
  if (!buildings) return undefined;
  const b = buildings.find((x) => x.name.toUpperCase() === r.building);
  if (!b) {
    return { code: "room.noSuchBuilding", building: r.building, names: buildings.map((x) => x.name).join("、"), room: true };
  }
  if (b.units && r.unit && Number(r.unit) > b.units) {
    return { code: "room.units", building: r.building, units: b.units };
  }
  if (b.floors && floor > b.floors) {
    return { code: "room.floors", building: r.building, floors: b.floors };
  }
  return undefined;
}

/** A building (and unit) named without a room: kept as what was understood, the rest asked. */
function findBuilding(text: string, policy: Policy): { label: string; said: string; span: Span; result: PlaceResult } | undefined {
  for (const re of BUILDING_ONLY) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (!m) continue;
    const b = chineseNumber(m[1]!).toUpperCase();
    const unit = m[2] ? chineseNumber(m[2]) : null;
    const span: Span = [m.index, m.index + m[0].length];
    const label = `${b}栋${unit ? `${unit}单元` : ""}`;
    const said = m[0].replace(/\s+/g, "");
    const listed = policy.buildings?.find((x) => x.name.toUpperCase() === b);
    if (policy.buildings && !listed) {
      const names = policy.buildings.map((x) => x.name).join("、");
      return {
        label,
        said,
        span,
        result: {
          ok: false,
          about: "room",
          span,
          reason: { code: "room.noSuchBuilding", building: b, names, room: false },
        },
      };
    }
    // a property that lists a building without units asks only the room
    const noUnits = !!listed && !listed.units;
    const reason: ParseRefusal = { code: "room.rest", label, building: b, unit: !!unit || noUnits };
    return { label, said, span, result: { ok: false, about: "room", span, reason, partial: { kind: "location", location: label } } };
  }
  return undefined;
}

const SEPARATORS = /[\s，,。.!！？?；;、：:]/;
const FILLERS = /^(?:我们|我家|我在|我是|那个|这个|在|就是|的)+/;
/** 那部电梯, 这个楼道: the pointing word is not part of the place */
const POINTING = /(?:那|这)(?:部|个|台|边|里)$/;

/**
 * A public-area location: the phrase up to the place word, e.g. 小区南门, 8栋电梯, 地下车库B2层. A place
 * inside a building takes the building said anywhere in the message ("电梯里困人了！5栋" → 5栋电梯).
 */
function findLocation(text: string, words: PlaceWords, building?: { said: string }): PlaceResult | undefined {
  const hits = [
    ...words.siteWide.map((w) => ({ w, i: text.indexOf(w), needsBuilding: false })),
    ...words.inBuilding.map((w) => ({ w, i: text.indexOf(w), needsBuilding: true })),
  ]
    .filter((h) => h.i >= 0)
    .sort((a, b) => a.i - b.i || b.w.length - a.w.length);
  const hit = hits[0];
  if (!hit) return undefined;
  let start = hit.i;
  while (start > 0 && hit.i - start < 10 && !SEPARATORS.test(text[start - 1]!)) start--;
  let end = hit.i + hit.w.length;
  const level = /^\s*(?:[A-Za-z]?\d{1,2}\s*层|(?:负|地下)[一二三1-3]层|\d{1,3}\s*号)/.exec(text.slice(end));
  if (level) end += level[0].length;
  const prefix = text.slice(start, hit.i);
  // "我家楼下的车库" → 车库: keep only what qualifies the place word
  const trimmed = prefix.replace(/^.*的/, "").replace(FILLERS, "");
  start = hit.i - trimmed.length;
  // (小区 says nothing where every place is in it: 小区主干道 → 主干道; 小区南门 is a word of its own)
  // (what happened is not where: "有人在电梯里" → 电梯)
  const qualifier = trimmed
    .replace(/\s+/g, "")
    .replace(/^.*在/, "")
    .replace(POINTING, "")
    .replace(/^小区(?:里|内)?/, "");
  // (an English place is kept as its words: "the south gate" → south gate)
  const location = /[a-z]/i.test(hit.w) ? text.slice(hit.i, end).trim() : qualifier + text.slice(hit.i, end).replace(/\s+/g, "");
  const span: Span = [start, end];
  if (hit.needsBuilding && !new RegExp(`${NUM}\\s*${BUILDING_SUFFIX}|[A-Za-z]座`).test(trimmed)) {
    // (in the resident's words: "3号楼的信报箱" → 3号楼信报箱)
    if (building) return { ok: true, place: { kind: "location", location: building.said + location }, span, about: "location" };
    return {
      ok: false,
      about: "location",
      span,
      reason: { code: "place.building", word: hit.w },
      partial: { kind: "location", location },
    };
  }
  return { ok: true, place: { kind: "location", location }, span, about: "location" };
}
