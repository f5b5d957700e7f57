import { describe, expect } from "vitest";
import { linkSecondaryCarrying } from "../support/metadata-play";
import { attackSuite } from "../support/recorder";
import { linkingLine } from "../support/scenario";

const suite = attackSuite("metadata-deep-and-huge-values");

function nestedDeep(depth: number): unknown {
  let value: unknown = "bottom";
  for (let level = 0; level < depth; level++) value = { next: value };
  return value;
}

describe("deeply nested and huge values in a secondary's user_metadata", () => {
  suite.tries("a 500-level object, a 1 MB string and a 100 000-item array", async (record) => {
    const { login, primaryAfter } = await linkSecondaryCarrying({
      userMetadata: {
        deep: nestedDeep(500),
        huge: "x".repeat(1_000_000),
        wide: Array.from({ length: 100_000 }, (_, index) => index),
        locale: "en",
      },
    });
    const dropped = linkingLine(login).dropped_metadata_keys ?? [];
    record.outcome = `linked; carried ${Object.keys(primaryAfter.user_metadata).join(", ")}; dropped ${dropped.join(", ")}`;

    expect(primaryAfter.user_metadata).toEqual({ theme: "dark", locale: "en" });
    expect([...dropped].sort()).toEqual(["deep", "huge", "wide"]);
  });
});
