import type { Principal } from "../access/access.js";
import { orderedId } from "../ids.js";
import type { OutboxRecord } from "../ports.js";
import type { OfficeStore } from "../ticket/office-actions.js";
import type { StaffTurn } from "./staff-turn.js";

/**
 * A desk's answer (the same one a staff member's chat command gets) done from the console: its changes, events and
 * messages written in one transaction, as `who`, from the console; the messages handed to the senders after.
 */
export async function commitOfficeTurn(store: OfficeStore, offer: (rows: OutboxRecord[]) => void, who: Principal, turn: StaffTurn, now: Date): Promise<void> {
  const outbox: OutboxRecord[] = (turn.outbox ?? []).map((o) => ({ ...o, createdAt: now, inboundId: null }));
  await store.change({
    ...(turn.callbackAnswer ? { callbackAnswer: { ...turn.callbackAnswer, at: now } } : {}),
    moves: (turn.moves ?? []).map((m) => ({ ...m, at: now })),
    events: (turn.events ?? []).map((e) => ({
      id: orderedId(),
      propertyId: e.propertyId,
      ticketId: e.ticketId,
      type: e.type,
      actor: who.staffId ?? "admin",
      channel: "console",
      data: { ...e.data, by: who.name },
      at: now,
    })),
    outbox,
  });
  offer(outbox);
}
