/** Everything a flow in conversations/ may use: the flow types, the parsers and the domain words. */
export * from "../ticket/domain.js";
export { CANCELLABLE_STATUSES } from "../ticket/lifecycle.js";
export * from "./types.js";
export { defineForm, type Filed, type FormDef, type FormTexts } from "./form.js";
export type { Commands, EngineTexts } from "./engine.js";
export { classify, classifiedAs, NATURE_OF_CATEGORY, type Classification, type KeywordTables } from "../ticket/classify.js";
export { findPhone, maskPhone } from "./parse/phone.js";
export { findPlace, type PlaceWords } from "./parse/place.js";
export { findAppointment, judge as checkAppointment } from "./parse/appointment.js";
export { formatDay, formatWhen } from "../policy/zoned.js";
export type { ParseRefusal } from "./parse/refusal.js";
export { nextOfficeStart, waitsForTheOffice } from "../policy/calendar.js";
export { looksAlike } from "../ticket/similar.js";
export { startOfDay } from "../policy/zoned.js";
export { draftTicket } from "../ticket/ticket.js";
export { fill, workerTitle } from "./text.js";
