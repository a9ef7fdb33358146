import type { Desk } from "../intake/desks.js";
import type { Text, TicketStatus } from "../ticket/domain.js";
import { WAITING_STATUSES } from "../ticket/domain.js";
import type { Vocabulary } from "../vocabulary.js";
import type { Workforce, Reachable } from "../dispatch/records.js";
import { climb, holdersOf } from "../deadlines/escalation.js";
import { nextOfficeStart, waitsForTheOffice } from "../policy/calendar.js";
import { residentKey, toStaff, type AccountOf } from "../dispatch/notify.js";
import type { InboundMessage } from "../ports.js";
import type { Policy } from "../policy/policy.js";
import type { TicketSummary } from "../conversation/types.js";
import { turnRows, type OfferedOrder, type StaffTurn, type Translate } from "../staff/staff-turn.js";
import { formatWhen } from "../policy/zoned.js";

/** The words of 催单 (conversations/urge.ts). */
export interface UrgeWords {
  /** statuses in words */
  vocabulary: Vocabulary;
  /** a short message that urges ("催一下", "怎么还没人来") */
  urge: RegExp;
  texts: Record<
    | "none"
    | "which"
    | "tooSoon"
    | "told"
    | "toldUp"
    | "recorded"
    | "quiet"
    | "staff"
    | "staffUp"
    | "next.dispatch"
    | "next.accept"
    | "next.arrive"
    | "next.work"
    | "next.hold"
    | "next.late",
    Text
  >;
  label: Text;
}

export interface UrgeStore {
  listForResident(residentId: string, statuses: readonly TicketStatus[], limit: number): Promise<TicketSummary[]>;
  ticketById(ticketId: string): Promise<OfferedOrder["ticket"] | undefined>;
  /** the last urge of this ticket: the status it was in and the level it reached */
  lastUrge(ticketId: string): Promise<{ status: string; level: number } | undefined>;
}

/**
 * 催单: a resident urges an open report (typed, or the 催单 choice under 查询进度). The urge is recorded on
 * the ticket; the person holding it (the assignee, else the supervisors, or for a complaint the role its
 * severity names) is told at once with the number and how long the resident has waited. A second urge
 * in the same step goes one level up the chain. At most one urge per ticket per `urgeEvery`; the
 * resident is told what happens next and when. In quiet hours a non-urgent urge is recorded and the
 * resident told when the office opens (nobody is woken).
 */
export class UrgeDesk implements Desk {
  readonly answers = ["urge"];
  /** an urge typed in the middle of a report is the report's business (e.g. "什么时候来" as a time) */
  readonly whileReporting = false;
  constructor(
    private readonly store: UrgeStore,
    private readonly words: UrgeWords,
    private readonly deps: { workforce: Workforce; accountOf: AccountOf; policyOf(propertyId: string): Policy; lateBy(minutes: number): string },
  ) {}

  async handle(msg: InboundMessage, text: string, now: Date, t: Translate): Promise<StaffTurn | undefined> {
    const w = this.words.texts;
    const picked = msg.choice?.startsWith("urge:") ? msg.choice.slice(5) : undefined;
    if (!picked && !(text && !msg.choice && text.length <= 40 && this.words.urge.test(text))) return undefined;
    const residentId = residentKey(msg);
    const open = await this.store.listForResident(residentId, WAITING_STATUSES, 5);
    // typed with nothing open: not an urge after all (the report flow may take it)
    if (!open.length) return picked ? { replies: [{ text: t(w.none) }] } : undefined;
    const id = picked ?? (open.length === 1 ? open[0]!.id : undefined);
    if (!id)
      return {
        replies: [
          {
            text: t(w.which),
            choices: open.map((o) => ({ label: `${t(this.words.label)} ${o.number} ${o.description.slice(0, 10)}`, value: `urge:${o.id}` })),
          },
        ],
      };
    const tk = open.some((o) => o.id === id) ? await this.store.ticketById(id) : undefined;
    if (!tk || tk.residentId !== residentId) return { replies: [{ text: t(w.none) }] };
    return this.urge(tk, now, t);
  }

  private async urge(tk: OfferedOrder["ticket"], now: Date, t: Translate): Promise<StaffTurn> {
    const w = this.words.texts;
    const policy = this.deps.policyOf(tk.propertyId);
    const tz = policy.timezone;
    if (tk.lastUrgedAt && now.getTime() - tk.lastUrgedAt.getTime() < policy.urgeEvery.minutes * 60000) {
      const again = new Date(tk.lastUrgedAt.getTime() + policy.urgeEvery.minutes * 60000);
      return {
        replies: [
          {
            text: t(w.tooSoon, {
              number: tk.number,
              at: formatWhen(tk.lastUrgedAt, tz, "zh"),
              again: formatWhen(again, tz, "zh"),
              next: this.next(tk, policy, now, t),
            }),
          },
        ],
      };
    }
    const staff = await this.deps.workforce.staffOf(tk.propertyId);
    const chain = policy.escalation.chain;
    const last = await this.store.lastUrge(tk.id);
    // a second urge while the report is still at the same step climbs one level
    const level = Math.min(chain.length - 1, last && last.status === tk.status ? last.level + 1 : 0);
    const first = this.holder(tk, staff, policy);
    const to = climb(first, level, staff, chain) as Reachable[];
    const waited = this.deps.lateBy((now.getTime() - tk.receivedAt.getTime()) / 60000);
    const vars = {
      number: tk.number,
      place: tk.place ?? "",
      description: tk.description.slice(0, 30),
      n: tk.urges + 1,
      waited,
      status: t(this.words.vocabulary.statuses[tk.status]),
      who: first.map((s) => s.name).join("、") || "—",
      next: this.next(tk, policy, now, t),
      open: formatWhen(nextOfficeStart(now, policy), tz, "zh"),
      phone: policy.nightContact ?? policy.servicePhone ?? "",
    };
    const quiet = waitsForTheOffice(tk, policy, now);
    const turn: StaffTurn = {
      // (nobody on chat to tell: recorded for the service centre, said honestly)
      replies: [{ text: t(quiet ? w.quiet : !to.length ? w.recorded : level ? w.toldUp : w.told, vars) }],
      moves: [{ ticketId: tk.id, from: [tk.status], to: tk.status, set: { urges: tk.urges + 1, lastUrgedAt: now } }],
      events: [
        {
          type: "ticket.urged",
          ticketId: tk.id,
          propertyId: tk.propertyId,
          data: {
            n: tk.urges + 1,
            level,
            status: tk.status,
            waitedMinutes: Math.round((now.getTime() - tk.receivedAt.getTime()) / 60000),
            to: quiet ? [] : to.map((s) => s.name),
            ...(quiet ? { quiet: true } : {}),
          },
        },
      ],
      outbox: [],
    };
    if (!quiet) for (const s of to) turn.outbox!.push(...turnRows(toStaff(s, { text: t(level ? w.staffUp : w.staff, vars) }, tk.id, now, this.deps.accountOf)));
    return turn;
  }

  /** Who holds the report now: its assignee, else whoever hears of this kind of report first. */
  private holder(tk: OfferedOrder["ticket"], staff: readonly Reachable[], policy: Policy): Reachable[] {
    const assignee = tk.assigneeId ? staff.find((s) => s.id === tk.assigneeId) : undefined;
    if (assignee && !["received", "refused", "reopened"].includes(tk.status)) return [assignee];
    const role = tk.nature === "投诉" ? policy.complaintRecipients[(tk.severity ?? "轻微") as "轻微"] : (policy.escalation.chain[1] ?? "supervisor");
    return holdersOf(role, staff, policy.escalation.chain) as Reachable[];
  }

  /** What happens next and by when, from the deadline of the step the report is at. */
  private next(tk: OfferedOrder["ticket"], policy: Policy, now: Date, t: Translate): string {
    const w = this.words.texts;
    const when = (d: Date | null | undefined) => (d ? formatWhen(d, policy.timezone, "zh") : "");
    const d = tk.deadlines;
    const pick = (): [Text, Date | null | undefined] => {
      switch (tk.status) {
        case "dispatched":
          return [w["next.accept"], d.acceptDueAt];
        case "accepted":
          return [w["next.arrive"], tk.appointmentAt ?? d.arriveDueAt];
        case "arrived":
          return [w["next.work"], null];
        case "on_hold":
          return [w["next.hold"], null];
        default:
          return [w["next.dispatch"], d.dispatchDueAt];
      }
    };
    const [text, due] = pick();
    if (due && due <= now) return t(w["next.late"]);
    return t(text, { due: when(due), reason: tk.holdReason ?? "" });
  }
}
