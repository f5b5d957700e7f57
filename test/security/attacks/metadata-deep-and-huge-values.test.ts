import { describe, expect } from "vitest";
import { googleLogin, person } from "../support/fault-play";
import { linkSecondaryCarrying, startCarryingScenario } from "../support/metadata-play";
import { lossBetween, noLoss } from "../support/person-inventory";
import { attackSuite } from "../support/recorder";
import { linkingLine, withoutOwnLoginTraces } from "../support/scenario";

const suite = attackSuite("metadata-deep-and-huge-values");

function nestedDeep(depth: number): unknown {
  let value: unknown = "bottom";
  for (let level = 0; level < depth; level++) value = { next: value };
  return value;
}

describe("deeply nested and huge values in a secondary's user_metadata", () => {
  suite.tries("a 500-level object, a 1 MB string and a 100 000-item array", async (record) => {
    const { scenario, primaryId, secondaryId, primaryBefore, secondaryBefore } =
      await startCarryingScenario({
        userMetadata: {
          deep: nestedDeep(500),
          huge: "x".repeat(1_000_000),
          wide: Array.from({ length: 100_000 }, (_, index) => index),
          locale: "en",
        },
      });
    const before = scenario.inventory(person.email);
    const login = await scenario.login(googleLogin);
    record.loss = lossBetween(before, scenario.inventory(person.email));
    record.outcome = `not linked (${linkingLine(login).reason}); signed in as ${login.sessionUserId}`;

    // No copy of a megabyte fits in a 10 KB profile: the link is not made and nothing moves.
    expect(linkingLine(login)).toMatchObject({ outcome: "skipped", reason: "copy_over_budget" });
    expect(login.sessionUserId).toBe(secondaryId);
    expect(withoutOwnLoginTraces(scenario.user(primaryId))).toEqual(
      withoutOwnLoginTraces(primaryBefore),
    );
    expect(withoutOwnLoginTraces(scenario.user(secondaryId))).toEqual(
      withoutOwnLoginTraces(secondaryBefore),
    );
    expect(record.loss).toEqual(noLoss);
  });

  // A carried value is also in the copy (the undo gives it back whatever the primary does with
  // it), so it counts twice against the profile's 10 KB.
  suite.tries("control: a 12-level object and a 4 kB string still link", async (record) => {
    const { login, primaryAfter } = await linkSecondaryCarrying(
      { userMetadata: { deep: nestedDeep(12), long: "y".repeat(4_000), locale: "en" } },
      record,
    );
    const dropped = linkingLine(login).dropped_metadata_keys ?? [];
    record.outcome = `linked; carried ${Object.keys(primaryAfter.user_metadata).join(", ")}; dropped into the copy ${dropped.join(", ")}`;

    expect(primaryAfter.user_metadata).toEqual({
      theme: "dark",
      locale: "en",
      long: "y".repeat(4_000),
    });
    expect(dropped).toEqual(["deep"]);
    expect(linkingLine(login).copied_metadata_keys).toEqual([
      "user_metadata.deep",
      "user_metadata.long",
      "user_metadata.locale",
    ]);
  });
});
