import type { Category } from "../ticket/domain.js";
import type { Policy } from "../policy/policy.js";

/**
 * The fee standard a paid job (有偿服务, category A) is told before work starts (SPEC §5): the
 * catalogue's items its description names. undefined for jobs that are not paid.
 */
export function feeStandard(t: { category: Category | null; description: string }, policy: Policy): { items: Policy["fees"]; text: string } | undefined {
  if (t.category !== "A") return undefined;
  const items = policy.fees.filter((f) => f.keywords.some((k) => t.description.includes(k)));
  const text = items.length ? items.map((f) => `${f.item} ${f.price}元/${f.unit}`).join("；") : "不在收费标准内，需主管评估报价，业主同意后再施工";
  return { items, text };
}
