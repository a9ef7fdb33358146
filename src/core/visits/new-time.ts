import type { Desk } from "../intake/desks.js";
import type { Text } from "../ticket/domain.js";
import { residentKey } from "../dispatch/notify.js";
import type { Dispatcher } from "../dispatch/dispatcher.js";
import { orderView } from "../dispatch/work-order.js";
import type { InboundMessage } from "../ports.js";
import type { Policy } from "../policy/policy.js";
import type { Choice, Reply } from "../conversation/types.js";
import { turnRows, type OfferedOrder, type StaffTurn, type Translate } from "../staff/staff-turn.js";
import { formatWhen, wallTime } from "../policy/zoned.js";

/**
 * When nobody can go at the agreed time (SPEC §4, seed 4.1.2.7), the resident picks a new one in chat.
 * A new time today is dispatched 30 minutes before it (the deadline sweep tries then); a later one at once.
 */
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** how long before a same-day visit it is dispatched */
const SAME_DAY_LEAD_MS = 30 * 60000;

/** The next visit times to offer: on the hour, two hours apart, at least an hour ahead, inside service hours. */
export function newTimeSlots(now: Date, policy: Policy, count = 3): Date[] {
  const tz = policy.timezone;
  const open = minutesOf(policy.serviceHours.start);
  const close = minutesOf(policy.serviceHours.end) - 60;
  const out: Date[] = [];
  let t = new Date(Math.ceil((now.getTime() + 60 * 60000) / 3600000) * 3600000);
  for (let guard = 0; out.length < count && guard < 24 * 8; guard++, t = new Date(t.getTime() + 3600000)) {
    const w = wallTime(t, tz);
    const m = w.hour * 60 + w.minute;
    if (m < open || m > close) continue;
    if (out.length && t.getTime() - out.at(-1)!.getTime() < 2 * 3600000) continue;
    out.push(t);
  }
  return out;
}

export interface NewTimeTexts {
  ask: Text;
  chosen: Text;
  chosenToday: Text;
  notYours: Text;
  tooLate: Text;
}

/** The question with the times as choices (newtime:<ticket>:<ms>). */
export function askNewTime(ticketId: string, number: string, now: Date, policy: Policy, texts: NewTimeTexts): Reply {
  const choices: Choice[] = newTimeSlots(now, policy).map((at) => ({
    label: formatWhen(at, policy.timezone, "zh"),
    value: `newtime:${ticketId}:${at.getTime()}`,
  }));
  return { text: texts.ask.zh.replace("{number}", number), choices };
}

export interface NewTimeStore {
  ticketById(ticketId: string): Promise<OfferedOrder["ticket"] | undefined>;
}

/** The resident's pick: the visit moves; today's is left for the sweep to dispatch 30 min before, a later one goes out now. */
export class NewTimeDesk implements Desk {
  readonly answers = ["newtime"];
  constructor(
    private readonly store: NewTimeStore,
    private readonly texts: NewTimeTexts,
    private readonly deps: { dispatcher: Dispatcher; policyOf(propertyId: string): Policy },
  ) {}

  async handle(msg: InboundMessage, _text: string, now: Date, t: Translate): Promise<StaffTurn | undefined> {
    if (!msg.choice?.startsWith("newtime:")) return undefined;
    const [, id, ms] = msg.choice.split(":");
    const tk = id ? await this.store.ticketById(id) : undefined;
    if (!tk || tk.residentId !== residentKey(msg)) return { replies: [{ text: t(this.texts.notYours) }] };
    const at = new Date(Number(ms));
    if (tk.status !== "refused" || !(at.getTime() > now.getTime())) return { replies: [{ text: t(this.texts.tooLate, { number: tk.number }) }] };
    const policy = this.deps.policyOf(tk.propertyId);
    const tz = policy.timezone;
    const when = formatWhen(at, tz, "zh");
    const arriveDueAt = new Date(at.getTime() - policy.deadlines.arriveBeforeAppointment.minutes * 60000);
    const moved = { appointmentAt: at, asap: false, arriveDueAt, escalations: {} };
    const event = { type: "ticket.rescheduled", ticketId: tk.id, propertyId: tk.propertyId, data: { by: "resident", to: at.toISOString() } };
    const sameDay = wallTime(at, tz).day === wallTime(now, tz).day && at.getTime() - now.getTime() < 24 * 3600000;
    if (!sameDay) {
      const picked = await this.deps.dispatcher.dispatchStored(
        { ticketId: tk.id, propertyId: tk.propertyId, view: orderView({ ...tk, appointmentAt: at }), building: tk.building },
        policy,
        now,
      );
      if (picked) {
        return {
          replies: [{ text: t(this.texts.chosen, { number: tk.number, when }) }],
          assignments: [picked.assignment],
          moves: [
            {
              ticketId: tk.id,
              from: ["refused"],
              to: "dispatched",
              stamp: "dispatchedAt",
              set: { ...moved, assigneeId: picked.to.id, acceptDueAt: picked.respondBy },
            },
          ],
          events: [
            event,
            {
              type: "ticket.dispatched",
              ticketId: tk.id,
              propertyId: tk.propertyId,
              data: { staffId: picked.to.id, staff: picked.to.name, why: picked.assignment.why },
            },
          ],
          outbox: turnRows(picked.outbox),
        };
      }
    }
    // today (or nobody free now): the sweep dispatches at this deadline, and chases the supervisors if it cannot
    const dispatchDueAt = new Date(Math.max(now.getTime(), at.getTime() - SAME_DAY_LEAD_MS));
    return {
      replies: [{ text: t(this.texts.chosenToday, { number: tk.number, when }) }],
      moves: [{ ticketId: tk.id, from: ["refused"], to: "refused", set: { ...moved, dispatchDueAt } }],
      events: [event],
    };
  }
}
