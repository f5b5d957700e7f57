import { describe, expect } from "vitest";
import { playAttack } from "../support/attack-play";
import { monthsAgo, victim, victimDatabaseAccount, victimGoogleLogin } from "../support/people";
import { attackSuite } from "../support/recorder";
import { databaseConnection, linkingLine, startScenario } from "../support/scenario";

// An unverified account may be the victim's own, never confirmed, or a squatter's: the Action
// cannot tell, so it joins nothing to it until the address is proven.
const suite = attackSuite("unverified-victim-account");

describe("the victim's own account is unverified", () => {
  suite.tries("unverified password account, then a verified Google login", async (record) => {
    const scenario = await startScenario({
      accounts: [
        victimDatabaseAccount({
          emailVerified: false,
          createdAt: monthsAgo(6),
          userMetadata: { theme: "dark" },
        }),
      ],
    });
    const databaseId = scenario.userId(databaseConnection, victim.databaseId);
    const databaseLogin = {
      connection: databaseConnection,
      providerUserId: victim.databaseId,
      email: victim.email,
      emailVerified: false,
    };
    const results = await playAttack(record, scenario, {
      victimAccounts: [databaseId],
      logins: [
        { who: "victim", input: victimGoogleLogin },
        { who: "victim", input: databaseLogin },
      ],
    });
    expect(results.map((result) => linkingLine(result).reason)).toEqual([
      "no_candidates",
      "email_not_verified",
    ]);

    // Once the victim proves the address, the next login of that account finishes the work
    // (the Google account's marker already says its own check is done).
    scenario.tenant.state.updateUser(databaseId, { email_verified: true });
    const afterProof = await scenario.login({ ...databaseLogin, emailVerified: true });
    expect(linkingLine(afterProof)).toMatchObject({ outcome: "linked", links: 1 });
    expect(afterProof.sessionUserId).toBe(databaseId);
  });
});
