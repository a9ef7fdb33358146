import { describe, expect, it } from "vitest";
import { ConfigError, createConfig } from "../src/config.js";

describe("configuration", () => {
  it("has working defaults for the embedded quick start", () => {
    const c = createConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: "0.0.0.0", DATABASE_URL: "file:./data/baoshi.db", DEFAULT_PROPERTY: "demo", POLICIES_DIR: "./policies" });
    expect(c.adminTokenGenerated).toBe(true);
    expect(c.ADMIN_TOKEN.length).toBeGreaterThanOrEqual(24);
    expect(createConfig({}).ADMIN_TOKEN).not.toBe(c.ADMIN_TOKEN);
  });

  it.each([
    [{ PORT: "abc" }, /^config error: PORT .*\(got "abc"\)$/],
    [{ PORT: "70000" }, /^config error: PORT .*65535/],
    [{ DATABASE_URL: "mysql://x" }, /^config error: DATABASE_URL must be a SQLite file URL/],
    [{ ADMIN_TOKEN: "short" }, /^config error: ADMIN_TOKEN must be at least 16 characters/],
    [{ LOG_LEVEL: "loud" }, /^config error: LOG_LEVEL/],
    [{ DEFAULT_PROPERTY: "Sun Garden" }, /^config error: DEFAULT_PROPERTY use lower-case/],
  ])("refuses %o with one line naming the variable", (env, message) => {
    expect(() => createConfig(env)).toThrow(ConfigError);
    expect(() => createConfig(env)).toThrow(message);
  });

  it("keeps a given admin token", () => {
    const c = createConfig({ ADMIN_TOKEN: "a-token-of-twenty-chars" });
    expect(c.ADMIN_TOKEN).toBe("a-token-of-twenty-chars");
    expect(c.adminTokenGenerated).toBe(false);
  });
});
