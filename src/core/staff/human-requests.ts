import type { ChannelName, Place, Text } from "../ticket/domain.js";
import { CHANNEL_ZH, placeLabel } from "../ticket/domain.js";
import type { Reachable, Workforce } from "../dispatch/records.js";
import { quietly, toStaff, type AccountOf } from "../dispatch/notify.js";
import type { OutboxRecord } from "../ports.js";
import type { Policy } from "../policy/policy.js";
import { fill } from "../conversation/text.js";

/**
 * 转人工: the property's stewards (else its supervisors) are told in chat who asked for a person and how
 * to reach them, so someone calls. In quiet hours nobody is woken: the message waits for the office to
 * open, and the resident is told when that is.
 */
export class HumanRequests {
  constructor(private readonly deps: { workforce: Workforce; accountOf: AccountOf; policyOf(propertyId: string): Policy; text: Text }) {}

  async plan(propertyId: string, resident: { channel: ChannelName; displayName?: string; phone?: string; place?: Place }, now: Date): Promise<OutboxRecord[]> {
    const policy = this.deps.policyOf(propertyId);
    const staff = await this.deps.workforce.staffOf(propertyId);
    const stewards = staff.filter((s) => s.roles.includes("steward"));
    const to: Reachable[] = stewards.length ? stewards : staff.filter((s) => s.roles.includes("supervisor"));
    const text = fill(this.deps.text.zh, {
      who: resident.displayName ?? "业主",
      channel: CHANNEL_ZH[resident.channel] ?? resident.channel,
      place: resident.place ? `，${placeLabel(resident.place)}` : "",
      phone: resident.phone ? `，电话 ${resident.phone.replace(/^\+86/, "")}` : "，未留电话，请在原渠道回复",
    });
    // at night it waits for the office to open (nobody is woken)
    return quietly(
      to.flatMap((s) => toStaff(s, { text }, null, now, this.deps.accountOf)),
      { urgency: "一般" },
      policy,
      now,
    );
  }
}
