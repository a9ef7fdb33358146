import type { Category, Nature, Severity, Text, TicketStatus, Urgency } from "./ticket/domain.js";
import type { MoveRefusal } from "./ticket/lifecycle.js";
import type { ParseRefusal } from "./conversation/parse/refusal.js";
import type { Step } from "./deadlines/steps.js";

/**
 * The domain's words as people read them, in zh and en: kept in conversations/vocabulary.ts and handed to
 * the services that write to residents or staff. Core speaks in codes (a status, a step, a refusal's
 * reason); this is where each becomes words.
 */
export interface Vocabulary {
  statuses: Record<TicketStatus, Text>;
  categories: Record<Category, Text>;
  natures: Record<Nature, Text>;
  urgencies: Record<Urgency, Text>;
  severities: Record<Severity, Text>;
  /** a channel as staff read it ("住户在微信对话中") */
  channels: Record<string, Text>;
  /** a channel not in that list */
  otherChannel: Text;
  /** a deadline's step ("派工", "到场"…) */
  steps: Record<Step, Text>;
  /** why an answer (a phone, a room, a time) could not be taken */
  refusal(r: ParseRefusal): Text;
  /** why a status change was refused */
  moveRefusal(r: MoveRefusal): Text;
}
