import { describe, expect } from "vitest";
import { hashEmail } from "../../../src/linking/email-hash";
import { MARKER_KEY, MARKER_VERSION } from "../../../src/linking/marker";
import {
  googleLogin,
  person,
  personDatabaseAccount,
  personGoogleAccount,
} from "../support/fault-play";
import { monthsAgo } from "../support/people";
import { attackSuite } from "../support/recorder";
import { databaseConnection, describeLogin, linkingLine, startScenario } from "../support/scenario";

// The user can write user_metadata, and the marker's hash key (the tenant domain) is public: a
// marker there must be ignored, and never become the one in app_metadata.
const suite = attackSuite("forged-marker-in-user-metadata");

describe("a forged marker in user_metadata", () => {
  suite.tries(
    "a correctly hashed marker planted in the logging-in account's user_metadata",
    async (record) => {
      const scenario = await startScenario({
        accounts: [personDatabaseAccount(), personGoogleAccount(monthsAgo(1))],
      });
      const forged = {
        v: MARKER_VERSION,
        email_hash: hashEmail(person.email, `account-linking-marker:${scenario.tenant.api.domain}`),
        checked_at: "2000-01-01T00:00:00.000Z",
      };
      const googleId = scenario.userId("google-oauth2", person.googleId);
      scenario.tenant.state.updateUser(googleId, { user_metadata: { [MARKER_KEY]: forged } });
      const login = await scenario.login(googleLogin);
      record.outcome = describeLogin(login);

      expect(linkingLine(login)).toMatchObject({ outcome: "linked", links: 1 });
      const primary = scenario.user(scenario.userId(databaseConnection, person.databaseId));
      const marker = primary?.app_metadata[MARKER_KEY];
      // The Action wrote its own marker for this check, not the planted one.
      expect(marker).toMatchObject({ v: MARKER_VERSION, email_hash: forged.email_hash });
      expect(marker).not.toMatchObject({ checked_at: forged.checked_at });
    },
  );
});
