/** Why an answer could not be taken, as residents (and staff, for 改约) read it. zh and en. */
import { formatWhen, type ParseRefusal, type Text } from "../src/core/conversation/flow-api.js";

export function refusalText(r: ParseRefusal): Text {
  switch (r.code) {
    case "phone.digits":
      return {
        zh: `手机号应为 11 位，您发的是 ${r.digits} 位，请核对后再发一次`,
        en: `A mobile number has 11 digits; this one has ${r.digits}. Please check it and send it again`,
      };
    case "phone.invalid":
      return {
        zh: "这个号码不像有效的手机号或座机号（座机请带区号，如 0571-88886666），请再发一次",
        en: "That does not look like a valid mobile or landline number (landlines need the area code, e.g. 0571-88886666). Please send it again",
      };
    case "time.hour":
      return { zh: `${r.day}几点方便？例如「${r.day}下午3点」`, en: `What time ${r.day}? e.g. ${r.day} 3pm` };
    case "time.vague":
      return { zh: "请告诉我具体几点方便，例如「明天下午3点」", en: "Please tell me what time suits you, e.g. tomorrow 3pm" };
    case "time.past":
      return {
        zh: `${formatWhen(r.at, r.timezone, "zh")} 已经过去了，请选一个之后的时间`,
        en: `${formatWhen(r.at, r.timezone, "en")} has already passed; please choose a later time`,
      };
    case "time.tooFar":
      return {
        zh: `最多可以预约 ${r.days} 天以内的时间，请换一个时间`,
        en: `Appointments can be booked up to ${r.days} days ahead; please choose an earlier time`,
      };
    case "time.outOfHours":
      return {
        zh: `上门服务时间是每天 ${r.start}–${r.end}，${formatWhen(r.at, r.timezone, "zh")} 不在服务时间内，请换一个时间（紧急情况请直接说明）`,
        en: `Visits are between ${r.start} and ${r.end}; ${formatWhen(r.at, r.timezone, "en")} is outside those hours. Please choose another time`,
      };
    case "time.noSuchHour":
      return {
        zh: `一天没有 ${r.hour} 点，请告诉我正确的时间，例如「明天下午3点」`,
        en: `There is no hour ${r.hour}; please give a real time, e.g. tomorrow 3pm`,
      };
    case "time.noSuchDay":
      return { zh: `${r.month}月没有${r.day}日，请核对日期`, en: `There is no day ${r.day} in month ${r.month}; please check the date` };
    case "room.building":
      return {
        zh: `${r.said} — 请问是几栋？请告诉我完整的房号，包括楼栋，例如「3栋${r.said}」`,
        en: `${r.said}: which building? Please give the full room including the building, e.g. 3栋${r.said}`,
      };
    case "room.impossible":
      return {
        zh: "这个房号好像不存在，请按「楼栋+单元+房号」再发一次，例如「3栋2单元201」",
        en: "That room number does not seem to exist. Please send building, unit and room again, e.g. 3栋2单元201",
      };
    case "room.noSuchBuilding":
      return {
        zh: `本小区没有 ${r.building} 栋（有：${r.names}），请核对${r.room ? "房号" : ""}`,
        en: `There is no building ${r.building} here (buildings: ${r.names}). Please check${r.room ? " the room" : ""}`,
      };
    case "room.units":
      return { zh: `${r.building} 栋只有 ${r.units} 个单元，请核对房号`, en: `Building ${r.building} has only ${r.units} units. Please check the room` };
    case "room.floors":
      return { zh: `${r.building} 栋只有 ${r.floors} 层，请核对房号`, en: `Building ${r.building} has only ${r.floors} floors. Please check the room` };
    case "room.rest":
      return r.unit
        ? { zh: `${r.label} — 请问是几号房？例如「${r.label}201」`, en: `${r.label}: which room? e.g. ${r.label}201` }
        : { zh: `${r.label} — 请问是几单元几号？例如「${r.label}2单元201」`, en: `Building ${r.building}: which unit and room? e.g. ${r.label}2单元201` };
    case "place.building":
      return { zh: `请问是哪一栋的${r.word}？例如「3栋${r.word}」`, en: `Which building's ${r.word}? e.g. 3栋${r.word}` };
  }
}
