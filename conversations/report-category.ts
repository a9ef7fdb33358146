/** The report form's category slot: derived from the words, and the one paid-or-not question when it cannot be told. */
import { z } from "zod";
import { CATEGORIES, isCategory, classify, NATURE_OF_CATEGORY, type Category, type Classification, type SlotDef } from "../src/core/conversation/flow-api.js";
import { vocabulary } from "./vocabulary.js";
import { keywords, notOnlyOurs, onlyOurs, ownFittings, whoseFault } from "./keywords.js";
import { classification, type Values } from "./report-slots.js";

/** A fault that may be the owner's or the building's, not yet told which (not paid until it is: derive reads it as D). */
export function unsureWhose(values: Values): boolean {
  const text = values.description as string | undefined;
  if (!text || ownFittings.test(text) || !whoseFault.some((w) => (typeof w === "string" ? text.includes(w) : w.test(text)))) return false;
  const c = classify(text, keywords);
  return c.category === "A" && c.nature === "报修" && c.urgency !== "非常紧急";
}

export const category: SlotDef<Classification> = {
  name: "category",
  label: { zh: "类别", en: "Category" },
  derived: true,
  schema: z.object({ category: z.enum(["A", "B", "C", "D", "E", "F", "G"]), nature: z.string(), urgency: z.string() }).passthrough() as never,
  prompt: { zh: "请选择报事类别：", en: "Please choose a category:" },
  refusal: { zh: "请从下面的类别中选一个。", en: "Please pick one of the categories below." },
  invalidReason: { zh: "类别不明", en: "unknown category" },
  // asked once when a fault may be the owner's own fittings or the building's supply (没热水): paid or not
  extract(msg, ctx, values) {
    const c = classification(values);
    if (msg.asked && c) {
      if (onlyOurs.test(msg.text.trim())) return { value: { ...c, category: "A", nature: "报修" } };
      if (notOnlyOurs.test(msg.text)) return { value: { ...c, category: "D", nature: "报修" } };
      return undefined;
    }
    if (!unsureWhose(values)) return undefined;
    return {
      ask: {
        question: {
          zh: "请问是只有您家这样，还是整栋楼或邻居家也这样？（只有您家的话属于户内有偿维修，整栋楼的问题不收费）",
          en: "Is it only your flat, or the whole building / your neighbours too? (Only yours: a paid in-home repair; the building's: free.)",
        },
        choices: [
          { label: ctx.t({ zh: "只有我家", en: "Only my flat" }), value: "set:category:A" },
          { label: ctx.t({ zh: "整栋楼/邻居家也是", en: "The building / neighbours too" }), value: "set:category:D" },
          { label: ctx.t({ zh: "不清楚", en: "Not sure" }), value: "set:category:D" },
        ],
        fallback: c!,
      },
    };
  },
  show: (c, ctx) =>
    [ctx.t(vocabulary.categories[c.category]), ctx.t(vocabulary.natures[c.nature]), c.urgency !== "一般" ? ctx.t(vocabulary.urgencies[c.urgency]) : ""]
      .filter(Boolean)
      .join(" · "),
  choices: (ctx) => CATEGORIES.map((k) => ({ label: `${k} ${ctx.t(vocabulary.categories[k])}`, value: `set:category:${k}` })),
  fromChoice(v, _ctx, values) {
    if (!isCategory(v)) return undefined;
    const current = classification(values);
    const k: Category = v;
    return { ...(current ?? { urgency: "一般" as const }), category: k, nature: NATURE_OF_CATEGORY[k] } as Classification;
  },
};
