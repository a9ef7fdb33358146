import type { ConversationState } from "../conversation/engine.js";
import { fill } from "../conversation/text.js";
import { toResident, type AccountOf } from "../dispatch/notify.js";
import { orderedId } from "../ids.js";
import type { PropertyInfo, StoredResident, WriteSet } from "../ports.js";
import type { ChannelName } from "../ticket/domain.js";
import type { HandoffTexts } from "./handoff.js";

/**
 * 代报 from a 转人工 conversation: the report the steward filed is the resident's — theirs on the board, their chat
 * told its number now and of its progress later (the dispatch's messages follow the ticket's resident) — and the
 * ticket's log links the conversation it came from.
 */
export function fileForResident(deps: { residentOf(key: string): Promise<StoredResident | undefined>; accountOf: AccountOf; texts: HandoffTexts }) {
  return async (ws: WriteSet, by: NonNullable<ConversationState["onBehalf"]>, property: PropertyInfo, now: Date): Promise<void> => {
    const f = by.forResident;
    if (!f) return;
    const [channel, ...rest] = f.key.split(":") as [ChannelName, ...string[]];
    const stored = await deps.residentOf(f.key);
    ws.tickets = ws.tickets.map((t) => ({ ...t, residentId: f.key, channel }));
    // (the ticket belongs to the resident's identity: it is written with it, keeping what was known of them)
    ws.resident = { ...(stored ?? { id: f.key, propertyId: property.id, lang: "zh" as const }), id: f.key, channel, externalId: rest.join(":") };
    const lang = stored?.lang ?? "zh";
    for (const t of ws.tickets) {
      const row = toResident(f.key, { text: fill(deps.texts.filedForYou[lang], { name: by.name, number: t.number }) }, t.id, now, deps.accountOf);
      if (row) ws.outbox.push({ ...row, inboundId: ws.inbound.id });
      ws.events.push({
        id: orderedId(),
        propertyId: property.id,
        ticketId: t.id,
        type: "human.filed",
        actor: `staff:${by.staffId}`,
        channel: ws.inbound.channel,
        data: { handoff: f.seq, handoffId: f.handoffId, by: by.name },
        at: now,
      });
    }
  };
}
