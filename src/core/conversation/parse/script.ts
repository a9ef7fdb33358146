import * as OpenCC from "opencc-js";
import type { Reply } from "../types.js";
import { normalizeText } from "./normalize.js";

/**
 * Traditional Chinese (`3棟2單元1502`, `明天上午十點`, `確認`) is read as simplified — every parser and
 * keyword table works on one script — and a resident who writes traditional is answered in it.
 * OpenCC's dictionaries (opencc-js) do the conversion, phrase by phrase.
 */
const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });
const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });

/** Only a message with Chinese in it can be in either script. */
const HAN = /[\u4e00-\u9fff]/;

/**
 * A message in simplified characters, and the script it was written in: "hant" when it had traditional
 * characters, "hans" when only simplified ones, undefined without Chinese (one conversion per message).
 */
export function inSimplified(text: string): { text: string; script: "hant" | "hans" | undefined } {
  if (!HAN.test(text)) return { text, script: undefined };
  const converted = toSimplified(text);
  return { text: converted, script: converted !== text ? "hant" : "hans" };
}

/** Replies in traditional characters (text and choice labels; choice values stay as they are). */
export function inTraditional(replies: readonly Reply[]): Reply[] {
  return replies.map((r) => ({
    ...r,
    text: toTraditional(r.text),
    ...(r.choices ? { choices: r.choices.map((c) => ({ ...c, label: toTraditional(c.label) })) } : {}),
  }));
}

/**
 * How every message is read before any flow sees it: normalised (full-width, spaces), in simplified
 * characters, with a phone keyboard's slips mended (conversations/keywords.ts). One function for the
 * intake and for the tests that read residents' messages as it does.
 */
export function readMessage(raw: string, typos: readonly (readonly [RegExp, string])[]): { text: string; script: "hant" | "hans" | undefined } {
  const read = inSimplified(normalizeText(raw));
  return { text: typos.reduce((s, [slip, meant]) => s.replace(slip, meant), read.text), script: read.script };
}
