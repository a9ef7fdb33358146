import { orderedId } from "../ids.js";
import { placeLabel, type Attachment, type ChannelName, type Lang, type Place } from "./domain.js";
import { onDuty } from "../dispatch/roster.js";
import type { Reachable, Workforce } from "../dispatch/records.js";
import { quietly, toStaff, type AccountOf } from "../dispatch/notify.js";
import type { Policy } from "../policy/policy.js";
import type { EventRecord, OutboxRecord } from "../ports.js";
import type { Text } from "./domain.js";
import { fill } from "../conversation/text.js";

/**
 * A resident's message added to an open report as a note (they said it repeats it): stored as the
 * ticket's `ticket.note` event with its attachments, and the person holding the report is told, in
 * the transaction of the message. Nothing is dropped.
 */
/** What a ticket's holder is told when a resident adds to it. */
export interface NoteTexts {
  /** a repeat added as a note: {number} {text} {attached} */
  note: Text;
  attached: Text;
  /** an emergency's details as they come: {number} {what} */
  amended: Text;
  place: Text;
  phone: Text;
  words: Text;
  attachments: Text;
  separator: Text;
}

export class TicketNotes {
  constructor(
    private readonly deps: {
      workforce: Workforce;
      accountOf: AccountOf;
      policyOf(propertyId: string): Policy;
      ticket(id: string): Promise<{ id: string; propertyId: string; assigneeId: string | null; urgency: string; place: string | null } | undefined>;
      /** what the holder is told (conversations/ticket-note-texts.ts) */
      texts: NoteTexts;
    },
  ) {}

  async plan(
    note: { ticketId: string; number: string; text: string; attachments: Attachment[] },
    actor: { id: string; channel: ChannelName },
    now: Date,
  ): Promise<{ events: EventRecord[]; outbox: OutboxRecord[] }> {
    const tk = await this.deps.ticket(note.ticketId);
    if (!tk) return { events: [], outbox: [] };
    const event: EventRecord = {
      id: orderedId(),
      propertyId: tk.propertyId,
      ticketId: tk.id,
      type: "ticket.note",
      actor: actor.id,
      channel: actor.channel,
      data: { text: note.text, attachments: note.attachments, by: "resident" },
      at: now,
    };
    const staff = tk.assigneeId ? (await this.deps.workforce.staffOf(tk.propertyId)).find((s) => s.id === tk.assigneeId) : undefined;
    const w = this.deps.texts;
    const lang = staff?.lang ?? "zh";
    const attached = note.attachments.length ? fill(w.attached[lang], { n: note.attachments.length }) : "";
    const text = fill(w.note[lang], { number: note.number, text: note.text.slice(0, 200), attached });
    // added at night: the holder reads it when the office opens
    const rows = staff ? toStaff(staff as Reachable, { text }, tk.id, now, this.deps.accountOf) : [];
    return { events: [event], outbox: quietly(rows, tk, this.deps.policyOf(tk.propertyId), now) };
  }

  /**
   * An emergency's place, phone or more words, given after it was filed: recorded (`ticket.amended`) and sent at
   * once to whoever holds it, and to the supervisors and on-duty stewards alerted when it came without a place.
   */
  async planAmend(
    change: { ticketId: string; number: string; place?: Place; phone?: string; note?: string; attachments: Attachment[]; alerted?: boolean },
    actor: { id: string; channel: ChannelName },
    now: Date,
  ): Promise<{ events: EventRecord[]; outbox: OutboxRecord[] }> {
    const tk = await this.deps.ticket(change.ticketId);
    if (!tk) return { events: [], outbox: [] };
    const policy = this.deps.policyOf(tk.propertyId);
    const staff = await this.deps.workforce.staffOf(tk.propertyId);
    const alerted = change.alerted
      ? staff.filter((s) => s.roles.includes("supervisor") || (s.roles.includes("steward") && onDuty(s.roster, now, policy.timezone)))
      : [];
    const to = [...new Map([...staff.filter((s) => s.id === tk.assigneeId), ...alerted].map((s) => [s.id, s])).values()];
    const w = this.deps.texts;
    // each reads it in their own language
    const textFor = (lang: Lang) =>
      fill(w.amended[lang], {
        number: change.number,
        what: [
          change.place ? fill(w.place[lang], { place: placeLabel(change.place) }) : "",
          change.phone ? fill(w.phone[lang], { phone: change.phone.replace(/^\+86/, "") }) : "",
          change.note ? fill(w.words[lang], { text: change.note.slice(0, 200) }) : "",
          change.attachments.length ? fill(w.attachments[lang], { n: change.attachments.length }) : "",
        ]
          .filter(Boolean)
          .join(w.separator[lang]),
      });
    const event: EventRecord = {
      id: orderedId(),
      propertyId: tk.propertyId,
      ticketId: tk.id,
      type: "ticket.amended",
      actor: actor.id,
      channel: actor.channel,
      // (the phone itself is on the ticket; events are logged)
      data: {
        ...(change.place ? { place: placeLabel(change.place) } : {}),
        ...(change.phone ? { phone: "given" } : {}),
        ...(change.note ? { text: change.note } : {}),
        attachments: change.attachments,
      },
      at: now,
    };
    return { events: [event], outbox: to.flatMap((s) => toStaff(s as Reachable, { text: textFor(s.lang ?? "zh") }, tk.id, now, this.deps.accountOf)) };
  }
}
