import type { Attachment, ChannelName, Lang, Place, Text, TicketStatus } from "./ticket/domain.js";
import type { ConversationState } from "./conversation/engine.js";
import type { NewTicket, Reply, TicketReader } from "./conversation/types.js";
import type { Policy } from "./policy/policy.js";
import type { AssignmentRecord } from "./dispatch/records.js";
import type { CallbackAnswer, CallbackRecord } from "./callbacks/callbacks.js";
import type { TicketPatch } from "./patches.js";
import type { HandoffChange } from "./handoff/handoff.js";

/** One message as a channel hands it in (channel-neutral). */
export interface InboundMessage {
  channel: ChannelName;
  /** the bot / account that received it ("" when the channel has one) */
  account?: string;
  /** stable id of the sender on that channel */
  userId: string;
  /** the channel's own message id, for dedupe of redeliveries */
  messageId?: string;
  text?: string;
  /** value of a pressed choice */
  choice?: string;
  /** the label of the pressed choice, as the resident saw it (kept, so the chat history shows what they pressed) */
  choiceLabel?: string;
  attachments?: Attachment[];
  displayName?: string;
  /** which property this channel account serves */
  propertyId?: string;
  /** where replies go when that is not the sender's own chat (a group) */
  chatId?: string;
  /** the text of the bot's message this one answers (a Telegram reply): 转人工 knows which conversation */
  replyTo?: string;
}

export interface PropertyInfo {
  id: string;
  name: string;
  policy: Policy;
}

/** The durable conversation of one chat user. */
export interface StoredSession {
  key: string;
  propertyId: string;
  channel: ChannelName;
  userId: string;
  conversation: ConversationState;
  updatedAt: Date;
  expiresAt: Date;
}

export interface StoredResident {
  id: string;
  propertyId: string;
  place?: Place;
  phone?: string;
  displayName?: string;
  lang: Lang;
}

export interface EventRecord {
  id: string;
  propertyId: string;
  ticketId: string | null;
  type: string;
  actor: string;
  /** where it was done: a chat channel, or the office's console */
  channel: ChannelName | "console" | null;
  data: Record<string, unknown> | null;
  at: Date;
}

export interface OutboxRecord {
  id: string;
  channel: ChannelName;
  account: string;
  recipient: string;
  payload: Reply;
  /**
   * "sent" for channels that deliver in the reply itself (web chat); "held" until `notBefore` (quiet hours:
   * a non-urgent message to staff written at night waits for the office; the outbox job releases it)
   */
  status: "pending" | "sent" | "held";
  notBefore?: Date;
  inboundId: string | null;
  ticketId: string | null;
  createdAt: Date;
}

/** One status change of a ticket, from the state machine. */
export interface TicketMove {
  ticketId: string;
  from: readonly TicketStatus[];
  to: TicketStatus;
  /** the step's timestamp column (arrivedAt, completedAt …) */
  stamp?: string;
  at: Date;
  /** what else the step sets (callbackDueAt, feeCharged …) */
  set?: TicketPatch;
}

/** Everything one message changes, written in one transaction (or not at all). */
export interface WriteSet {
  inbound: { id: string; channel: ChannelName; account: string; externalId: string; userId: string; text: string | null; receivedAt: Date };
  session: { put: StoredSession } | { remove: string };
  resident?: StoredResident & { channel: ChannelName; externalId: string };
  /** residentId null: filed by staff for a resident who is not on chat (代报) */
  tickets: (NewTicket & { propertyId: string; channel: ChannelName; residentId: string | null })[];
  cancellations: { ticketId: string; residentId: string; at: Date }[];
  /** an emergency's place or phone, given after it was filed */
  amendments?: { ticketId: string; place?: Place; phone?: string; at: Date }[];
  events: EventRecord[];
  outbox: OutboxRecord[];
  /** work orders offered (dispatch at filing) */
  assignments?: AssignmentRecord[];
  /** a worker's answer to an offer: written only while the offer is still open */
  offerAnswer?: { assignmentId: string; status: "accepted" | "refused"; reason?: string; at: Date };
  /** status changes, each written only if the ticket is still in a status it may leave that way (else all rolls back) */
  moves?: TicketMove[];
  /** 转单: the accepted assignment handed over (only while it is still accepted, else all rolls back) */
  handOver?: { ticketId: string; staffId: string; reason: string; at: Date };
  /** callback tasks created (a report completed) */
  callbacks?: CallbackRecord[];
  /** a callback's result, a resident's rating or a comment: written only while it still may be (else all rolls back) */
  callbackAnswer?: CallbackAnswer & { at: Date };
  /** 转人工: a handoff opened, taken, ended, rated (each change only while its row still allows it, else all rolls back) */
  handoffs?: HandoffChange[];
  /** a staff member's chat account bound with a one-time code */
  binding?: { code: string; staffId: string; channel: ChannelName; externalId: string; at: Date };
}

/** What one chat's turn reads and writes: its session and resident, and everything the message changes. */
export interface ChatTurnStore {
  loadSession(key: string): Promise<StoredSession | undefined>;
  loadResident(key: string): Promise<StoredResident | undefined>;
  commit(ws: WriteSet): Promise<void>;
}

/** What the intake service needs from storage. */
export interface ConversationStore extends TicketReader, ChatTurnStore {
  /** replies already given to this inbound message (a redelivery), if any */
  repliesTo(channel: ChannelName, account: string, externalId: string): Promise<Reply[] | undefined>;
  /**
   * Other instances handle this store's chats too (several instances on one database): a chat's turn must then
   * run inside `exclusive` — its session read and its changes written under one lock, so a chat's messages are
   * handled one at a time whichever instances they reach — and nothing read may be kept between messages.
   * Absent where one process is the only writer (the embedded SQLite file).
   */
  exclusive?<T>(key: string, work: (turn: ChatTurnStore) => Promise<T>): Promise<T>;
}

/** A chat's recent messages both ways, for a page that reloads (web chat). */
export interface ChatHistory {
  /** the user's last messages (oldest first) and the replies sent to them, each with what it answered */
  recent(
    channel: ChannelName,
    userId: string,
  ): Promise<{
    inbound: { id: string; text: string | null; receivedAt: Date }[];
    outbound: { id: string; inboundId: string | null; payload: Reply; createdAt: Date }[];
  }>;
}

/** What a steward is told of a message that could not be confirmed delivered (conversations/outbox-texts.ts). */
export interface DeadLetterTexts {
  /** every such alert starts with it (an alert about an alert is never sent) */
  mark: Text;
  /** {mark} {about} {reason} {text} */
  message: Text;
  aboutTicket: Text;
  ownerPhone: Text;
  aboutUser: Text;
  /** the reason when a crash interrupted the send */
  interrupted: Text;
}
