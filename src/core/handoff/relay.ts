import { fill } from "../conversation/text.js";
import { toStaff, type AccountOf } from "../dispatch/notify.js";
import type { Workforce } from "../dispatch/records.js";
import type { EventRecord, OutboxRecord, StoredResident } from "../ports.js";
import type { Translate } from "../staff/staff-turn.js";
import type { Attachment } from "../ticket/domain.js";
import { isOpen, rating, type HandoffChange, type HandoffReads, type HandoffTexts } from "./handoff.js";
import { residentLine } from "./who.js";

/** What the resident's message does while a handoff is open (undefined: the bot answers as usual). */
export interface RelayTurn {
  replies: { text: string }[];
  outbox: OutboxRecord[];
  events: Omit<EventRecord, "id" | "actor" | "channel" | "at">[];
  handoffs: HandoffChange[];
  /** the session's pointer afterwards (undefined: dropped, the bot has the conversation again) */
  pointer?: { id: string; acked?: boolean };
  /** the bot answers too (very urgent words: the safety advice always goes out) */
  botToo?: boolean;
}

export interface RelayDeps {
  reads: HandoffReads;
  workforce: Workforce;
  accountOf: AccountOf;
  texts: HandoffTexts;
  /** very urgent words: the bot's safety advice goes out even while a person has the conversation */
  urgent(text: string): boolean;
  /** the bot's own commands that still work (菜单) */
  passes(text: string): boolean;
  /** the console's page of a conversation (its photos and voice notes are opened there) */
  consoleLink(handoffId: string): string;
  /** nobody is at the office now (quiet hours on the working calendar) */
  officeClosed(propertyId: string, now: Date): boolean;
}

/**
 * The resident's side of 转人工: while a steward has the conversation, what the resident writes goes to that steward
 * (the bot stays quiet); while nobody has taken it yet, it is kept for whoever will (they see it on 接入); 结束 ends it.
 */
export class HandoffRelay {
  constructor(private readonly deps: RelayDeps) {}

  async turn(
    pointer: { id: string; acked?: boolean },
    msg: { text: string; attachments: readonly Attachment[]; reporting: boolean },
    resident: { key: string; stored: Pick<StoredResident, "displayName" | "place" | "phone"> | undefined },
    now: Date,
    t: Translate,
  ): Promise<RelayTurn | undefined> {
    const w = this.deps.texts;
    const h = await this.deps.reads.byId(pointer.id);
    const text = msg.text.trim();
    // ended by the steward, not yet rated: a typed rating (WeChat has no buttons) rates it
    const answer = h?.status === "ended" && !h.rating && h.endedBy?.startsWith("staff:") ? ratingOf(w.ratings, text) : undefined;
    if (h && answer) return { replies: [{ text: t(w.rated) }], outbox: [], ...rating(h, answer), pointer: undefined };
    // ended meanwhile (the steward said 结束): the bot has it again, and this message is the bot's
    if (!h || !isOpen(h)) return { replies: [], outbox: [], events: [], handoffs: [], pointer: undefined, botToo: true };
    if (this.deps.passes(text)) return undefined;
    const steward = h.stewardId ? (await this.deps.workforce.staffOf(h.propertyId)).find((s) => s.id === h.stewardId) : undefined;
    const toSteward = (said: string, files: readonly Attachment[] = []): OutboxRecord[] => {
      if (!steward) return [];
      const rows = toStaff(steward, { text: said }, null, now, this.deps.accountOf);
      // on the resident's own channel the files themselves go too (the same bot or account knows their ids)
      const own = resident.key.split(":")[0];
      return rows.map((r) => (files.length && r.channel === own && own === "telegram" ? { ...r, payload: { ...r.payload, attachments: [...files] } } : r));
    };
    const lang = steward?.lang ?? "zh";
    if (w.end.includes(text.toLowerCase())) {
      return {
        replies: [{ text: t(w.youEnded) }],
        outbox: toSteward(fill(w.residentEnded[lang], { n: h.seq })),
        events: [{ propertyId: h.propertyId, ticketId: null, type: "human.ended", data: { handoff: h.seq, by: "resident" } }],
        handoffs: [{ kind: "end", id: h.id, by: "resident", at: now }],
        pointer: undefined,
      };
    }
    const botToo = this.deps.urgent(text);
    if (h.status === "waiting") {
      // in the middle of a report the bot goes on with it meanwhile (the steward sees it all on 接入); with the office
      // closed the bot takes what is said as it would (a question becomes a consultation with its deadline on the
      // working calendar, a repair a report), so nothing waits unrecorded for the morning
      if (msg.reporting || this.deps.officeClosed(h.propertyId, now)) return undefined;
      // otherwise it is kept for whoever takes it; the resident hears once that it is
      return {
        replies: pointer.acked || botToo ? [] : [{ text: t(w.waiting) }],
        outbox: [],
        events: [],
        handoffs: [],
        pointer: { id: h.id, acked: true },
        botToo,
      };
    }
    // photos and voice notes: kept with the conversation (an event each), opened from its console page
    const files = msg.attachments.length ? fill(w.attachments[lang], { k: msg.attachments.length, link: this.deps.consoleLink(h.id) }) : "";
    const said = fill(w.relayToSteward[lang], { n: h.seq, who: residentLine(w, resident.key, resident.stored, lang), text: `${text}${files}` });
    const events = msg.attachments.map((a) => ({
      propertyId: h.propertyId,
      ticketId: null,
      type: "human.file",
      data: { handoff: h.seq, handoffId: h.id, kind: a.kind, ref: a.ref },
    }));
    return { replies: [], outbox: toSteward(said, msg.attachments), events, handoffs: [], pointer: { id: h.id, acked: true }, botToo };
  }
}

/** 满意 / 基本满意 / 不满意, or its number as the list showed it */
function ratingOf(ratings: readonly string[], text: string): string | undefined {
  const n = /^[1-9]$/.test(text) ? ratings[Number(text) - 1] : undefined;
  return n ?? ratings.find((r) => r === text);
}
