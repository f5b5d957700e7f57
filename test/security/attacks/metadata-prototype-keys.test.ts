import { describe, expect } from "vitest";
import { linkSecondaryCarrying } from "../support/metadata-play";
import { attackSuite } from "../support/recorder";
import { linkingLine } from "../support/scenario";

const suite = attackSuite("metadata-prototype-keys");

// JSON.parse makes `__proto__` an own key, as it arrives from the Management API.
const poisoned = JSON.parse(
  '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}},"prototype":{"isAdmin":true},"nested":{"__proto__":{"isAdmin":true}},"locale":"en"}',
) as Record<string, unknown>;

describe("prototype keys in a secondary's user_metadata", () => {
  suite.tries("__proto__, constructor, prototype at the root and nested", async (record) => {
    const { login, primaryBefore, primaryAfter } = await linkSecondaryCarrying(
      {
        userMetadata: poisoned,
      },
      record,
    );
    const dropped = linkingLine(login).dropped_metadata_keys ?? [];
    record.outcome = `linked; primary user_metadata keys ${Object.keys(primaryAfter.user_metadata).join(", ")}; dropped ${dropped.join(", ")}`;

    expect(Object.keys(primaryAfter.user_metadata).sort()).toEqual(["locale", "theme"]);
    expect([...dropped].sort()).toEqual(["__proto__", "constructor", "nested", "prototype"]);
    expect(primaryAfter.app_metadata).toMatchObject(primaryBefore.app_metadata);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf(primaryAfter.user_metadata)).toBe(Object.prototype);
  });
});
