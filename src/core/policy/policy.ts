import { z } from "zod";
import { durationSchema } from "./duration.js";
import { ROLES } from "../ticket/domain.js";

/**
 * A property's policy (SPEC §4): every number the rules use is a default here that a property
 * may change. Durations are written the way people write them ("15m", "3 working days").
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "write a time of day as HH:MM");

export const policySchema = z.object({
  timezone: z.string().default("Asia/Shanghai").refine(isTimeZone, "unknown time zone"),
  /** Hours in which appointments are accepted (very urgent reports are served at any time). */
  serviceHours: z.object({ start: hhmm, end: hhmm }).default({ start: "08:00", end: "21:00" }),
  /**
   * The office's hours on working days: non-urgent deadlines count only these, and staff hear of
   * non-urgent tickets only in them (quiet hours). Default: the service hours.
   */
  officeHours: z.object({ start: hhmm, end: hhmm }).optional(),
  /** Told to residents with a very urgent report when nobody is on duty (the night duty phone). */
  nightContact: z.string().optional(),
  /** 快超时: warn the person responsible this long before a step's deadline (default: 15m for steps of an hour or more, a third of shorter ones). */
  warnBefore: durationSchema.optional(),
  /** A ticket on hold (waiting for parts or the owner) this long reminds the supervisor; its clock is stopped meanwhile. */
  maxHold: durationSchema.prefault("3d"),
  /** 催单: one urge per ticket per this interval */
  urgeEvery: durationSchema.prefault("10m"),
  /** Reports one resident may file a day (floods); past it they are offered 转人工. Very urgent ones always go through. */
  maxReportsPerDay: z.number().int().min(1).max(1000).default(10),
  /** The same resident or room reporting what looks like the same problem within this window is shown the open ticket. */
  duplicateWindow: durationSchema.prefault("24h"),
  /** Days ahead a resident may book. */
  maxAdvanceDays: z.number().int().min(1).max(365).default(30),
  /** A conversation idle this long expires. */
  sessionTimeout: durationSchema.prefault("30m"),
  /** Tries a resident gets for one question before the report is kept as invalid. */
  slotRetries: z.number().int().min(1).max(10).default(3),
  /** Gas company hotline shown with the safety advice. */
  gasHotline: z.string().default("96777"),
  /** The service centre's phone, told when the bot cannot help. */
  servicePhone: z.string().optional(),
  /** Buildings and units that exist; when set, rooms are checked against it. */
  buildings: z.array(z.object({ name: z.string(), units: z.number().int().min(1).optional(), floors: z.number().int().min(1).optional() })).optional(),
  /** Working calendar: ISO dates that are holidays / extra working days. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  workdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  deadlines: z
    .object({
      veryUrgentResponse: durationSchema.prefault("15m"),
      dispatch: durationSchema.prefault("5m"),
      arriveNoAppointment: durationSchema.prefault("30m"),
      arriveBeforeAppointment: durationSchema.prefault("5m"),
      acceptWindow: durationSchema.prefault("10m"),
      /** a paid job outside the fee catalogue: the supervisor assesses it and quotes (seed 000 3.5.4 c) */
      quote: durationSchema.prefault("15m"),
      minorComplaintForward: durationSchema.prefault("15m"),
      minorComplaintResolve: durationSchema.prefault("4h"),
      importantComplaintForward: durationSchema.prefault("1h"),
      importantComplaintResolve: durationSchema.prefault("3d"),
      majorComplaintAnswer: durationSchema.prefault("2d"),
      majorComplaintResolve: durationSchema.prefault("10d"),
      suggestionAnswer: durationSchema.prefault("3 working days"),
      consultationAnswer: durationSchema.prefault("1d"),
      /** 转人工: a steward takes the conversation within this much office time, else the supervisors hear */
      humanAnswer: durationSchema.prefault("3m"),
      callback: durationSchema.prefault("24h"),
      secondCallback: durationSchema.prefault("30d"),
    })
    .prefault({}),
  /**
   * A missed deadline climbs this chain (SPEC §4): the person responsible is reminded, then every
   * `every` their superior (Staff.superior, else the next role here) until the top.
   */
  escalation: z
    .object({
      every: durationSchema.prefault("30m"),
      chain: z.array(z.enum(ROLES)).min(1).default(["technician", "supervisor", "project_manager", "general_manager"]),
    })
    .prefault({}),
  /** Who hears of a complaint first, by severity (seed 002: a major one reaches the general manager the same day). */
  complaintRecipients: z
    .object({ 轻微: z.enum(ROLES).default("supervisor"), 重要: z.enum(ROLES).default("project_manager"), 重大: z.enum(ROLES).default("general_manager") })
    .prefault({}),
  /** Daily follow-up of open complaints and overdue items, in the property's time (seed 001: 15:30). */
  digestAt: hhmm.default("15:30"),
  /** Last month's statistics go to the managers on this day of the month (seed: by the 2nd). */
  monthlyReportDay: z.number().int().min(1).max(28).default(1),
  /**
   * 《维修项目收费标准》: paid jobs (有偿服务, category A) and their prices; a job matches an item when its
   * description names one of the item's keywords. Prices in yuan.
   */
  fees: z
    .array(z.object({ item: z.string().min(1), price: z.number().min(0), unit: z.string().min(1).default("次"), keywords: z.array(z.string().min(1)).min(1) }))
    .default([]),
  /** Skills that can do each category's jobs, used when the description names none (e.g. D: [plumbing, electrical]). */
  skills: z.partialRecord(z.enum(["A", "B", "C", "D", "E", "F", "G"]), z.array(z.string().min(1))).default({}),
  /** Frequently asked questions answered at once (咨询). */
  /**
   * Questions answered at once. `asks`: which question an answer is for (price: 多少钱, how: 怎么办/在哪, when: 几点);
   * without it, any question on the topic. `byChannel`: the answer worded for a channel ("本公众号" only on WeChat).
   */
  faq: z
    .array(
      z.object({
        keywords: z.array(z.string()).min(1),
        asks: z.enum(["price", "how", "when"]).optional(),
        answer: z.string(),
        answerEn: z.string().optional(),
        byChannel: z.record(z.string(), z.string()).optional(),
      }),
    )
    .default([]),
});

export type PolicyInput = z.input<typeof policySchema>;
/** A policy as the rules read it: office hours resolved to the service hours when not set. */
export type Policy = Omit<z.output<typeof policySchema>, "officeHours"> & { officeHours: { start: string; end: string } };

/** The parsed file with its defaults resolved. */
export function resolvePolicy(p: z.output<typeof policySchema>): Policy {
  return { ...p, officeHours: p.officeHours ?? p.serviceHours };
}

export function parsePolicy(input: unknown): Policy {
  return resolvePolicy(policySchema.parse(input ?? {}));
}

/** A zone name Intl knows (Asia/Shanghai); used by the policy and by the service's own settings. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch (err) {
    if (err instanceof RangeError) return false;
    throw err;
  }
}
