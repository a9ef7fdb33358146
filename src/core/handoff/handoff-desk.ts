import { fill } from "../conversation/text.js";
import type { Reply } from "../conversation/types.js";
import { toResident, toStaff, type AccountOf } from "../dispatch/notify.js";
import type { Reachable, Workforce } from "../dispatch/records.js";
import type { Desk } from "../intake/desks.js";
import type { ChatHistory, InboundMessage, OutboxRecord, StoredResident } from "../ports.js";
import type { BoundStaff, StaffTurn, Translate } from "../staff/staff-turn.js";
import { turnRows } from "../staff/staff-turn.js";
import type { Lang } from "../ticket/domain.js";
import { isOpen, type Handoff, type HandoffReads, type HandoffTexts } from "./handoff.js";
import { recentLines, residentLine } from "./who.js";

export interface HandoffDeskDeps {
  reads: HandoffReads;
  staffByIdentity(channel: InboundMessage["channel"], externalId: string): Promise<BoundStaff | undefined>;
  workforce: Workforce;
  residentOf(key: string): Promise<StoredResident | undefined>;
  history: ChatHistory;
  accountOf: AccountOf;
  texts: HandoffTexts;
}

/** the stewards (else the supervisors) of a property, reachable in chat */
export const answerers = (staff: readonly Reachable[]) => {
  const stewards = staff.filter((s) => s.roles.includes("steward"));
  return stewards.length ? stewards : staff.filter((s) => s.roles.includes("supervisor"));
};
const mayAnswer = (s: Reachable | undefined) => !!s && (s.roles.includes("steward") || s.roles.includes("supervisor"));

/**
 * The steward's side of 转人工: 接入 (the first press owns it, the others are told who), what they write relayed to
 * the resident on the resident's own channel (the latest conversation they hold, or 回复 <number> …), 结束; and the
 * resident's rating of the help afterwards (hrate:…).
 */
export class HandoffDesk implements Desk {
  readonly answers = ["ho", "hrate"];
  constructor(private readonly deps: HandoffDeskDeps) {}

  async handle(msg: InboundMessage, text: string, now: Date, t: Translate): Promise<StaffTurn | undefined> {
    if (msg.choice?.startsWith("hrate:")) return this.rate(`${msg.channel}:${msg.userId}`, msg.choice, t);
    const staff = await this.deps.staffByIdentity(msg.channel, msg.userId);
    if (!staff) return undefined;
    if (msg.choice?.startsWith("ho:take:")) return this.take(staff, msg.choice.slice(8), now, t);
    if (msg.choice || !text) return undefined;
    const w = this.deps.texts;
    const mine = await this.deps.reads.talkingWith(staff.id);
    const numbered = w.reply.exec(text);
    if (numbered) {
      const h = mine.find((x) => x.seq === Number(numbered[1]));
      if (!h) return { replies: [{ text: t(w.notYours, { n: numbered[1]! }) }] };
      return this.relay(staff, h, numbered[2]!.trim(), now);
    }
    const ending = w.end.find((x) => text === x || text.startsWith(`${x} `));
    if (ending) {
      const n = Number(text.slice(ending.length).replace(/[#\s]/g, "")) || undefined;
      const h = n ? mine.find((x) => x.seq === n) : mine.at(-1);
      if (!h) return mine.length || n ? { replies: [{ text: t(w.notYours, { n: n ?? "" }) }] } : { replies: [{ text: t(w.nothingOpen) }] };
      return this.end(staff, h, now, t);
    }
    // a reply to a relayed message ("【#3 …】") answers that conversation; otherwise the latest they took
    const replied = msg.replyTo ? /^[【[](?:转人工 |Person wanted )?#(\d{1,6})[\s】\]]/.exec(msg.replyTo) : null;
    const h = replied ? mine.find((x) => x.seq === Number(replied[1])) : mine.at(-1);
    if (replied && !h) return { replies: [{ text: t(w.notYours, { n: replied[1]! }) }] };
    return h ? this.relay(staff, h, text, now) : undefined;
  }

  private async take(staff: BoundStaff, id: string, now: Date, t: Translate): Promise<StaffTurn> {
    const w = this.deps.texts;
    const h = await this.deps.reads.byId(id);
    const team = h ? await this.deps.workforce.staffOf(h.propertyId) : [];
    const me = team.find((s) => s.id === staff.id);
    // another property's conversation is nobody's business here
    if (!h || !mayAnswer(me)) return { replies: [{ text: t(w.nothingOpen) }] };
    if (h.status === "talking") return { replies: [{ text: t(w.alreadyTaken, { n: h.seq, name: h.stewardName ?? "" }) }] };
    if (h.status === "ended") return { replies: [{ text: t(w.alreadyEnded, { n: h.seq }) }] };
    const resident = await this.deps.residentOf(h.residentKey);
    const [channel, ...rest] = h.residentKey.split(":");
    const { inbound } = await this.deps.history.recent(channel as InboundMessage["channel"], rest.join(":"));
    const said = inbound.filter((m) => m.receivedAt >= h.requestedAt || inbound.indexOf(m) >= inbound.length - 3).map((m) => m.text ?? "");
    const lang = (s: Reachable) => s.lang ?? "zh";
    const others = answerers(team).filter((s) => s.id !== staff.id);
    const outbox: OutboxRecord[] = [
      ...others.flatMap((s) => toStaff(s, { text: fill(w.takenByOther[lang(s)], { n: h.seq, name: staff.name }) }, null, now, this.deps.accountOf)),
      ...this.toResident(h, { text: fill(w.greeting[resident?.lang ?? "zh"], { name: staff.name }) }, now),
    ];
    return {
      replies: [
        { text: t(w.taken, { n: h.seq, who: residentLine(w, h.residentKey, resident, me!.lang ?? "zh"), recent: recentLines(w, said, me!.lang ?? "zh") }) },
      ],
      handoffs: [{ kind: "take", id: h.id, stewardId: staff.id, stewardName: staff.name, at: now }],
      outbox: turnRows(outbox),
      events: [
        {
          type: "human.taken",
          ticketId: null,
          propertyId: h.propertyId,
          data: { handoff: h.seq, stewardId: staff.id, waitedMs: now.getTime() - h.requestedAt.getTime() },
        },
      ],
    };
  }

  /** what the steward wrote, to the resident on the resident's channel (through the outbox, its order and limits) */
  private async relay(staff: BoundStaff, h: Handoff, text: string, now: Date): Promise<StaffTurn> {
    const resident = await this.deps.residentOf(h.residentKey);
    const said = fill(this.deps.texts.fromSteward[resident?.lang ?? "zh"], { name: staff.name, text });
    return { replies: [], outbox: turnRows(this.toResident(h, { text: said }, now)) };
  }

  private async end(staff: BoundStaff, h: Handoff, now: Date, t: Translate): Promise<StaffTurn> {
    const w = this.deps.texts;
    const resident = await this.deps.residentOf(h.residentKey);
    const lang: Lang = resident?.lang ?? "zh";
    const ask: Reply = {
      text: fill(w.endedToResident[lang], { name: staff.name }),
      choices: w.ratings.map((label, i) => ({ label, value: `hrate:${h.id}:${i}` })),
    };
    return {
      replies: [{ text: t(w.endedToSteward, { n: h.seq }) }],
      handoffs: [{ kind: "end", id: h.id, by: `staff:${staff.id}`, at: now }],
      outbox: turnRows(this.toResident(h, ask, now)),
      events: [{ type: "human.ended", ticketId: null, propertyId: h.propertyId, data: { handoff: h.seq, by: "steward", stewardId: staff.id } }],
    };
  }

  private async rate(residentKey: string, choice: string, t: Translate): Promise<StaffTurn> {
    const [, id, i] = choice.split(":");
    const w = this.deps.texts;
    const h = id ? await this.deps.reads.byId(id) : undefined;
    const rating = w.ratings[Number(i)];
    // a second press, or someone else's button, changes nothing
    if (!h || h.residentKey !== residentKey || isOpen(h) || h.rating || !rating) return { replies: [{ text: t(w.rated) }] };
    return {
      replies: [{ text: t(w.rated) }],
      handoffs: [{ kind: "rate", id: h.id, rating }],
      events: [{ type: "human.rated", ticketId: null, propertyId: h.propertyId, data: { handoff: h.seq, rating, stewardId: h.stewardId } }],
    };
  }

  private toResident(h: Handoff, payload: Reply, now: Date): OutboxRecord[] {
    const row = toResident(h.residentKey, payload, null, now, this.deps.accountOf);
    return row ? [row] : [];
  }
}
