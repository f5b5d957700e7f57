import { describe, expect } from "vitest";
import { readLinkRecords } from "../../../src/linking/link-records";
import { attackSuite } from "../support/recorder";
import { linkingLine } from "../support/scenario";
import { linkThenUndo } from "../support/undo-play";

// Values the carry refuses to move (prototype keys inside, over 8 kB, nested too deep) are left
// behind by design; they must still survive the link in the copy.
const suite = attackSuite("dropped-metadata-values");

function nestedDeep(depth: number): unknown {
  let value: unknown = "bottom";
  for (let level = 0; level < depth; level++) value = { next: value };
  return value;
}

const withConstructor = JSON.parse('{"colors":{"constructor":{"prototype":{"polluted":true}}}}');

describe("values the carry leaves behind", () => {
  suite.tries(
    "a nested constructor key, an 8.3 kB value and 12 levels of nesting",
    async (record) => {
      const { login, primaryLinked } = await linkThenUndo(record, {
        userMetadata: {
          prefs: withConstructor,
          essay: "e".repeat(8_300),
          deep: nestedDeep(12),
          locale: "en",
        },
      });
      expect([...(linkingLine(login).dropped_metadata_keys ?? [])].sort()).toEqual([
        "deep",
        "essay",
        "prefs",
      ]);
      const copy = readLinkRecords(primaryLinked.app_metadata).links[0]?.copy;
      expect(copy?.in === "app_metadata" && Object.keys(copy.user_metadata).sort()).toEqual([
        "deep",
        "essay",
        "locale",
        "prefs",
      ]);
      expect(primaryLinked.user_metadata).toEqual({ theme: "dark", locale: "en" });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});
