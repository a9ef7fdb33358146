import { orderedId } from "../ids.js";
import type { ChannelName, Lang } from "../ticket/domain.js";
import type { Reachable, Workforce } from "../dispatch/records.js";
import { onDuty } from "../dispatch/roster.js";
import { quietly, toStaff, type AccountOf } from "../dispatch/notify.js";
import type { ChatHistory, OutboxRecord, StoredResident } from "../ports.js";
import type { Policy } from "../policy/policy.js";
import { addOfficeMinutes } from "../policy/calendar.js";
import { fill } from "../conversation/text.js";
import type { HandoffChange, HandoffReads, HandoffTexts } from "../handoff/handoff.js";
import { recentLines, residentLine } from "../handoff/who.js";

/**
 * 转人工: a handoff is opened and the property's stewards on duty now (else every steward, else the supervisors)
 * are told in chat who asked, with what they said last and a 接入 button; the first to press it has the
 * conversation. In quiet hours nobody is woken: the message waits for the office to open, and the answer's
 * deadline (humanAnswer) counts office time from then.
 */
export class HumanRequests {
  constructor(
    private readonly deps: {
      workforce: Workforce;
      accountOf: AccountOf;
      policyOf(propertyId: string): Policy;
      texts: HandoffTexts;
      reads: HandoffReads;
      history: ChatHistory;
    },
  ) {}

  async plan(
    propertyId: string,
    residentKey: string,
    resident: { channel: ChannelName; stored?: Pick<StoredResident, "displayName" | "place" | "phone"> },
    now: Date,
  ): Promise<{ outbox: OutboxRecord[]; handoff: Extract<HandoffChange, { kind: "create" }> }> {
    const policy = this.deps.policyOf(propertyId);
    const staff = await this.deps.workforce.staffOf(propertyId);
    const stewards = staff.filter((s) => s.roles.includes("steward"));
    const onShift = stewards.filter((s) => onDuty(s.roster, now, policy.timezone));
    const to: Reachable[] = onShift.length ? onShift : stewards.length ? stewards : staff.filter((s) => s.roles.includes("supervisor"));
    const seq = await this.deps.reads.nextSeq(propertyId);
    const handoff = {
      kind: "create" as const,
      id: orderedId(),
      seq,
      propertyId,
      residentKey,
      at: now,
      answerDueAt: addOfficeMinutes(now, policy.deadlines.humanAnswer.minutes, policy),
    };
    const w = this.deps.texts;
    const [, ...user] = residentKey.split(":");
    const { inbound } = await this.deps.history.recent(resident.channel, user.join(":"));
    const said = inbound.slice(-5).map((m) => m.text ?? "");
    // each steward reads it in their own language
    const textFor = (lang: Lang) =>
      fill(w.alert[lang], { n: seq, who: residentLine(w, residentKey, resident.stored, lang), recent: recentLines(w, said, lang) });
    const outbox = to.flatMap((s) =>
      toStaff(
        s,
        { text: textFor(s.lang ?? "zh"), choices: [{ label: w.take[s.lang ?? "zh"], value: `ho:take:${handoff.id}` }] },
        null,
        now,
        this.deps.accountOf,
      ),
    );
    // at night it waits for the office to open (nobody is woken)
    return { outbox: quietly(outbox, { urgency: "一般" }, policy, now), handoff };
  }
}
