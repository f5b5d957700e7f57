import { describe } from "vitest";
import { playConcurrentLogins } from "../support/concurrent-logins";
import { person } from "../support/fault-play";
import { monthsAgo } from "../support/people";
import { faultSuite } from "../support/recorder";
import { databaseConnection, startScenario } from "../support/scenario";

const suite = faultSuite("two-concurrent-first-logins");

const databaseLogin = {
  connection: databaseConnection,
  providerUserId: person.databaseId,
  email: person.email,
  emailVerified: true,
};
const googleLogin = {
  connection: "google-oauth2",
  providerUserId: person.googleId,
  email: person.email,
  emailVerified: true,
};

describe("two concurrent logins of the same person", () => {
  suite.injects("first logins through the database and Google at once", async (record) => {
    const scenario = await startScenario();
    await playConcurrentLogins(record, scenario, {
      email: person.email,
      logins: [databaseLogin, googleLogin],
      existing: [],
    });
  });

  suite.injects(
    "the first logins since deployment of two accounts with their own metadata, at once",
    async (record) => {
      const existing = [
        {
          ...databaseLogin,
          createdAt: monthsAgo(12),
          userMetadata: { theme: "dark" },
          appMetadata: { plan: "pro" },
        },
        { ...googleLogin, createdAt: monthsAgo(3), userMetadata: { locale: "en" } },
      ];
      const scenario = await startScenario({ accounts: existing });
      await playConcurrentLogins(record, scenario, {
        email: person.email,
        logins: [googleLogin, databaseLogin],
        existing,
      });
    },
  );
});
