/**
 * Why a parser refused what it read, as a code and the values a text needs. The words residents read
 * are composed from it in conversations/parse-texts.ts (core holds no resident-facing text).
 */
export type ParseRefusal =
  /** a mobile number with the wrong number of digits */
  | { code: "phone.digits"; digits: number }
  | { code: "phone.invalid" }
  /** a day said without the hour ("后天"): only the hour is asked */
  | { code: "time.hour"; day: string }
  | { code: "time.vague" }
  | { code: "time.past"; at: Date; timezone: string }
  | { code: "time.tooFar"; days: number }
  | { code: "time.outOfHours"; at: Date; timezone: string; start: string; end: string }
  /** 25点 */
  | { code: "time.noSuchHour"; hour: string }
  /** 2月30日 */
  | { code: "time.noSuchDay"; month: number; day: number }
  /** "2单元201" or "201室": the building is asked */
  | { code: "room.building"; said: string }
  | { code: "room.impossible" }
  /** a building the property does not have; `room`: said with a room number */
  | { code: "room.noSuchBuilding"; building: string; names: string; room: boolean }
  | { code: "room.units"; building: string; units: number }
  | { code: "room.floors"; building: string; floors: number }
  /** a building said without the room (label: "5栋" or "5栋2单元"); `unit`: only the room is missing */
  | { code: "room.rest"; label: string; building: string; unit: boolean }
  /** a place inside a building (电梯) without the building */
  | { code: "place.building"; word: string };
