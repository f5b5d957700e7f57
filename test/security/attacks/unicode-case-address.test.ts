import { describe, expect, it } from "vitest";
import { triesLookAlike } from "../support/look-alike";
import { victim, victimDatabaseAccount } from "../support/people";
import { attackSuite } from "../support/recorder";
import { databaseConnection, linkingLine, startScenario } from "../support/scenario";

// ASCII case is the one documented equivalence (users-by-email is case-sensitive and providers
// capitalise). Unicode case mapping is not: it would turn a look-alike into the victim's address.
const suite = attackSuite("unicode-case-address");

describe("case in the local part and the domain", () => {
  triesLookAlike(
    suite,
    "Kelvin sign, which lower-cases to k",
    "\u212aate@example.com",
    "kate@example.com",
  );
  triesLookAlike(suite, "Turkish dotted capital I", "V\u0130CTIM@example.com");
  triesLookAlike(suite, "Turkish dotless i", "v\u0131ctim@example.com");
  triesLookAlike(
    suite,
    "long s, which upper-cases to S",
    "\u017fam@example.com",
    "sam@example.com",
  );

  for (const sameAddress of ["VICTIM@example.com", "victim@EXAMPLE.COM", "Victim@Example.Com"]) {
    it(`links ${sameAddress}: ASCII case alone is the same address, in the local part and the domain`, async () => {
      const scenario = await startScenario({
        accounts: [victimDatabaseAccount({ createdAt: "2025-01-01T00:00:00.000Z" })],
      });
      const login = await scenario.login({
        connection: "google-oauth2",
        providerUserId: victim.googleId,
        email: sameAddress,
        emailVerified: true,
      });
      expect(linkingLine(login)).toMatchObject({ outcome: "linked", links: 1 });
      expect(login.sessionUserId).toBe(scenario.userId(databaseConnection, victim.databaseId));
    });
  }
});
