import { fill } from "../conversation/text.js";
import { toResident, toStaff, type AccountOf } from "../dispatch/notify.js";
import type { Workforce } from "../dispatch/records.js";
import type { EventRecord, OutboxRecord, StoredResident } from "../ports.js";
import type { Policy } from "../policy/policy.js";
import type { HandoffChange, HandoffReads, HandoffTexts } from "./handoff.js";
import { residentLine } from "./who.js";

export interface UnansweredDeps {
  reads: HandoffReads;
  workforce: Workforce;
  accountOf: AccountOf;
  policyOf(propertyId: string): Policy;
  residentOf(key: string): Promise<StoredResident | undefined>;
  texts: HandoffTexts;
  /** writes one handoff's change with its messages and event, in one transaction */
  write(c: { handoffs: HandoffChange[]; outbox: OutboxRecord[]; events: EventRecord[] }): Promise<void>;
}

/**
 * Nobody took a 转人工 within the policy's humanAnswer: the supervisors are told (with the 接入 button: they may take
 * it themselves) and the resident is told honestly, and that a message left here is answered first.
 */
export async function escalateUnanswered(deps: UnansweredDeps, now: Date): Promise<number> {
  const w = deps.texts;
  let n = 0;
  for (const h of await deps.reads.unanswered(now)) {
    const staff = await deps.workforce.staffOf(h.propertyId, { fresh: true });
    // the supervisors, else the project managers: someone who can take it or get it taken
    const supervisors = staff.filter((s) => s.roles.includes("supervisor"));
    const leads = supervisors.length ? supervisors : staff.filter((s) => s.roles.includes("project_manager"));
    const resident = await deps.residentOf(h.residentKey);
    const policy = deps.policyOf(h.propertyId);
    const minutes = Math.max(1, Math.round((now.getTime() - h.requestedAt.getTime()) / 60_000));
    const outbox: OutboxRecord[] = leads.flatMap((s) => {
      const lang = s.lang ?? "zh";
      const text = fill(w.unansweredToLeads[lang], { n: h.seq, who: residentLine(w, h.residentKey, resident, lang), minutes });
      return toStaff(s, { text, choices: [{ label: w.take[lang], value: `ho:take:${h.id}` }] }, null, now, deps.accountOf);
    });
    const lang = resident?.lang ?? "zh";
    const call = policy.servicePhone ? (lang === "zh" ? `；着急也可以拨打 ${policy.servicePhone}` : `; if it is urgent, call ${policy.servicePhone}`) : "";
    const told = toResident(h.residentKey, { text: fill(w.unansweredToResident[lang], { call }) }, null, now, deps.accountOf);
    const event: EventRecord = {
      id: "",
      propertyId: h.propertyId,
      ticketId: null,
      type: "human.unanswered",
      actor: "scheduler",
      channel: null,
      data: { handoff: h.seq, minutes, told: leads.map((s) => s.id) },
      at: now,
    };
    try {
      await deps.write({ handoffs: [{ kind: "escalate", id: h.id, at: now }], outbox: [...outbox, ...(told ? [told] : [])], events: [event] });
      n++;
    } catch {
      // taken or ended meanwhile: nothing to tell
    }
  }
  return n;
}
