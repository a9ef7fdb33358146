import { describe, expect, it } from "vitest";
import { looksAlike } from "../../../src/core/ticket/similar.js";

describe("two reports of the same problem", () => {
  it.each([
    ["厨房水管漏水", "厨房水管还在漏水，麻烦快点"],
    ["卫生间马桶堵了", "马桶又堵了"],
    ["漏水了", "还在漏水"],
    ["bathroom tap broken", "the bathroom tap is still broken"],
  ])("%s ~ %s", (a, b) => expect(looksAlike(a, b)).toBe(true));

  it.each([
    ["厨房水管漏水", "卧室灯不亮"],
    ["麻烦师傅来看一下空调", "麻烦师傅来看一下门锁"],
    ["bathroom tap broken", "kitchen light flickers"],
  ])("%s ≁ %s", (a, b) => expect(looksAlike(a, b)).toBe(false));
});
