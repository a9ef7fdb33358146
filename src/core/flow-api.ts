/** Everything a flow in conversations/ may use: the flow types, the parsers and the domain words. */
export * from "./domain.js";
export { CANCELLABLE_STATUSES } from "./lifecycle.js";
export * from "./flow/types.js";
export { defineForm, type Filed, type FormDef, type FormTexts } from "./flow/form.js";
export type { Commands, EngineTexts } from "./flow/engine.js";
export { classify, NATURE_OF_CATEGORY, type Classification, type KeywordTables } from "./classify.js";
export { findPhone, maskPhone } from "./parse/phone.js";
export { findPlace, type PlaceWords } from "./parse/place.js";
export { findAppointment, judge as checkAppointment } from "./parse/appointment.js";
export { formatDay, formatWhen } from "./zoned.js";
export { nextOfficeStart, waitsForTheOffice } from "./calendar.js";
export { looksAlike } from "./similar.js";
export { startOfDay } from "./zoned.js";
export { draftTicket } from "./ticket.js";
export { fill, workerTitle } from "./text.js";
