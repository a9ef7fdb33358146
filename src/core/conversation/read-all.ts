import type { FormDef } from "./form.js";
import { blank, type Span } from "./parse/normalize.js";
import type { FlowContext } from "./types.js";
import type { Text } from "../ticket/domain.js";

export interface ReadAll {
  values: Record<string, unknown>;
  /** why a field said could not be taken (the same reason chat gives) */
  errors: Record<string, Text>;
}

/**
 * A form's reading of one message, all at once and without a conversation: every slot in the form's reading
 * order, then its derived values (the category). What the front desk fills its fields from, so the office reads
 * a resident's words exactly as chat does. `asked`: the message answers that one slot (a form field).
 */
export function readAll(def: Pick<FormDef, "slots" | "extractOrder" | "derive">, text: string, ctx: FlowContext, asked?: string): ReadAll {
  const values: Record<string, unknown> = {};
  const errors: Record<string, Text> = {};
  const spans: Span[] = [];
  for (const name of asked ? [asked] : def.extractOrder) {
    const s = def.slots.find((x) => x.name === name);
    if (!s) continue;
    let r = s.extract({ text: blank(text, spans), asked: name === asked, filled: false }, ctx, values);
    if (!r) continue;
    if (r.span) spans.push(r.span);
    if ("ask" in r) r = { value: r.ask.fallback };
    if ("value" in r) {
      const parsed = s.schema.safeParse(r.value);
      if (parsed.success) values[name] = parsed.data;
    } else if ("error" in r) errors[name] = r.error;
    else errors[name] = s.invalidReason;
  }
  if (def.derive) Object.assign(values, def.derive(values, ctx));
  return { values, errors };
}
