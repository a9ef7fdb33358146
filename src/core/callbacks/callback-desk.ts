// (Over 200 lines: one desk for stewards' 回访 results, residents' ratings and comments — they share the callback lookup, the reopening of 不满意 and who is told.)
import type { Desk } from "../intake/desks.js";
import type { ChannelName, Text, TicketStatus } from "../ticket/domain.js";
import type { InboundMessage } from "../ports.js";
import type { Policy } from "../policy/policy.js";
import type { Reachable, Workforce } from "../dispatch/records.js";
import { turnRows, type BoundStaff, type StaffTurn, type Translate } from "../staff/staff-turn.js";
import { climb, holdersOf } from "../deadlines/escalation.js";
import { fromStatuses, move } from "../ticket/lifecycle.js";
import { addDuration, hoursFor } from "../policy/calendar.js";
import { quietly, residentKey, toStaff, type AccountOf } from "../dispatch/notify.js";
import { fill } from "../conversation/text.js";

/** A callback task as the desk reads it. */
export interface CallbackView {
  id: string;
  kind: "first" | "second";
  status: string;
  residentRating: string | null;
  /** other callbacks of the same ticket still pending */
  othersPending: number;
  ticket: {
    id: string;
    number: string;
    status: TicketStatus;
    propertyId: string;
    place: string | null;
    description: string;
    urgency: string;
    assigneeId: string | null;
    residentId: string | null;
  };
}

export interface CallbackStore {
  staffByIdentity(channel: ChannelName, externalId: string): Promise<BoundStaff | undefined>;
  callback(id: string): Promise<CallbackView | undefined>;
  /** the ticket's latest first callback (what a resident's rating joins) */
  firstCallbackOf(ticketId: string): Promise<CallbackView | undefined>;
  /** the callback this staff member recorded last, since then */
  lastRecordedBy(staffId: string, since: Date): Promise<CallbackView | undefined>;
}

export interface CallbackWords {
  satisfaction: readonly string[];
  timeliness: readonly string[];
  method: readonly { code: string; label: string }[];
  comment: RegExp;
  texts: Record<
    | "askTimeliness"
    | "askMethod"
    | "recorded"
    | "reopened"
    | "alreadyDone"
    | "notYours"
    | "commentSaved"
    | "noRecent"
    | "unsatisfied"
    | "rated"
    | "ratedBad"
    | "alreadyRated"
    | "notYourReport"
    | "staffOnly"
    /** where a 不满意 came from, as the superior reads it: "回访（{name}）", "评价" */
    | "fromCallback"
    | "fromRating"
    /** who was told, when nobody could be: "服务中心" */
    | "serviceCentre",
    Text
  >;
}

const UNSATISFIED = 2;

/**
 * 回访 from chat (SPEC §6): the steward records satisfaction, timeliness and method by picking
 * (cb:<id>:<s>[:<t>[:<m>]] carries the answers so far, so no state is kept between presses) and may add
 * a comment; the resident rates the finished job (rate:<ticket>:<rating>). 不满意 from either reopens
 * the report and escalates it to the assignee's superior.
 */
export class CallbackDesk implements Desk {
  readonly answers = ["cb", "rate"];
  constructor(
    private readonly store: CallbackStore,
    private readonly words: CallbackWords,
    private readonly deps: { workforce: Workforce; accountOf: AccountOf; policyOf(propertyId: string): Policy },
  ) {}

  async handle(msg: InboundMessage, text: string, now: Date, t: Translate): Promise<StaffTurn | undefined> {
    if (msg.choice?.startsWith("cb:")) return this.steward(msg, msg.choice, now, t);
    if (msg.choice?.startsWith("rate:")) return this.resident(msg, msg.choice, now, t);
    const comment = msg.choice ? null : this.words.comment.exec(text);
    if (!comment) return undefined;
    const staff = await this.store.staffByIdentity(msg.channel, msg.userId);
    // a resident's own words starting with 备注 are theirs: the flows take them
    if (!staff) return undefined;
    const last = await this.store.lastRecordedBy(staff.id, new Date(now.getTime() - 24 * 3600_000));
    if (!last) return { replies: [{ text: t(this.words.texts.noRecent) }] };
    return {
      replies: [{ text: t(this.words.texts.commentSaved, { number: last.ticket.number }) }],
      callbackAnswer: { id: last.id, by: "comment", set: { comment: comment[1]!.trim().slice(0, 500) } },
      events: [{ type: "callback.comment", ticketId: last.ticket.id, propertyId: last.ticket.propertyId, data: { staffId: staff.id } }],
    };
  }

  private async steward(msg: InboundMessage, choice: string, now: Date, t: Translate): Promise<StaffTurn> {
    const w = this.words;
    const staff = await this.store.staffByIdentity(msg.channel, msg.userId);
    if (!staff) return { replies: [{ text: t(w.texts.staffOnly) }] };
    const [, id, s, ti, m] = choice.split(":");
    const cb = id ? await this.store.callback(id) : undefined;
    if (!cb || cb.ticket.propertyId !== staff.propertyId) return { replies: [{ text: t(w.texts.notYours) }] };
    const number = cb.ticket.number;
    if (cb.status !== "pending") return { replies: [{ text: t(w.texts.alreadyDone, { number }) }] };
    const sat = w.satisfaction[Number(s)];
    const tim = ti === undefined ? undefined : w.timeliness[Number(ti)];
    const how = m === undefined ? undefined : w.method[Number(m)];
    if (!sat) return { replies: [{ text: t(w.texts.notYours) }] };
    if (!tim)
      return { replies: [{ text: t(w.texts.askTimeliness, { number }), choices: w.timeliness.map((x, i) => ({ label: x, value: `cb:${id}:${s}:${i}` })) }] };
    if (!how)
      return {
        replies: [{ text: t(w.texts.askMethod, { number }), choices: w.method.map((x, i) => ({ label: x.label, value: `cb:${id}:${s}:${ti}:${i}` })) }],
      };

    return this.result(staff, cb, Number(s), Number(ti), Number(m), undefined, now, t);
  }

  /**
   * A steward's result (satisfaction, timeliness and method by their index in the words; a comment) as the change
   * it makes: the callback done, the ticket visited (closed once none is left) — or reopened on 不满意, the
   * assignee's superior told. Chat's presses and the console's form both come here.
   */
  async result(
    staff: { id: string | null; name: string },
    cb: CallbackView,
    s: number,
    ti: number,
    m: number,
    comment: string | undefined,
    now: Date,
    t: Translate,
  ): Promise<StaffTurn> {
    const w = this.words;
    const number = cb.ticket.number;
    const sat = w.satisfaction[s]!;
    const tim = w.timeliness[ti]!;
    const how = w.method[m]!;
    const turn: StaffTurn = {
      replies: [{ text: t(w.texts.recorded, { number, satisfaction: sat, timeliness: tim, method: how.label }) }],
      callbackAnswer: {
        id: cb.id,
        by: "steward",
        set: {
          status: "done",
          satisfaction: sat,
          timeliness: tim,
          method: how.code,
          doneAt: now,
          nextAt: null,
          ...(staff.id ? { stewardId: staff.id } : {}),
          ...(comment ? { comment: comment.slice(0, 500) } : {}),
        },
      },
      moves: [],
      events: [
        {
          type: "callback.done",
          ticketId: cb.ticket.id,
          propertyId: cb.ticket.propertyId,
          data: { kind: cb.kind, staffId: staff.id, staff: staff.name, satisfaction: sat, timeliness: tim, method: how.code },
        },
      ],
      outbox: [],
    };
    if (s === UNSATISFIED) {
      const who = await this.reopen(cb, fill(w.texts.fromCallback.zh, { name: staff.name }), comment ?? "", now, turn);
      turn.replies[0]!.text += `\n${t(w.texts.reopened, { number, who })}`;
      return turn;
    }
    // the first callback done: visited; closed once no callback is left
    const tk = cb.ticket;
    const path: TicketStatus[] =
      tk.status === "completed"
        ? ["visited", ...(cb.othersPending ? [] : ["closed" as const])]
        : tk.status === "visited" && !cb.othersPending
          ? ["closed"]
          : [];
    let from = tk.status;
    for (const to of path) {
      if (!move(from, to).ok) break;
      turn.moves!.push({ ticketId: tk.id, from: [from], to, stamp: to === "visited" ? "visitedAt" : "closedAt" });
      from = to;
    }
    return turn;
  }

  private async resident(msg: InboundMessage, choice: string, now: Date, t: Translate): Promise<StaffTurn> {
    const w = this.words;
    const [, ticketId, rating] = choice.split(":");
    const cb = ticketId ? await this.store.firstCallbackOf(ticketId) : undefined;
    // a resident sees and rates only their own reports
    if (!cb || cb.ticket.residentId !== residentKey(msg) || !rating || !w.satisfaction.includes(rating)) {
      return { replies: [{ text: t(w.texts.notYourReport) }] };
    }
    const number = cb.ticket.number;
    if (cb.residentRating) return { replies: [{ text: t(w.texts.alreadyRated, { number }) }] };
    const turn: StaffTurn = {
      replies: [],
      callbackAnswer: { id: cb.id, by: "resident", set: { residentRating: rating } },
      moves: [],
      events: [{ type: "callback.rated", ticketId: cb.ticket.id, propertyId: cb.ticket.propertyId, data: { rating } }],
      outbox: [],
    };
    if (rating === w.satisfaction[UNSATISFIED]) {
      await this.reopen(cb, w.texts.fromRating.zh, "", now, turn);
      turn.replies.push({ text: t(w.texts.ratedBad, { number }) });
    } else turn.replies.push({ text: t(w.texts.rated) });
    return turn;
  }

  /** 不满意: the report is reopened (dispatch deadline anew) and the assignee's superior is told; returns who was told. */
  private async reopen(cb: CallbackView, source: string, comment: string, now: Date, turn: StaffTurn): Promise<string> {
    const tk = cb.ticket;
    const policy = this.deps.policyOf(tk.propertyId);
    if (move(tk.status, "reopened").ok) {
      turn.moves!.push({
        ticketId: tk.id,
        from: fromStatuses("reopened"),
        to: "reopened",
        set: { reopenedAt: now, dispatchDueAt: addDuration(now, policy.deadlines.dispatch, policy, hoursFor(tk.urgency)), escalations: {} },
      });
      turn.events!.push({ type: "ticket.reopened", ticketId: tk.id, propertyId: tk.propertyId, data: { source } });
    }
    const staff = await this.deps.workforce.staffOf(tk.propertyId, { fresh: true });
    const assignee = staff.find((s) => s.id === tk.assigneeId);
    const chain = policy.escalation.chain;
    const up = (assignee ? climb([assignee], 1, staff, chain) : []) as Reachable[];
    const to = up.length ? up : (holdersOf(chain[1] ?? "supervisor", staff, chain) as Reachable[]);
    const text = this.words.texts.unsatisfied.zh
      .replace("{number}", tk.number)
      .replace("{place}", tk.place ?? "")
      .replace("{description}", tk.description.slice(0, 30))
      .replace("{source}", source)
      .replace("{comment}", comment);
    // (rated at night: the superior hears of it when the office opens)
    for (const s of to) turn.outbox!.push(...turnRows(quietly(toStaff(s, { text }, tk.id, now, this.deps.accountOf), tk, policy, now)));
    turn.events!.push({ type: "callback.unsatisfied", ticketId: tk.id, propertyId: tk.propertyId, data: { source, escalatedTo: to.map((s) => s.name) } });
    return to.map((s) => s.name).join("、") || this.words.texts.serviceCentre.zh;
  }
}
