import { can, type Principal } from "../access/access.js";
import { localize } from "../conversation/text.js";
import { ForbiddenError, InvalidRequestError, NotFoundError } from "../errors.js";
import type { OutboxRecord } from "../ports.js";
import { commitOfficeTurn } from "../staff/office-turn.js";
import type { OfficeStore } from "../ticket/office-actions.js";
import type { OrderChanges } from "../visits/order-changes.js";

/** 报价 from the console: the same quote a supervisor sends in chat (报价 200 …) — the resident gets it to accept or decline. */
export class QuoteOffice {
  constructor(private readonly deps: { changes: OrderChanges; store: OfficeStore; offer(rows: OutboxRecord[]): void }) {}

  async quote(who: Principal, number: string, yuan: number, note: string, now: Date): Promise<{ said: string }> {
    if (!can(who, "tickets.dispatch")) throw new ForbiddenError("your role may not quote (tickets.dispatch)");
    const t = await this.deps.store.ticketByNumber(number);
    if (!t || !can(who, "tickets.dispatch", t.propertyId)) throw new NotFoundError(`no ticket numbered ${number.slice(0, 40)}`, "ticket_not_found");
    const turn = await this.deps.changes.quote(
      { id: who.staffId ?? "admin", name: who.name, propertyId: t.propertyId },
      t.number,
      yuan,
      note.trim(),
      now,
      localize("zh"),
    );
    const said = turn.replies.map((r) => r.text).join("\n");
    // no change: chat's answer says why (no quote waiting, a price out of range)
    if (!turn.moves?.length) throw new InvalidRequestError("quote_refused", said);
    await commitOfficeTurn(this.deps.store, this.deps.offer, who, turn, now);
    return { said };
  }
}
