import { describe, expect } from "vitest";
import { googleLogin, person } from "../support/fault-play";
import { startCarryingScenario } from "../support/metadata-play";
import { lossBetween, noLoss } from "../support/person-inventory";
import { attackSuite } from "../support/recorder";
import { linkingLine, withoutOwnLoginTraces } from "../support/scenario";

// Auth0 limits a profile to 10 KB serialized: a copy that would take the primary past it cannot
// be kept there, so the link that would destroy the data is not made.
const suite = attackSuite("copy-over-budget-stops-the-link");

async function loginCarrying(theme: string) {
  const setup = await startCarryingScenario({ userMetadata: { theme } });
  const before = setup.scenario.inventory(person.email);
  const login = await setup.scenario.login(googleLogin);
  const loss = lossBetween(before, setup.scenario.inventory(person.email));
  return { ...setup, login, loss };
}

describe("a copy larger than the profile can hold", () => {
  suite.tries("a colliding 9.8 kB value the copy would have to keep", async (record) => {
    const { scenario, login, loss, primaryId, secondaryId, primaryBefore, secondaryBefore } =
      await loginCarrying("t".repeat(9_800));
    record.loss = loss;
    record.outcome = `${linkingLine(login).outcome}: ${linkingLine(login).reason}; signed in as ${login.sessionUserId}`;
    expect(linkingLine(login)).toMatchObject({ outcome: "skipped", reason: "copy_over_budget" });
    expect(login.error).toBeUndefined();
    expect(login.sessionUserId).toBe(secondaryId);
    expect(withoutOwnLoginTraces(scenario.user(primaryId))).toEqual(
      withoutOwnLoginTraces(primaryBefore),
    );
    expect(withoutOwnLoginTraces(scenario.user(secondaryId))).toEqual(
      withoutOwnLoginTraces(secondaryBefore),
    );
    expect(loss).toEqual(noLoss);
  });

  suite.tries("control: a colliding 4 kB value is copied and links", async (record) => {
    const { login, loss, primaryId } = await loginCarrying("t".repeat(4_000));
    record.loss = loss;
    record.outcome = `${linkingLine(login).outcome}; signed in as ${login.sessionUserId}`;
    expect(linkingLine(login)).toMatchObject({ outcome: "linked", links: 1 });
    expect(login.sessionUserId).toBe(primaryId);
    expect(loss).toEqual(noLoss);
  });
});
