import { maskPhone } from "../conversation/parse/phone.js";
import { fill } from "../conversation/text.js";
import type { StoredResident } from "../ports.js";
import { placeLabel, type ChannelName, type Lang } from "../ticket/domain.js";
import type { HandoffTexts } from "./handoff.js";

/** How the stewards see a resident: their name or 住户, the channel, room, and the phone (masked in chat). */
export function residentLine(
  w: HandoffTexts,
  key: string,
  r: Pick<StoredResident, "displayName" | "place" | "phone"> | undefined,
  lang: Lang,
  /** the console, for a role that calls residents: the phone in full */
  fullPhone = false,
): string {
  const channel = key.split(":")[0] as ChannelName;
  const who = r?.displayName ?? w.someone[lang];
  const ch = (w.vocabulary.channels[channel] ?? w.vocabulary.otherChannel)[lang];
  const place = r?.place ? fill(w.place[lang], { place: placeLabel(r.place) }) : "";
  const dialled = r?.phone?.replace(/^\+86/, "");
  const phone = dialled ? fill(w.phone[lang], { phone: fullPhone ? dialled : maskPhone(dialled) }) : w.noPhone[lang];
  return lang === "zh" ? `${who}（${ch}${place}${phone}）` : `${who} (${ch}${place}${phone})`;
}

/** The resident's last few messages, one a line (what a steward reads before answering). */
export function recentLines(w: HandoffTexts, texts: readonly string[], lang: Lang): string {
  const lines = texts
    .filter((x) => x.trim())
    .slice(-5)
    .map((x) => `· ${x.slice(0, 80)}`);
  return lines.length ? fill(w.recent[lang], { lines: lines.join("\n") }) : "";
}
