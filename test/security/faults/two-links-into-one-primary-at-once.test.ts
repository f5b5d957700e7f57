import { describe, expect } from "vitest";
import { readLinkRecords } from "../../../src/linking/link-records";
import type { LoginInput } from "../../../src/local-tenant/simulator/login";
import {
  googleLogin,
  person,
  personDatabaseAccount,
  personGoogleAccount,
} from "../support/fault-play";
import { monthsAgo } from "../support/people";
import { inventoryOf, lossBetween } from "../support/person-inventory";
import { faultSuite } from "../support/recorder";
import {
  databaseConnection,
  describeLogin,
  type Scenario,
  startScenario,
} from "../support/scenario";

const suite = faultSuite("two-links-into-one-primary-at-once");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const appleId = "alice-apple-1";
const appleLogin: LoginInput = {
  connection: "apple",
  providerUserId: appleId,
  email: person.email,
  emailVerified: true,
};
const googleMetadata = {
  userMetadata: { locale: "en", color: "blue" },
  appMetadata: { plan: "pro" },
};
const appleMetadata = { userMetadata: { nickname: "ali" }, appMetadata: { tier: "gold" } };

// The Google login's Action has read the secondary's holdings (its last reads): its PATCH of
// the primary, carry and audit record, is on its way.
async function googlePatchSent(scenario: Scenario, mark: number): Promise<void> {
  const holdings = new Set(["get-user-organizations", "get-user-roles", "get-user-permissions"]);
  for (;;) {
    const reads = scenario.tenant.api.requestLog
      .since(mark)
      .filter(({ endpointKey }) => holdings.has(endpointKey));
    if (reads.length >= holdings.size) break;
    await sleep(5);
  }
  await sleep(200);
}

describe("two different links into one primary at the same instant", () => {
  suite.injects(
    "a Google login's PATCH of the primary lands after an Apple login that appeared meanwhile linked both",
    async (record) => {
      const scenario = await startScenario({
        // The Google login waits on its PATCH well within the Action's time.
        settings: { TIME_BUDGET_MS: "15000" },
        accounts: [
          personDatabaseAccount({ userMetadata: { theme: "dark" } }),
          personGoogleAccount(monthsAgo(2), googleMetadata),
        ],
      });
      const { tenant } = scenario;
      const primaryId = scenario.userId(databaseConnection, person.databaseId);
      const googleId = scenario.userId("google-oauth2", person.googleId);
      const appleUserId = scenario.userId("apple", appleId);

      const mark = tenant.api.requestLog.mark();
      tenant.api.faults.inject("patch-user", { kind: "latency", ms: 3_000 }, { times: 1 });
      const google = scenario.login(googleLogin);
      await googlePatchSent(scenario, mark);
      // The Apple account signs up after the Google login looked the address up: only the
      // Apple login sees all three accounts.
      tenant.state.createUser({
        connection: "apple",
        providerUserId: appleId,
        email: person.email,
        email_verified: true,
        created_at: monthsAgo(1),
      });
      tenant.state.updateUser(appleUserId, {
        user_metadata: appleMetadata.userMetadata,
        app_metadata: appleMetadata.appMetadata,
      });
      const before = inventoryOf(tenant.state.snapshot(), person.email);
      const apple = await scenario.login(appleLogin);
      const googleResult = await google;

      record.loss = lossBetween(before, inventoryOf(tenant.state.snapshot(), person.email));
      record.outcome = `google ${describeLogin(googleResult)}; apple ${describeLogin(apple)}`;
      const primary = scenario.user(primaryId);
      expect(primary?.identities.map(({ provider, user_id }) => `${provider}|${user_id}`)).toEqual([
        primaryId,
        googleId,
        appleUserId,
      ]);
      const records = readLinkRecords(primary?.app_metadata ?? {}).links;
      expect(
        Object.fromEntries(records.map((linkRecord) => [linkRecord.secondary, linkRecord.copy])),
      ).toEqual({
        [googleId]: {
          in: "app_metadata",
          user_metadata: googleMetadata.userMetadata,
          app_metadata: googleMetadata.appMetadata,
        },
        [appleUserId]: {
          in: "app_metadata",
          user_metadata: appleMetadata.userMetadata,
          app_metadata: appleMetadata.appMetadata,
        },
      });
      expect(record.loss).toEqual({ identities: [], metadataKeys: [] });
    },
  );
});
