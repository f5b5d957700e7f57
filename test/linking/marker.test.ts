import { describe, expect, it } from "vitest";
import { buildMarker, hasValidMarker, MARKER_KEY, MARKER_VERSION } from "../../src/linking/marker";

const HASH = "0123456789abcdef";

describe("marker", () => {
  it("builds-a-versioned-marker-with-hash-and-time", () => {
    expect(MARKER_KEY).toBe("account_linking");
    expect(buildMarker(HASH, "2025-01-01T00:00:00.000Z")).toEqual({
      v: MARKER_VERSION,
      email_hash: HASH,
      checked_at: "2025-01-01T00:00:00.000Z",
    });
  });

  it("recognises-a-marker-for-the-same-email-and-version", () => {
    const appMetadata = { [MARKER_KEY]: buildMarker(HASH, "2025-01-01T00:00:00.000Z") };
    expect(hasValidMarker(appMetadata, HASH)).toBe(true);
  });

  it("checks-again-after-an-email-change", () => {
    const appMetadata = { [MARKER_KEY]: buildMarker(HASH, "2025-01-01T00:00:00.000Z") };
    expect(hasValidMarker(appMetadata, "fedcba9876543210")).toBe(false);
  });

  it("checks-again-after-a-marker-version-change", () => {
    const appMetadata = { [MARKER_KEY]: { v: MARKER_VERSION + 1, email_hash: HASH } };
    expect(hasValidMarker(appMetadata, HASH)).toBe(false);
    expect(hasValidMarker({ [MARKER_KEY]: { v: "1", email_hash: HASH } }, HASH)).toBe(false);
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a string", "account_linking"],
    ["an array", [{ v: MARKER_VERSION, email_hash: HASH }]],
    ["no marker", { other: 1 }],
    ["a null marker", { [MARKER_KEY]: null }],
    ["a string marker", { [MARKER_KEY]: HASH }],
    ["an array marker", { [MARKER_KEY]: [MARKER_VERSION, HASH] }],
    ["a marker without hash", { [MARKER_KEY]: { v: MARKER_VERSION } }],
  ])("treats-malformed-metadata-as-unchecked: %s", (_case, appMetadata) => {
    expect(hasValidMarker(appMetadata, HASH)).toBe(false);
  });

  it("ignores-a-marker-inherited-from-a-prototype", () => {
    const appMetadata = Object.create({ [MARKER_KEY]: buildMarker(HASH, "x") }) as object;
    expect(hasValidMarker(appMetadata, HASH)).toBe(false);
  });

  it("ignores-a-marker-in-user-metadata-shape", () => {
    const userWritable = { user_metadata: { [MARKER_KEY]: buildMarker(HASH, "x") } };
    expect(hasValidMarker(userWritable, HASH)).toBe(false);
  });
});
