import { localize } from "../../src/core/conversation/text.js";
import { parsePolicy, type PolicyInput } from "../../src/core/policy/policy.js";
import type { FlowContext, ResidentMemory, TicketReader, TicketSummary } from "../../src/core/conversation/types.js";
import type { Lang } from "../../src/core/ticket/domain.js";

/** A flow context for reading messages without storage (pure flow tests; storage is tested through HTTP). */
export function flowContext(opts: { now: Date; lang?: Lang; policy?: PolicyInput; resident?: ResidentMemory; tickets?: TicketSummary[] }): FlowContext {
  let n = 0;
  const reader: TicketReader = {
    listForResident: async (_id, statuses, limit) => (opts.tickets ?? []).filter((t) => statuses.includes(t.status)).slice(0, limit),
    nextNumber: async () => `BS20261123-${String(++n).padStart(4, "0")}`,
    // (what a new report may repeat, and how many were filed today, are read from storage: tested through HTTP)
    openSince: async () => [],
    filedSince: async () => 0,
  };
  const lang = opts.lang ?? "zh";
  return {
    now: opts.now,
    lang,
    policy: parsePolicy(opts.policy ?? {}),
    property: { id: "demo", name: "阳光花园" },
    channel: "web",
    userId: "u1",
    residentId: "web:u1",
    resident: opts.resident ?? {},
    tickets: reader,
    t: localize(lang),
  };
}
