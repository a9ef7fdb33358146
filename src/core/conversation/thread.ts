import type { Reply } from "./types.js";

export interface ThreadLine {
  from: "resident" | "bot";
  reply: Reply;
  at: Date;
}

/**
 * A chat's recent messages both ways, as they happened: each of the resident's messages followed by its own
 * replies; messages caused elsewhere (a worker on the way, a steward's answer) where they were written. Ordered by
 * the rows' ids, which are made in time order (core/ids.ts) — exact even when a clock gives them one time.
 */
export function threadOf(h: {
  inbound: readonly { id: string; text: string | null; receivedAt: Date }[];
  outbound: readonly { id: string; inboundId: string | null; payload: Reply; createdAt: Date }[];
}): ThreadLine[] {
  const mine = new Set(h.inbound.map((m) => m.id));
  const groups = [
    ...h.inbound.map((m) => ({
      id: m.id,
      lines: [
        ...(m.text ? [{ from: "resident" as const, reply: { text: m.text }, at: m.receivedAt }] : []),
        ...h.outbound.filter((o) => o.inboundId === m.id).map((o) => ({ from: "bot" as const, reply: o.payload, at: m.receivedAt })),
      ],
    })),
    ...h.outbound
      .filter((o) => !o.inboundId || !mine.has(o.inboundId))
      .map((o) => ({ id: o.id, lines: [{ from: "bot" as const, reply: o.payload, at: o.createdAt }] })),
  ];
  return groups.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).flatMap((g) => g.lines);
}
