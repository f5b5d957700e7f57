import { describe, expect, it } from "vitest";
import { lookupVariants, sameAddress } from "../../src/linking/email";

describe("lookupVariants", () => {
  it("queries-a-lower-case-address-once", () => {
    expect(lookupVariants("jane@example.com")).toEqual(["jane@example.com"]);
  });

  it("queries-a-capitalised-address-as-given-and-lower-cased", () => {
    expect(lookupVariants("Jane.Doe@Example.COM")).toEqual([
      "Jane.Doe@Example.COM",
      "jane.doe@example.com",
    ]);
  });

  it("does-not-fold-non-ascii-letters", () => {
    expect(lookupVariants("JÉRÔME@example.com")).toEqual([
      "JÉRÔME@example.com",
      "jÉrÔme@example.com",
    ]);
    expect(lookupVariants("ｊａｎｅ@example.com")).toEqual(["ｊａｎｅ@example.com"]);
  });

  it("does-not-trim-or-normalise-the-address", () => {
    expect(lookupVariants(" jane+tag@example.com ")).toEqual([" jane+tag@example.com "]);
  });
});

describe("sameAddress", () => {
  it("treats-ascii-case-variants-as-the-same-address", () => {
    expect(sameAddress("Jane@Example.com", "jane@EXAMPLE.COM")).toBe(true);
  });

  it.each([
    ["cyrillic-look-alike", "jаne@example.com"],
    ["full-width-letters", "ｊａｎｅ@example.com"],
    ["plus-tag", "jane+shop@example.com"],
    ["extra-dot", "ja.ne@example.com"],
    ["surrounding-spaces", " jane@example.com "],
    ["accented-letter", "jàne@example.com"],
    ["capitalised-cyrillic-look-alike", "J\u0410NE@example.com"],
    ["trailing-dot-domain", "jane@example.com."],
  ])("treats-%s-as-a-different-address", (_variant, other) => {
    expect(sameAddress("jane@example.com", other)).toBe(false);
  });

  it("does-not-fold-unicode-case-that-lower-cases-to-ascii", () => {
    // U+0130 (İ) lower-cases to "i̇" and U+212A (Kelvin) to "k" under Unicode rules.
    expect(sameAddress("\u0130nfo@example.com", "info@example.com")).toBe(false);
    expect(sameAddress("\u212Aate@example.com", "kate@example.com")).toBe(false);
  });
});
