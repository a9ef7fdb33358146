/**
 * The kinds of reply a resident's message may get, as one reads them (the corpus names one per message).
 * Each is what the resident would notice: the question asked, the summary to confirm, the report filed.
 */
export const REPLY_KINDS: Record<string, RegExp> = {
  confirm: /请您核对报事信息|請您核對報事信息|Please check your report/,
  "ask-room": /(请问您的房号是多少|請問您的房號是多少|What is your room number)/,
  "ask-building": /几单元几号|几号房|哪一栋|请问是几栋|幾單元幾號|幾號房|哪一棟|包括楼栋|which unit|which room|Which building/,
  "ask-phone": /请留一个联系电话|請留一個聯繫電話|leave a phone number/,
  "ask-time": /什么时候上门方便|什麼時候上門方便|When may the technician come|几点方便|幾點方便|What time/,
  "ask-whose": /只有您家这样|只有您家這樣|only your flat/,
  emergency: /^⚠️[\s\S]*(单号|單號|no\.)/,
  faq: /物业费可以|住宅物业费为|物業費可以|装修前请带|停车月卡|按本小区的收费标准/,
  "time-refused": /已经过去|不在服务时间内|最多可以预约|没有\s?\d+\s?(日|点)|请告诉我具体几点|没有看懂时间/,
  "room-refused": /房号好像不存在|本小区没有/,
  "phone-refused": /号码|11 位|手机号/,
  declined: /不好意思/,
  menu: /阳光花园报事服务|service desk/,
  english: /reply in English/,
  filed: /已为您登记|已為您登記|is registered/,
  amended: /已转告值班人员|已轉告值班人員|Passed on to the duty team/,
  skipped: /可以先不提供|可以先不提供|you can skip that/,
};

/** A reply that files or refuses nothing, for kinds that must not have filed a report yet. */
export const ASKS = new Set([
  "confirm",
  "ask-room",
  "ask-building",
  "ask-phone",
  "ask-time",
  "ask-whose",
  "time-refused",
  "room-refused",
  "phone-refused",
  "declined",
]);
