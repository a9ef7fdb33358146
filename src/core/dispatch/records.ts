/** The records dispatch works with: who can be reached, the workforce it reads, the offers it writes. */
import type { ChannelName, Lang } from "../ticket/domain.js";
import type { Worker } from "./choose-worker.js";

/** A staff member and the chat accounts a work order can reach them on. */
export interface Reachable extends Worker {
  superiorId: string | null;
  /** the language of what they are sent */
  lang?: Lang;
  contacts: { channel: ChannelName; externalId: string }[];
}

export interface Workforce {
  /** active staff of the property, with open load and reachable chat accounts; `fresh` skips the short-lived cache */
  staffOf(propertyId: string, opts?: { fresh?: boolean }): Promise<Reachable[]>;
}

export interface AssignmentRecord {
  id: string;
  ticketId: string;
  staffId: string;
  level: number;
  offeredAt: Date;
  respondBy: Date;
  why: string[];
}
