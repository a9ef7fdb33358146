import { can, type Principal } from "../access/access.js";
import { localize } from "../conversation/text.js";
import type { FormDef } from "../conversation/form.js";
import { readAll } from "../conversation/read-all.js";
import type { DispatchOutcome, FlowContext, NewTicket } from "../conversation/types.js";
import type { Dispatcher } from "../dispatch/dispatcher.js";
import { FieldRefusedError, ForbiddenError } from "../errors.js";
import { orderedId } from "../ids.js";
import type { Policy } from "../policy/policy.js";
import type { ConversationStore, OutboxRecord, WriteSet } from "../ports.js";
import { classifiedAs, type Classification } from "../ticket/classify.js";
import { draftTicket } from "../ticket/ticket.js";
import type { Appointment, Place, Text } from "../ticket/domain.js";

/** What the office types for a resident who phoned or walked in (前台登记). */
export interface FrontDeskEntry {
  propertyId: string;
  channel: "phone" | "walk-in";
  /** 房号 or the place (小区南门) */
  place: string;
  phone: string;
  description: string;
  /** 预约时间 as said (明天下午三点, 尽快); empty for reports without a visit */
  appointment?: string;
  reporterName?: string;
  /** the resident's own words, when they were pasted */
  said?: string;
}

/** The fields read from a resident's words, to fill the form (and why a part of them could not be taken). */
export interface FrontDeskDraft {
  place?: string;
  phone?: string;
  description?: string;
  appointment?: string;
  category?: Classification;
  errors: Record<string, string>;
}

const FIELDS: Record<keyof Pick<FrontDeskEntry, "place" | "phone" | "description" | "appointment">, string> = {
  place: "place",
  phone: "phone",
  description: "description",
  appointment: "appointment",
};

/**
 * 首问责任制, 先处理后补单: the front desk registers a phone call or a walk-in. The resident's words are read by the
 * report form's own slots, each field is refused for the same reasons as in chat, and the report is filed and
 * dispatched in one transaction as if it had come in by chat — recorded as registered by the staff member.
 */
export class FrontDesk {
  constructor(
    private readonly deps: {
      form: Pick<FormDef, "slots" | "extractOrder" | "derive">;
      store: ConversationStore;
      dispatcher: Dispatcher;
      property(id: string): { id: string; name: string; policy: Policy };
      offer(rows: readonly OutboxRecord[]): void;
      /** what the resident is told on filing (read out to them) */
      describe(t: NewTicket, outcome: DispatchOutcome | undefined, ctx: FlowContext): string;
      /** the slot's words shown for a value (a place, a time) */
      needsVisit(values: Readonly<Record<string, unknown>>): boolean;
      /** a field left empty */
      required: Record<string, Text>;
    },
  ) {}

  private context(who: Principal, propertyId: string, now: Date): FlowContext {
    const p = this.deps.property(propertyId);
    return {
      now,
      lang: "zh",
      policy: p.policy,
      property: { id: p.id, name: p.name },
      channel: "phone",
      userId: who.staffId ?? "admin",
      residentId: `console:${who.staffId ?? "admin"}`,
      resident: {},
      tickets: this.deps.store,
      t: localize("zh"),
    };
  }

  /** Reads a resident's words into the form's fields, as chat would. */
  read(who: Principal, propertyId: string, words: string, now: Date): FrontDeskDraft {
    this.allowed(who, propertyId);
    const ctx = this.context(who, propertyId, now);
    const r = readAll(this.deps.form, words, ctx);
    const slot = (name: string) => this.deps.form.slots.find((s) => s.name === name)!;
    const shown = (name: string) => (r.values[name] !== undefined ? slot(name).show(r.values[name], ctx) : undefined);
    const d: FrontDeskDraft = { errors: Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, ctx.t(v)])) };
    for (const k of ["place", "phone", "description", "appointment"] as const) {
      const v = shown(k);
      if (v) d[k] = k === "phone" ? String(r.values.phone).replace(/^\+86/, "") : v;
    }
    if (r.values.category) d.category = r.values.category as Classification;
    return d;
  }

  async register(who: Principal, e: FrontDeskEntry, now: Date): Promise<{ ticket: NewTicket; told: string; outcome: DispatchOutcome | undefined }> {
    this.allowed(who, e.propertyId);
    const ctx = this.context(who, e.propertyId, now);
    const value = (field: keyof typeof FIELDS, text: string | undefined): unknown => {
      const said = text?.trim();
      if (!said) throw new FieldRefusedError(field, ctx.t(this.deps.required[field]!));
      const r = readAll(this.deps.form, said, ctx, FIELDS[field]);
      if (r.errors[field]) throw new FieldRefusedError(field, ctx.t(r.errors[field]));
      if (r.values[field] === undefined) throw new FieldRefusedError(field, ctx.t(this.deps.form.slots.find((s) => s.name === field)!.refusal));
      return r.values[field];
    };
    const description = String(value("description", e.description));
    const place = value("place", e.place) as Place;
    const phone = String(value("phone", e.phone));
    const values: Record<string, unknown> = { description, place, phone };
    Object.assign(values, this.deps.form.derive?.(values, ctx));
    const c = values.category as Classification;
    const visit = this.deps.needsVisit(values);
    const appointment: Appointment | null = visit ? (value("appointment", e.appointment) as Appointment) : c.urgency === "非常紧急" ? { asap: true } : null;
    const ticket = await draftTicket(
      {
        status: "received",
        ...classifiedAs(c),
        place,
        phone,
        reporterName: e.reporterName?.trim() || null,
        description,
        said: e.said?.trim().slice(0, 2000) || null,
        appointment,
        invalidReason: null,
        attachments: [],
      },
      ctx,
    );
    const property = this.deps.property(e.propertyId);
    const plan = await this.deps.dispatcher.plan(ticket, property, now, { channel: e.channel });
    const told = this.deps.describe(ticket, plan.outcome, ctx);
    const by = { registeredBy: who.name, ...(who.staffId ? { staffId: who.staffId } : {}) };
    const id = orderedId();
    const ws: WriteSet = {
      // the registration is kept as what was heard, like a chat message
      inbound: {
        id,
        channel: e.channel,
        account: "console",
        externalId: id,
        userId: who.staffId ?? "admin",
        text: (e.said || description).slice(0, 1000),
        receivedAt: now,
      },
      session: { remove: `console:${who.staffId ?? "admin"}` },
      tickets: [{ ...ticket, propertyId: property.id, channel: e.channel, residentId: null }],
      cancellations: [],
      events: [
        {
          id: orderedId(),
          propertyId: property.id,
          ticketId: ticket.id,
          type: "ticket.received",
          actor: who.staffId ?? "admin",
          channel: e.channel,
          data: { number: ticket.number, nature: ticket.nature, category: ticket.category, urgency: ticket.urgency, ...by },
          at: now,
        },
        ...plan.events,
      ],
      outbox: [...plan.outbox],
      assignments: plan.assignments,
    };
    await this.deps.store.commit(ws);
    this.deps.offer(ws.outbox);
    return { ticket, told, outcome: plan.outcome };
  }

  private allowed(who: Principal, propertyId: string) {
    if (!can(who, "frontdesk")) throw new ForbiddenError("your role may not register reports (frontdesk)");
    if (!can(who, "frontdesk", propertyId)) throw new FieldRefusedError("propertyId", `no property ${propertyId.slice(0, 40)} of yours`);
  }
}
