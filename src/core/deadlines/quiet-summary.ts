import type { Text } from "../ticket/domain.js";
import type { Reachable } from "../dispatch/records.js";
import { toStaff, type AccountOf } from "../dispatch/notify.js";
import type { OutboxRecord } from "../ports.js";
import { fill } from "../conversation/text.js";

/** What the summary needs of a sweep's change: the reminders it held over from quiet hours, and its messages. */
interface HoldsOver {
  ticketId: string;
  heldOver?: { staff: Reachable; line: string }[];
  outbox: OutboxRecord[];
}

/**
 * Quiet hours: the reminders held over from the night go out as one summary per person
 * (【上班提醒】…有 2 项…), on the change of that person's first ticket in the batch (a batch is written
 * in one transaction). One held reminder goes as it is.
 */
export function summarise<C extends HoldsOver>(changes: C[], now: Date, header: Text, accountOf: AccountOf): C[] {
  const byStaff = new Map<string, { staff: Reachable; lines: string[]; change: C }>();
  for (const c of changes) {
    for (const h of c.heldOver ?? []) {
      const entry = byStaff.get(h.staff.id) ?? { staff: h.staff, lines: [], change: c };
      entry.lines.push(h.line);
      byStaff.set(h.staff.id, entry);
    }
  }
  for (const { staff, lines, change } of byStaff.values()) {
    const text = lines.length === 1 ? lines[0]! : [fill(header.zh, { count: lines.length }), ...lines.map((l, i) => `${i + 1}. ${l}`)].join("\n");
    change.outbox.push(...toStaff(staff, { text }, change.ticketId, now, accountOf));
  }
  return changes;
}
