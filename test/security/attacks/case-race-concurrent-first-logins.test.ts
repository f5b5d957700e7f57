import { describe, expect } from "vitest";
import { monthsAgo } from "../support/people";
import { attackSuite } from "../support/recorder";
import { databaseConnection, describeLogin, startScenario } from "../support/scenario";

// Google stored the address with capitals, the database and Apple in lower case. Two concurrent
// first logins used to pick different primaries, and one ended on a deleted user.
const suite = attackSuite("case-race-concurrent-first-logins");

const lower = "race.case@example.com";
const capitals = "Race.Case@Example.com";

describe("concurrent first logins whose stored addresses differ in case", () => {
  suite.tries(
    "Google (capitals) and Apple (lower case) at once, the database account older",
    async (record) => {
      const scenario = await startScenario({
        accounts: [
          {
            connection: "google-oauth2",
            providerUserId: "race-google",
            email: capitals,
            emailVerified: true,
            createdAt: monthsAgo(36),
          },
          {
            connection: databaseConnection,
            providerUserId: "race-db",
            email: lower,
            emailVerified: true,
            createdAt: monthsAgo(24),
          },
        ],
      });
      const [google, apple] = await Promise.all([
        scenario.login({
          connection: "google-oauth2",
          providerUserId: "race-google",
          email: capitals,
          emailVerified: true,
        }),
        scenario.login({
          connection: "apple",
          providerUserId: "race-apple",
          email: lower,
          emailVerified: true,
        }),
      ]);
      const later = await scenario.login({
        connection: "google-oauth2",
        providerUserId: "race-google",
        email: capitals,
        emailVerified: true,
      });
      record.outcome = `google ${describeLogin(google)}; apple ${describeLogin(apple)}; later ${describeLogin(later)}`;

      // No login ends on a user that no longer exists.
      for (const result of [google, apple, later]) {
        if (result.sessionUserId !== undefined) {
          expect(scenario.user(result.sessionUserId)).toBeDefined();
        } else {
          expect(result.denied).toBeDefined();
        }
      }
      // They converge on the account every login can find; a later login finishes the work.
      const primary = scenario.userId(databaseConnection, "race-db");
      expect(scenario.ownerOf("google-oauth2", "race-google")).toBe(primary);
      expect(scenario.ownerOf("apple", "race-apple")).toBe(primary);
      expect(later.sessionUserId).toBe(primary);
    },
  );
});
