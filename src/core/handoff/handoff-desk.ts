import type { Desk } from "../intake/desks.js";
import type { InboundMessage, StoredResident } from "../ports.js";
import { placeLabel } from "../ticket/domain.js";
import type { BoundStaff, StaffTurn, Translate } from "../staff/staff-turn.js";
import { turnRows } from "../staff/staff-turn.js";
import type { Lang } from "../ticket/domain.js";
import { isOpen, rating as rated, type HandoffReads, type HandoffTexts } from "./handoff.js";
import type { HandoffOffice, HandoffStep } from "./handoff-office.js";

export interface HandoffDeskDeps {
  reads: HandoffReads;
  office: HandoffOffice;
  staffByIdentity(channel: InboundMessage["channel"], externalId: string): Promise<(BoundStaff & { lang?: Lang }) | undefined>;
  texts: HandoffTexts;
  /** staff's 代报 (its pattern) and the report flow's trigger word */
  onBehalf: { pattern: RegExp; trigger: string };
  residentOf(key: string): Promise<StoredResident | undefined>;
}

/**
 * The steward's side of 转人工 in chat: 接入 (the first press owns it, the others are told who), what they write
 * relayed to the resident (a reply to a relayed message, 回复 <number> …, or the latest conversation they hold),
 * 结束; and the resident's rating of the help afterwards (hrate:…).
 */
export class HandoffDesk implements Desk {
  readonly answers = ["ho", "hrate"];
  /** while the steward's own 代报 is being taken, what they type answers its questions */
  readonly whileReporting = false;
  constructor(private readonly deps: HandoffDeskDeps) {}

  async handle(msg: InboundMessage, text: string, now: Date, t: Translate): Promise<StaffTurn | undefined> {
    if (msg.choice?.startsWith("hrate:")) return this.rate(`${msg.channel}:${msg.userId}`, msg.choice, t);
    const bound = await this.deps.staffByIdentity(msg.channel, msg.userId);
    if (!bound) return undefined;
    const as = { id: bound.id, name: bound.name, lang: bound.lang ?? "zh" };
    const { office, reads, texts: w } = this.deps;
    const turn = (step: HandoffStep): StaffTurn => ({
      replies: step.note.text.zh ? [{ text: t(step.note.text, step.note.vars) }] : [],
      handoffs: step.handoffs,
      outbox: turnRows(step.outbox),
      events: step.events,
    });
    if (msg.choice?.startsWith("ho:take:")) return turn(await office.take(as, await reads.byId(msg.choice.slice(8)), now));
    if (msg.choice || !text) return undefined;
    // typed 接入 (WeChat has no buttons): the one numbered, else whoever has waited longest
    const taking = w.takeWords.exec(text);
    if (taking) {
      const h = taking[1] ? await reads.bySeq(bound.propertyId, Number(taking[1])) : await reads.oldestWaiting(bound.propertyId);
      return h ? turn(await office.take(as, h, now)) : { replies: [{ text: t(w.nothingWaiting) }] };
    }
    const mine = await reads.talkingWith(as.id);
    const to = (n: string, said: string) => {
      const h = mine.find((x) => x.seq === Number(n));
      return h ? office.say(as, h, said, now).then(turn) : { replies: [{ text: t(w.notYours, { n }) }] };
    };
    const numbered = w.reply.exec(text);
    if (numbered) return to(numbered[1]!, numbered[2]!.trim());
    // 代报 while talking: the report is filed for this resident, with what they said, where and how to reach them
    const behalf = this.deps.onBehalf.pattern.exec(text);
    if (behalf && mine.length) {
      const h = mine.at(-1)!;
      const r = await this.deps.residentOf(h.residentKey);
      // what the resident said since asking (after the request itself)
      const since = await office.said(h, 0);
      const asked = since.findLastIndex((x) => w.requestWords.test(x.trim()));
      const said = since.slice(asked + 1).filter((x) => x && !w.end.includes(x));
      const known = [r?.place ? placeLabel(r.place) : "", r?.phone?.replace(/^\+86/, "") ?? "", ...said, behalf[1] ?? ""].filter(Boolean);
      return {
        replies: [],
        onBehalf: {
          staffId: as.id,
          name: as.name,
          text: `${this.deps.onBehalf.trigger} ${known.join(" ")}`.trim(),
          forResident: { key: h.residentKey, handoffId: h.id, seq: h.seq },
        },
      };
    }
    const ending = w.end.find((x) => text === x || text.startsWith(`${x} `));
    if (ending) {
      const n = Number(text.slice(ending.length).replace(/[#\s]/g, "")) || undefined;
      if (!mine.length && !n) return { replies: [{ text: t(w.nothingOpen) }] };
      return turn(await office.end(as, n ? mine.find((x) => x.seq === n) : mine.at(-1), now));
    }
    // a reply to a relayed message ("【#3 …】") answers that conversation; otherwise the latest they took
    const replied = msg.replyTo ? /^[【[](?:转人工 |Person wanted )?#(\d{1,6})[\s】\]]/.exec(msg.replyTo) : null;
    if (replied) return to(replied[1]!, text);
    const h = mine.at(-1);
    return h ? turn(await office.say(as, h, text, now)) : undefined;
  }

  private async rate(residentKey: string, choice: string, t: Translate): Promise<StaffTurn> {
    const [, id, i] = choice.split(":");
    const w = this.deps.texts;
    const h = id ? await this.deps.reads.byId(id) : undefined;
    const rating = w.ratings[Number(i)];
    // a second press, or someone else's button, changes nothing
    if (!h || h.residentKey !== residentKey || isOpen(h) || h.rating || !rating) return { replies: [{ text: t(w.rated) }] };
    return { replies: [{ text: t(w.rated) }], ...rated(h, rating) };
  }
}
