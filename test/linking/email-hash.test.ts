import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashEmail } from "../../src/linking/email-hash";

describe("hashEmail", () => {
  it("is-the-first-16-hex-of-an-hmac-sha256-of-the-lower-cased-address", () => {
    const expected = createHmac("sha256", "tenant-key")
      .update("jane@example.com")
      .digest("hex")
      .slice(0, 16);
    expect(hashEmail("jane@example.com", "tenant-key")).toBe(expected);
    expect(hashEmail("jane@example.com", "tenant-key")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("hashes-ascii-case-variants-alike", () => {
    expect(hashEmail("Jane@Example.COM", "k")).toBe(hashEmail("jane@example.com", "k"));
  });

  it("hashes-different-addresses-differently", () => {
    expect(hashEmail("jane+tag@example.com", "k")).not.toBe(hashEmail("jane@example.com", "k"));
    expect(hashEmail("\u212Aate@example.com", "k")).not.toBe(hashEmail("kate@example.com", "k"));
  });

  it("depends-on-the-key", () => {
    expect(hashEmail("jane@example.com", "a")).not.toBe(hashEmail("jane@example.com", "b"));
  });

  it("never-contains-the-raw-address", () => {
    expect(hashEmail("jane@example.com", "k")).not.toContain("jane");
  });
});
