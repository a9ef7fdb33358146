import { fill } from "../conversation/text.js";
import type { Reply } from "../conversation/types.js";
import { toResident, toStaff, type AccountOf } from "../dispatch/notify.js";
import type { Reachable, Workforce } from "../dispatch/records.js";
import type { ChannelName, Lang, Text } from "../ticket/domain.js";
import type { ChatHistory, OutboxRecord, StoredResident } from "../ports.js";
import type { Handoff, HandoffChange, HandoffReads, HandoffTexts } from "./handoff.js";
import { recentLines, residentLine } from "./who.js";

export interface HandoffOfficeDeps {
  reads: HandoffReads;
  workforce: Workforce;
  residentOf(key: string): Promise<StoredResident | undefined>;
  history: ChatHistory;
  accountOf: AccountOf;
  texts: HandoffTexts;
}

/** Who answers: a steward, supervisor or project manager (from chat or the console). */
export interface Answerer {
  id: string;
  name: string;
  lang: Lang;
}

/** What one step changes, written in one transaction; `note` is what the answerer is told. */
export interface HandoffStep {
  note: { text: Text; vars?: Record<string, string | number> };
  handoffs: HandoffChange[];
  outbox: OutboxRecord[];
  events: { type: string; ticketId: null; propertyId: string; data: Record<string, unknown> }[];
}
const told = (text: Text, vars?: HandoffStep["note"]["vars"]): HandoffStep => ({
  note: { text, ...(vars ? { vars } : {}) },
  handoffs: [],
  outbox: [],
  events: [],
});

/** the stewards (else the supervisors) of a property */
export const answerers = (staff: readonly Reachable[]) => {
  const stewards = staff.filter((s) => s.roles.includes("steward"));
  return stewards.length ? stewards : staff.filter((s) => s.roles.includes("supervisor"));
};
/** who may take a conversation: the office (stewards) and those it goes up to when nobody answers */
const mayAnswer = (s: Reachable | undefined) => !!s && s.roles.some((r) => r === "steward" || r === "supervisor" || r === "project_manager");

/**
 * 转人工's steps for the one answering, the same from chat (HandoffDesk) and the console: take it (the first wins,
 * the others are told who), say something to the resident on the resident's own channel, end it.
 */
export class HandoffOffice {
  constructor(private readonly deps: HandoffOfficeDeps) {}

  /** the resident's messages since the request (and, for context, the few before it) */
  async said(h: Handoff, context = 3): Promise<string[]> {
    const [channel, ...rest] = h.residentKey.split(":");
    const { inbound } = await this.deps.history.recent(channel as ChannelName, rest.join(":"));
    return inbound.filter((m, i) => m.receivedAt >= h.requestedAt || i >= inbound.length - context).map((m) => m.text ?? "");
  }

  /** `as` may answer this property's residents (a steward or supervisor of it) */
  async mayAnswer(as: Answerer, propertyId: string): Promise<boolean> {
    return mayAnswer((await this.deps.workforce.staffOf(propertyId)).find((s) => s.id === as.id));
  }

  async take(as: Answerer, h: Handoff | undefined, now: Date): Promise<HandoffStep> {
    const w = this.deps.texts;
    // another property's conversation is nobody's business here
    if (!h || !(await this.mayAnswer(as, h.propertyId))) return told(w.nothingOpen);
    if (h.status === "talking") return told(w.alreadyTaken, { n: h.seq, name: h.stewardName ?? "" });
    if (h.status === "ended") return told(w.alreadyEnded, { n: h.seq });
    const team = await this.deps.workforce.staffOf(h.propertyId);
    const resident = await this.deps.residentOf(h.residentKey);
    const others = answerers(team).filter((s) => s.id !== as.id);
    return {
      note: {
        text: w.taken,
        vars: { n: h.seq, who: residentLine(w, h.residentKey, resident, as.lang), recent: recentLines(w, await this.said(h), as.lang) },
      },
      handoffs: [{ kind: "take", id: h.id, stewardId: as.id, stewardName: as.name, at: now }],
      outbox: [
        ...others.flatMap((s) => toStaff(s, { text: fill(w.takenByOther[s.lang ?? "zh"], { n: h.seq, name: as.name }) }, null, now, this.deps.accountOf)),
        ...this.toResident(h, { text: fill(w.greeting[resident?.lang ?? "zh"], { name: as.name }) }, now),
      ],
      events: [
        {
          type: "human.taken",
          ticketId: null,
          propertyId: h.propertyId,
          data: { handoff: h.seq, stewardId: as.id, waitedMs: now.getTime() - h.requestedAt.getTime() },
        },
      ],
    };
  }

  /** what the one who has it writes, to the resident (through the outbox: its order, limits and dedupe) */
  async say(as: Answerer, h: Handoff | undefined, text: string, now: Date): Promise<HandoffStep> {
    const w = this.deps.texts;
    if (h?.status !== "talking" || h.stewardId !== as.id) return told(w.notYours, { n: h?.seq ?? "" });
    const resident = await this.deps.residentOf(h.residentKey);
    const said = fill(w.fromSteward[resident?.lang ?? "zh"], { name: as.name, text });
    return { note: { text: { zh: "", en: "" } }, handoffs: [], outbox: this.toResident(h, { text: said }, now), events: [] };
  }

  async end(as: Answerer, h: Handoff | undefined, now: Date): Promise<HandoffStep> {
    const w = this.deps.texts;
    if (h?.status !== "talking" || h.stewardId !== as.id) return told(w.notYours, { n: h?.seq ?? "" });
    const resident = await this.deps.residentOf(h.residentKey);
    const ask: Reply = {
      text: fill(w.endedToResident[resident?.lang ?? "zh"], { name: as.name }),
      choices: w.ratings.map((label, i) => ({ label, value: `hrate:${h.id}:${i}` })),
    };
    return {
      note: { text: w.endedToSteward, vars: { n: h.seq } },
      handoffs: [{ kind: "end", id: h.id, by: `staff:${as.id}`, at: now }],
      outbox: this.toResident(h, ask, now),
      events: [{ type: "human.ended", ticketId: null, propertyId: h.propertyId, data: { handoff: h.seq, by: "steward", stewardId: as.id } }],
    };
  }

  private toResident(h: Handoff, payload: Reply, now: Date): OutboxRecord[] {
    const row = toResident(h.residentKey, payload, null, now, this.deps.accountOf);
    return row ? [row] : [];
  }
}
