import { describe } from "vitest";
import { playControl } from "../support/control-play";
import { triesLookAlike } from "../support/look-alike";
import { victim, victimDatabaseAccount, victimGoogleLogin } from "../support/people";
import { attackSuite } from "../support/recorder";
import { databaseConnection, startScenario } from "../support/scenario";

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
    suite.controls(
      `links ${sameAddress}: ASCII case alone is the same address, in the local part and the domain`,
      async (record) => {
        const scenario = await startScenario({
          accounts: [victimDatabaseAccount({ createdAt: "2025-01-01T00:00:00.000Z" })],
        });
        await playControl(record, scenario, {
          login: { ...victimGoogleLogin, email: sameAddress },
          primary: { connection: databaseConnection, providerUserId: victim.databaseId },
        });
      },
    );
  }
});
