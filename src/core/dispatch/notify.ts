import { orderedId } from "../ids.js";
import type { ChannelName } from "../ticket/domain.js";
import type { Reply } from "../conversation/types.js";
import type { OutboxRecord } from "../ports.js";
import type { Policy } from "../policy/policy.js";
import { nextOfficeStart, waitsForTheOffice } from "../policy/calendar.js";

/** A resident's chat identity as tickets store it ("channel:user"): they see and answer only their own. */
export const residentKey = (msg: { channel: ChannelName; userId: string }) => `${msg.channel}:${msg.userId}`;

/** The account each channel sends from ("" when one); undefined when the channel is not running. */
export type AccountOf = (channel: ChannelName) => string | undefined;

/** A staff member's first chat account that a running channel can reach. */
export function reachOf(s: { contacts: readonly { channel: ChannelName; externalId: string }[] }, accountOf: AccountOf) {
  return s.contacts.find((c) => accountOf(c.channel) !== undefined);
}

/** An outbox row to a staff member (none when no running channel reaches them). */
export function toStaff(
  s: { contacts: readonly { channel: ChannelName; externalId: string }[] },
  payload: Reply,
  ticketId: string | null,
  now: Date,
  accountOf: AccountOf,
): OutboxRecord[] {
  const c = reachOf(s, accountOf);
  if (!c) return [];
  return [
    {
      id: orderedId(),
      channel: c.channel,
      account: accountOf(c.channel)!,
      recipient: c.externalId,
      payload,
      status: "pending",
      inboundId: null,
      ticketId,
      createdAt: now,
    },
  ];
}

/**
 * Quiet hours: messages to staff about a non-urgent ticket, written while the office is closed, are
 * held until it opens (the outbox job releases them then); at any other time they go as they are.
 */
export function quietly<T extends { status: OutboxRecord["status"] }>(rows: T[], t: { urgency: string }, policy: Policy, now: Date): T[] {
  if (!waitsForTheOffice(t, policy, now)) return rows;
  const notBefore = nextOfficeStart(now, policy);
  return rows.map((r) => (r.status === "pending" ? { ...r, status: "held" as const, notBefore } : r));
}

/**
 * An outbox row to the resident who filed a ticket (residentId is "channel:user"). Web chat cannot
 * be pushed to: the row is stored as sent and the page shows it with the conversation.
 */
export function toResident(residentId: string | null, payload: Reply, ticketId: string | null, now: Date, accountOf: AccountOf): OutboxRecord | undefined {
  const [channel, ...rest] = (residentId ?? "").split(":");
  const recipient = rest.join(":");
  if (!channel || !recipient) return undefined;
  const account = accountOf(channel as ChannelName);
  return {
    id: orderedId(),
    channel: channel as ChannelName,
    account: account ?? "",
    recipient,
    payload,
    status: account === undefined ? "sent" : "pending",
    inboundId: null,
    ticketId,
    createdAt: now,
  };
}
