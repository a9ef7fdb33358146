import type { ChannelName, Lang, Place, Text } from "../ticket/domain.js";
import { placeLabel } from "../ticket/domain.js";
import type { Vocabulary } from "../vocabulary.js";
import type { Reachable, Workforce } from "../dispatch/records.js";
import { quietly, toStaff, type AccountOf } from "../dispatch/notify.js";
import type { OutboxRecord } from "../ports.js";
import type { Policy } from "../policy/policy.js";
import { fill } from "../conversation/text.js";

/** What the stewards are told (conversations/human.ts). */
export interface HumanAlertTexts {
  vocabulary: Vocabulary;
  alert: Text;
  someone: Text;
  place: Text;
  phone: Text;
  noPhone: Text;
}

/**
 * 转人工: the property's stewards (else its supervisors) are told in chat who asked for a person and how
 * to reach them, so someone calls. In quiet hours nobody is woken: the message waits for the office to
 * open, and the resident is told when that is.
 */
export class HumanRequests {
  constructor(private readonly deps: { workforce: Workforce; accountOf: AccountOf; policyOf(propertyId: string): Policy; text: HumanAlertTexts }) {}

  async plan(propertyId: string, resident: { channel: ChannelName; displayName?: string; phone?: string; place?: Place }, now: Date): Promise<OutboxRecord[]> {
    const policy = this.deps.policyOf(propertyId);
    const staff = await this.deps.workforce.staffOf(propertyId);
    const stewards = staff.filter((s) => s.roles.includes("steward"));
    const to: Reachable[] = stewards.length ? stewards : staff.filter((s) => s.roles.includes("supervisor"));
    const w = this.deps.text;
    // each steward reads it in their own language
    const textFor = (lang: Lang) =>
      fill(w.alert[lang], {
        who: resident.displayName ?? w.someone[lang],
        channel: (w.vocabulary.channels[resident.channel] ?? w.vocabulary.otherChannel)[lang],
        place: resident.place ? fill(w.place[lang], { place: placeLabel(resident.place) }) : "",
        phone: resident.phone ? fill(w.phone[lang], { phone: resident.phone.replace(/^\+86/, "") }) : w.noPhone[lang],
      });
    // at night it waits for the office to open (nobody is woken)
    return quietly(
      to.flatMap((s) => toStaff(s, { text: textFor(s.lang ?? "zh") }, null, now, this.deps.accountOf)),
      { urgency: "一般" },
      policy,
      now,
    );
  }
}
