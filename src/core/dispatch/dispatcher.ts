import { randomUUID } from "node:crypto";
import type { ChannelName } from "../domain.js";
import { CATEGORIES, placeLabel } from "../domain.js";
import type { NewTicket, Reply } from "../flow/types.js";
import type { Policy } from "../policy.js";
import type { EventRecord, OutboxRecord } from "../ports.js";
import { addDuration } from "../deadlines.js";
import { formatWhen } from "../zoned.js";
import { maskPhone } from "../parse/phone.js";
import { chooseWorker, type Worker } from "./choose-worker.js";

/** A staff member and the chat accounts a work order can reach them on. */
export interface Reachable extends Worker {
  contacts: { channel: ChannelName; externalId: string }[];
}

export interface Workforce {
  /** active staff of the property, with open load and reachable chat accounts */
  staffOf(propertyId: string): Promise<Reachable[]>;
}

export interface AssignmentRecord {
  id: string;
  ticketId: string;
  staffId: string;
  level: number;
  offeredAt: Date;
  respondBy: Date;
  why: string[];
}

/** What dispatching a new ticket adds to its transaction. */
export interface DispatchPlan {
  assignments: AssignmentRecord[];
  events: EventRecord[];
  outbox: OutboxRecord[];
}

/**
 * 派工 at filing: the chosen technician gets the 派工单 in chat with accept / refuse choices, in the
 * same transaction that files the report. Nobody eligible: the supervisors are told at once.
 */
export class Dispatcher {
  constructor(
    private readonly workforce: Workforce,
    private readonly skillsOf: (text: string) => string[],
    /** the account each channel sends from ("" when one) */
    private readonly accountOf: (channel: ChannelName) => string | undefined,
  ) {}

  async plan(ticket: NewTicket, property: { id: string; policy: Policy }, now: Date): Promise<DispatchPlan> {
    const plan: DispatchPlan = { assignments: [], events: [], outbox: [] };
    if (ticket.status !== "received" || !["报修", "求助"].includes(ticket.nature)) return plan;
    const staff = await this.workforce.staffOf(property.id);
    const reachable = staff.filter((s) => this.reach(s));
    const job = {
      category: ticket.category ?? "A",
      skills: this.skillsOf(`${ticket.description} ${ticket.place?.kind === "location" ? ticket.place.location : ""}`),
      building: ticket.place?.kind === "room" ? ticket.place.building : null,
      urgency: ticket.urgency,
    };
    const choice = chooseWorker(job, reachable, now, property.policy.timezone);
    const event = (type: string, data: Record<string, unknown>): EventRecord => ({
      id: randomUUID(), propertyId: property.id, ticketId: ticket.id, type, actor: "dispatcher", channel: null, data, at: now,
    });
    if (!choice.ok) {
      plan.events.push(event("dispatch.none", { why: choice.why.map((w) => w.zh) }));
      const text = `【待派工】${ticket.number}（${ticket.place ? placeLabel(ticket.place) : ""} ${ticket.description.slice(0, 30)}）没有可派的师傅：${choice.why.map((w) => w.zh).join("；")}。请尽快人工派单。`;
      for (const s of staff.filter((x) => x.roles.includes("supervisor"))) plan.outbox.push(...this.message(s, { text }, ticket.id, now));
      return plan;
    }
    const worker = choice.worker as Reachable;
    const respondBy = addDuration(now, property.policy.deadlines.acceptWindow, property.policy);
    const assignment: AssignmentRecord = { id: randomUUID(), ticketId: ticket.id, staffId: worker.id, level: 0, offeredAt: now, respondBy, why: choice.why.map((w) => w.zh) };
    plan.assignments.push(assignment);
    // the ticket is filed already dispatched (it has not been written yet: same transaction)
    ticket.status = "dispatched";
    ticket.assigneeId = worker.id;
    ticket.dispatchedAt = now;
    ticket.deadlines = { ...ticket.deadlines, acceptDueAt: respondBy };
    plan.events.push(event("ticket.dispatched", { staffId: worker.id, staff: worker.name, why: assignment.why }));
    plan.outbox.push(...this.message(worker, workOrder(ticket, property.policy, assignment), ticket.id, now));
    return plan;
  }

  private reach(s: Reachable) {
    return s.contacts.find((c) => this.accountOf(c.channel) !== undefined);
  }

  private message(s: Reachable, payload: Reply, ticketId: string, now: Date): OutboxRecord[] {
    const c = this.reach(s);
    if (!c) return [];
    return [{ id: randomUUID(), channel: c.channel, account: this.accountOf(c.channel)!, recipient: c.externalId, payload, status: "pending", inboundId: null, ticketId, createdAt: now }];
  }
}

/** 派工单: what the technician needs to go, with accept / refuse. */
export function workOrder(t: NewTicket, policy: Policy, a: AssignmentRecord): Reply {
  const when = t.appointment && !t.appointment.asap ? formatWhen(new Date(t.appointment.at), policy.timezone, "zh") : "尽快";
  const lines = [
    `【派工单】${t.number}${t.urgency !== "一般" ? `（${t.urgency}）` : ""}`,
    `位置：${t.place ? placeLabel(t.place) : "—"}`,
    `内容：${t.description}`,
    `预约：${when}`,
    `类别：${t.category ? CATEGORIES[t.category].zh : "—"} · ${t.nature}`,
    `业主电话：${t.phone ? maskPhone(t.phone) : "—"}（接单后可见完整号码）`,
    ...(t.attachments.length ? [`附件：${t.attachments.length} 个`] : []),
    `请在 ${formatWhen(a.respondBy, policy.timezone, "zh")} 前接单。`,
  ];
  return { text: lines.join("\n"), choices: [{ label: "接单", value: `wo:accept:${a.id}` }, { label: "拒单", value: `wo:refuse:${a.id}` }] };
}
