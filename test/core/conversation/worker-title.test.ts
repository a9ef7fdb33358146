import { describe, expect, it } from "vitest";
import { workerTitle } from "../../../src/core/conversation/text.js";

describe("how residents are told who is coming", () => {
  it("adds 师傅 only to a bare name; a name entered with its title is kept as entered", () => {
    expect(workerTitle("李")).toBe("李师傅");
    expect(workerTitle("李建国")).toBe("李建国师傅");
    expect(workerTitle("张师傅")).toBe("张师傅");
    expect(workerTitle("王主管")).toBe("王主管");
    expect(workerTitle("刘总")).toBe("刘总");
    expect(workerTitle("孙管家")).toBe("孙管家");
  });
});
