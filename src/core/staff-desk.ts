import type { ChannelName, Text } from "./domain.js";
import { STATUS_TEXT } from "./domain.js";
import type { Reply, TicketSummary } from "./flow/types.js";
import type { InboundMessage } from "./ports.js";

export interface BoundStaff {
  id: string;
  name: string;
  propertyId: string;
}

/** What the staff desk reads. */
export interface StaffStore {
  staffByIdentity(channel: ChannelName, externalId: string): Promise<BoundStaff | undefined>;
  bindCode(code: string): Promise<{ staffId: string; staffName: string; propertyId: string; expiresAt: Date; usedAt: Date | null } | undefined>;
  openOrdersOf(staffId: string): Promise<TicketSummary[]>;
}

/** The words staff use (kept in conversations/staff.ts). */
export interface StaffWords {
  bind: RegExp;
  myOrders: RegExp;
  /** every staff command; unbound users who type one are told it is for staff */
  commands: RegExp;
  texts: {
    bound: Text;
    badCode: Text;
    alreadyBound: Text;
    staffOnly: Text;
    noOrders: Text;
    orders: Text;
    notYet: Text;
  };
}

export interface StaffTurn {
  replies: Reply[];
  binding?: { code: string; staffId: string; propertyId: string; channel: ChannelName; externalId: string };
}

/**
 * Staff matters come before any resident flow: binding a chat account with a one-time code,
 * and staff commands, which only a bound account ever reaches.
 */
export class StaffDesk {
  constructor(
    private readonly store: StaffStore,
    private readonly words: StaffWords,
  ) {}

  /** undefined when the message is not a staff matter (the resident flows take it) */
  async handle(msg: InboundMessage, text: string, now: Date, t: (x: Text, v?: Record<string, string | number>) => string): Promise<StaffTurn | undefined> {
    const w = this.words;
    const bind = w.bind.exec(text);
    if (bind) {
      const code = bind[1]!.toUpperCase();
      const found = await this.store.bindCode(code);
      if (!found || found.usedAt || found.expiresAt <= now) return { replies: [{ text: t(w.texts.badCode) }] };
      const already = await this.store.staffByIdentity(msg.channel, msg.userId);
      if (already && already.id === found.staffId) return { replies: [{ text: t(w.texts.alreadyBound, { name: already.name }) }] };
      return {
        replies: [{ text: t(w.texts.bound, { name: found.staffName }) }],
        binding: { code, staffId: found.staffId, propertyId: found.propertyId, channel: msg.channel, externalId: msg.userId },
      };
    }
    if (!w.commands.test(text)) return undefined;
    const staff = await this.store.staffByIdentity(msg.channel, msg.userId);
    if (!staff) return { replies: [{ text: t(w.texts.staffOnly) }] };
    if (w.myOrders.test(text)) {
      const orders = await this.store.openOrdersOf(staff.id);
      if (!orders.length) return { replies: [{ text: t(w.texts.noOrders, { name: staff.name }) }] };
      const lines = orders.map((o, i) => `${i + 1}. ${o.number} ${o.place ?? ""} ${o.description.slice(0, 20)} · ${t(STATUS_TEXT[o.status])}`);
      return { replies: [{ text: `${t(w.texts.orders, { n: orders.length })}\n${lines.join("\n")}` }] };
    }
    return { replies: [{ text: t(w.texts.notYet) }] };
  }
}
