import { describe } from "vitest";
import { extraDatabaseConnections, playConcurrentLogins } from "../support/concurrent-logins";
import { monthsAgo } from "../support/people";
import { faultSuite } from "../support/recorder";
import { databaseConnection, startScenario } from "../support/scenario";

const suite = faultSuite("ten-concurrent-first-logins");

const email = "dana@example.com";
// The demo seed's four trusted connections and six more database connections: a person can
// hold an account in each, all with the same verified address.
const extraConnections = extraDatabaseConnections(6);
const logins = [databaseConnection, "google-oauth2", "apple", "email"]
  .concat(extraConnections.map((connection) => connection.name))
  .map((connection, index) => ({
    connection,
    providerUserId: `dana-${index + 1}`,
    email,
    emailVerified: true,
  }));

describe("ten concurrent logins of the same person", () => {
  suite.injects("ten first logins through ten connections at once", async (record) => {
    const scenario = await startScenario({ extraConnections });
    await playConcurrentLogins(record, scenario, { email, logins, existing: [] });
  });

  suite.injects(
    "ten at once, four of them into accounts made before deployment with their own metadata",
    async (record) => {
      const existing = logins.slice(0, 4).map((login, index) => ({
        ...login,
        createdAt: monthsAgo(12 - index),
        userMetadata: { [`preference_${index + 1}`]: index + 1 },
      }));
      const scenario = await startScenario({ extraConnections, accounts: existing });
      await playConcurrentLogins(record, scenario, {
        email,
        logins: [...logins].reverse(),
        existing,
      });
    },
  );
});
