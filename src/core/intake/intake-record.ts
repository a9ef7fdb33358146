import { orderedId } from "../ids.js";
import type { ConversationState } from "../conversation/engine.js";
import type { Effect, Reply } from "../conversation/types.js";
import type { EventRecord, InboundMessage, PropertyInfo, StoredResident, WriteSet } from "../ports.js";

/**
 * What one message writes, in one transaction: the inbound row (its dedupe key), the session, the
 * tickets and cancellations its flow asked for, the resident's memory, the audit events and the replies.
 */

/** An audit event caused by a chat message, by whoever sent it. */
export function chatEvent(property: PropertyInfo, msg: InboundMessage, now: Date, type: string, ticketId: string | null): EventRecord {
  return { id: orderedId(), propertyId: property.id, ticketId, type, actor: `${msg.channel}:${msg.userId}`, channel: msg.channel, data: null, at: now };
}

export function writeSetOf(
  turn: {
    key: string;
    msg: InboundMessage;
    property: PropertyInfo;
    now: Date;
    conversation: ConversationState | null;
    effects: Effect[];
    replies: Reply[];
    resident: StoredResident | undefined;
    onBehalf: ConversationState["onBehalf"];
  },
  opts: { maxText: number; inline: boolean },
): WriteSet {
  const { key, msg, property, now, conversation, effects, replies, resident, onBehalf } = turn;
  // (ordered ids: a chat reads back in arrival order, whatever the database)
  const inboundId = orderedId();
  const event = (type: string, ticketId: string | null, data: Record<string, unknown> | null): EventRecord => ({
    ...chatEvent(property, msg, now, type, ticketId),
    data,
  });
  const ws: WriteSet = {
    inbound: {
      id: inboundId,
      channel: msg.channel,
      account: msg.account ?? "",
      externalId: msg.messageId ?? inboundId,
      userId: msg.userId,
      text: msg.text ? msg.text.slice(0, opts.maxText) : msg.choice && msg.choiceLabel ? msg.choiceLabel.slice(0, 200) : null,
      receivedAt: now,
    },
    session: keepSession(conversation)
      ? {
          put: {
            key,
            propertyId: property.id,
            channel: msg.channel,
            userId: msg.userId,
            conversation: conversation!,
            updatedAt: now,
            expiresAt: new Date(now.getTime() + property.policy.sessionTimeout.minutes * 60000),
          },
        }
      : { remove: key },
    tickets: [],
    cancellations: [],
    events: [],
    outbox: [],
  };
  let filedTicketId: string | null = null;
  for (const e of effects) {
    if (e.type === "fileTicket") {
      const tk = e.ticket;
      filedTicketId = tk.id;
      if (onBehalf) ws.tickets.push({ ...tk, propertyId: property.id, channel: "phone", residentId: null });
      else {
        ws.resident = residentRecord(ws.resident, resident, key, property, msg, conversation);
        ws.tickets.push({ ...tk, propertyId: property.id, channel: msg.channel, residentId: key });
      }
      ws.events.push(
        event(tk.status === "invalid" ? "ticket.invalid" : "ticket.received", tk.id, {
          number: tk.number,
          nature: tk.nature,
          category: tk.category,
          urgency: tk.urgency,
          ...(tk.invalidReason ? { invalidReason: tk.invalidReason } : {}),
          ...(onBehalf ? { onBehalfBy: onBehalf.name, staffId: onBehalf.staffId } : {}),
        }),
      );
    } else if (e.type === "rememberResident" && !onBehalf) {
      ws.resident = {
        ...residentRecord(ws.resident, resident, key, property, msg, conversation),
        ...(e.place ? { place: e.place } : {}),
        ...(e.phone ? { phone: e.phone } : {}),
      };
    } else if (e.type === "cancelTicket") {
      ws.cancellations.push({ ticketId: e.ticketId, residentId: key, at: now });
      ws.events.push(event("ticket.cancelled", e.ticketId, { number: e.number, by: "resident" }));
    } else if (e.type === "amendTicket") {
      ws.amendments = [
        ...(ws.amendments ?? []),
        { ticketId: e.ticketId, ...(e.place ? { place: e.place } : {}), ...(e.phone ? { phone: e.phone } : {}), at: now },
      ];
      if (e.phone && !onBehalf) ws.resident = { ...residentRecord(ws.resident, resident, key, property, msg, conversation), phone: e.phone };
    } else if (e.type === "requestHuman") {
      ws.events.push(event("session.human_requested", null, { user: key }));
    }
  }
  const inline = opts.inline;
  ws.outbox = replies.map((payload, i) => ({
    id: orderedId(),
    channel: msg.channel,
    account: msg.account ?? "",
    recipient: msg.chatId ?? msg.userId,
    payload,
    status: inline ? "sent" : "pending",
    inboundId,
    ticketId: filedTicketId,
    // keeps replies of one message in order when read back
    createdAt: new Date(now.getTime() + i),
  }));
  return ws;
}

/** A conversation with nothing pending is not kept (the table holds only live conversations). */
function keepSession(c: ConversationState | null): boolean {
  return !!c && (!!c.flow || !!c.needsHuman || !!c.handoff || !!c.lastChoices?.length || c.lang !== "zh" || !!c.script);
}

function residentRecord(
  current: WriteSet["resident"],
  stored: StoredResident | undefined,
  key: string,
  property: PropertyInfo,
  msg: InboundMessage,
  conversation: ConversationState | null,
): NonNullable<WriteSet["resident"]> {
  return (
    current ?? {
      ...(stored ?? {}),
      id: key,
      propertyId: stored?.propertyId ?? property.id,
      channel: msg.channel,
      externalId: msg.userId,
      lang: conversation?.lang ?? stored?.lang ?? "zh",
      ...(msg.displayName ? { displayName: msg.displayName } : {}),
    }
  );
}
