import { describe, expect, it } from "vitest";
import { feeStandard } from "../../../src/core/quotes/fees.js";
import { parsePolicy } from "../../../src/core/policy/policy.js";

const policy = parsePolicy({
  fees: [
    { item: "更换水龙头", price: 30, unit: "个", keywords: ["水龙头"] },
    { item: "疏通下水道", price: 80, keywords: ["堵", "疏通"] },
  ],
});

describe("the fee standard of a paid job (有偿服务)", () => {
  it("names the catalogue items the description mentions", () => {
    expect(feeStandard({ category: "A", description: "厨房水龙头坏了，下水道也堵了" }, policy)?.text).toBe("更换水龙头 30元/个；疏通下水道 80元/次");
  });
  it("a paid job outside the catalogue needs a quote before work starts", () => {
    expect(feeStandard({ category: "A", description: "客厅墙面开裂" }, policy)?.text).toBe("不在收费标准内，需主管评估报价，业主同意后再施工");
  });
  it("jobs the property does not charge for have none", () => {
    expect(feeStandard({ category: "D", description: "楼道水龙头坏了" }, policy)).toBeUndefined();
  });
  it("a catalogue item without keywords is refused", () => {
    expect(() => parsePolicy({ fees: [{ item: "x", price: 1, keywords: [] }] })).toThrow();
  });
});
