import type { Text } from "../ticket/domain.js";
import type { Vocabulary } from "../vocabulary.js";

/**
 * 转人工 (issue 16): a resident asks for a person; the stewards on duty are told with a 接入 button; the first to
 * press it owns the conversation and the two talk through the bot (both ways, on each one's own channel) until one
 * of them says 结束. The row is the handoff's state; the resident's session points at it.
 */
export interface Handoff {
  id: string;
  /** short number per property: 回复 <seq> … */
  seq: number;
  propertyId: string;
  /** "channel:user" */
  residentKey: string;
  status: "waiting" | "talking" | "ended";
  stewardId: string | null;
  stewardName: string | null;
  requestedAt: Date;
  answerDueAt: Date;
  escalatedAt: Date | null;
  takenAt: Date | null;
  endedAt: Date | null;
  endedBy: string | null;
  rating: string | null;
}

/** the resident's rating of the help: the change and its event (from a button in chat, or typed) */
export const rating = (h: Handoff, answer: string) => ({
  handoffs: [{ kind: "rate" as const, id: h.id, rating: answer }],
  events: [{ type: "human.rated", ticketId: null, propertyId: h.propertyId, data: { handoff: h.seq, rating: answer, stewardId: h.stewardId } }],
});

export const isOpen = (h: Handoff | undefined): boolean => !!h && (h.status === "waiting" || h.status === "talking");

/** One change, written in the message's transaction; a change the row no longer allows rolls everything back. */
export type HandoffChange =
  | { kind: "create"; id: string; seq: number; propertyId: string; residentKey: string; at: Date; answerDueAt: Date }
  | { kind: "take"; id: string; stewardId: string; stewardName: string; at: Date }
  | { kind: "end"; id: string; by: string; at: Date }
  | { kind: "escalate"; id: string; at: Date }
  | { kind: "rate"; id: string; rating: string };

export interface HandoffReads {
  byId(id: string): Promise<Handoff | undefined>;
  bySeq(propertyId: string, seq: number): Promise<Handoff | undefined>;
  /** the resident's open one (waiting or talking), if any */
  openOf(residentKey: string): Promise<Handoff | undefined>;
  /** those a steward holds now, oldest first */
  talkingWith(stewardId: string): Promise<Handoff[]>;
  /** waiting past their answer deadline, the supervisors not yet told */
  unanswered(now: Date): Promise<Handoff[]>;
  /** the property's request that has waited longest, if any */
  oldestWaiting(propertyId: string): Promise<Handoff | undefined>;
  /** the next short number of a property */
  nextSeq(propertyId: string): Promise<number>;
}

/** conversations/handoff-texts.ts */
export interface HandoffTexts {
  vocabulary: Vocabulary;
  take: Text;
  alert: Text;
  someone: Text;
  place: Text;
  phone: Text;
  noPhone: Text;
  recent: Text;
  taken: Text;
  takenByOther: Text;
  alreadyTaken: Text;
  alreadyEnded: Text;
  greeting: Text;
  relayToSteward: Text;
  attachments: Text;
  fromSteward: Text;
  endedToResident: Text;
  endedToSteward: Text;
  residentEnded: Text;
  youEnded: Text;
  rated: Text;
  waiting: Text;
  unansweredToResident: Text;
  unansweredToLeads: Text;
  filedForYou: Text;
  nothingOpen: Text;
  notYours: Text;
  ratings: readonly string[];
  /** words that end the conversation (either side) */
  end: readonly string[];
  nothingWaiting: Text;
  /** the resident's request for a person (转人工 …) */
  requestWords: RegExp;
  /** the steward's typed 接入 [number] */
  takeWords: RegExp;
  /** the steward's "回复 <n> …" */
  reply: RegExp;
}
