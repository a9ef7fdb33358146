import { can, type Principal } from "../access/access.js";
import { localize } from "../conversation/text.js";
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from "../errors.js";
import { commitOfficeTurn } from "../staff/office-turn.js";
import type { OutboxRecord } from "../ports.js";
import type { OfficeStore } from "../ticket/office-actions.js";
import type { CallbackDesk, CallbackStore, CallbackWords } from "./callback-desk.js";

export interface CallbackResult {
  /** indexes into the words' satisfaction, timeliness and method (as chat's presses carry them) */
  satisfaction: number;
  timeliness: number;
  method: number;
  comment?: string;
}

/**
 * 回访 recorded from the console: the same change as the steward's presses in chat (CallbackDesk.result) —
 * the callback done, the ticket visited or closed, a 不满意 reopened and told upward — written in one transaction.
 */
export class CallbackOffice {
  constructor(
    private readonly deps: {
      desk: CallbackDesk;
      callbacks: Pick<CallbackStore, "callback">;
      store: OfficeStore;
      words: CallbackWords;
      offer(rows: OutboxRecord[]): void;
    },
  ) {}

  async record(who: Principal, callbackId: string, r: CallbackResult, now: Date): Promise<{ number: string; said: string }> {
    if (!can(who, "callbacks")) throw new ForbiddenError("your role may not record callbacks");
    const cb = await this.deps.callbacks.callback(callbackId);
    if (!cb || !can(who, "callbacks", cb.ticket.propertyId)) throw new NotFoundError(`no callback ${callbackId.slice(0, 40)}`, "callback_not_found");
    if (cb.status !== "pending") throw new ConflictError(`the callback of ${cb.ticket.number} was already recorded`);
    const w = this.deps.words;
    for (const [field, i, list] of [
      ["satisfaction", r.satisfaction, w.satisfaction],
      ["timeliness", r.timeliness, w.timeliness],
      ["method", r.method, w.method],
    ] as const)
      if (!Number.isInteger(i) || i < 0 || i >= list.length) throw new InvalidRequestError("invalid_input", `${field}: pick one of the choices`);
    const turn = await this.deps.desk.result(
      { id: who.staffId, name: who.name },
      cb,
      r.satisfaction,
      r.timeliness,
      r.method,
      r.comment?.trim() || undefined,
      now,
      localize("zh"),
    );
    await commitOfficeTurn(this.deps.store, this.deps.offer, who, turn, now);
    return { number: cb.ticket.number, said: turn.replies.map((x) => x.text).join("\n") };
  }
}
