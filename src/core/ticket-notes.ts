import { randomUUID } from "node:crypto";
import type { Attachment, ChannelName } from "./domain.js";
import type { Reachable, Workforce } from "./dispatch/dispatcher.js";
import { quietly, toStaff, type AccountOf } from "./notify.js";
import type { Policy } from "./policy.js";
import type { EventRecord, OutboxRecord } from "./ports.js";
import type { Text } from "./domain.js";
import { fill } from "./text.js";

/**
 * A resident's message added to an open report as a note (they said it repeats it): stored as the
 * ticket's `ticket.note` event with its attachments, and the person holding the report is told, in
 * the transaction of the message. Nothing is dropped.
 */
export class TicketNotes {
  constructor(
    private readonly deps: {
      workforce: Workforce;
      accountOf: AccountOf;
      policyOf(propertyId: string): Policy;
      ticket(id: string): Promise<{ id: string; propertyId: string; assigneeId: string | null; urgency: string } | undefined>;
      text: Text;
    },
  ) {}

  async plan(note: { ticketId: string; number: string; text: string; attachments: Attachment[] }, actor: { id: string; channel: ChannelName }, now: Date): Promise<{ events: EventRecord[]; outbox: OutboxRecord[] }> {
    const tk = await this.deps.ticket(note.ticketId);
    if (!tk) return { events: [], outbox: [] };
    const event: EventRecord = {
      id: randomUUID(),
      propertyId: tk.propertyId,
      ticketId: tk.id,
      type: "ticket.note",
      actor: actor.id,
      channel: actor.channel,
      data: { text: note.text, attachments: note.attachments, by: "resident" },
      at: now,
    };
    const staff = tk.assigneeId ? (await this.deps.workforce.staffOf(tk.propertyId)).find((s) => s.id === tk.assigneeId) : undefined;
    const attached = note.attachments.length ? `（附件 ${note.attachments.length} 个）` : "";
    const text = fill(this.deps.text.zh, { number: note.number, text: note.text.slice(0, 200), attached });
    // added at night: the holder reads it when the office opens
    const rows = staff ? toStaff(staff as Reachable, { text }, tk.id, now, this.deps.accountOf) : [];
    return { events: [event], outbox: quietly(rows, tk, this.deps.policyOf(tk.propertyId), now) };
  }
}
