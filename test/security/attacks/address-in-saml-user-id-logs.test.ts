import { describe, expect } from "vitest";
import { victimDatabaseAccount } from "../support/people";
import { attackSuite } from "../support/recorder";
import { databaseConnection, describeLogin, linkingLine, startScenario } from "../support/scenario";

// A SAML user id embeds the NameID, which is the address: it must not reach any log line.
const suite = attackSuite("address-in-saml-user-id-logs");

const nameId = "jane.doe@corp.example";

describe("addresses inside user ids", () => {
  suite.tries("a listed SAML connection whose user id is the NameID links", async (record) => {
    const scenario = await startScenario({
      accounts: [victimDatabaseAccount({ email: nameId })],
      settings: { TRUSTED_CONNECTIONS: `${databaseConnection},partner-saml` },
    });
    const login = await scenario.login({
      connection: "partner-saml",
      providerUserId: `partner-saml|${nameId}`,
      email: nameId,
      emailVerified: true,
    });
    record.outcome = describeLogin(login);
    // The control: it links, and the line still names who (hashed).
    expect(linkingLine(login)).toMatchObject({ outcome: "linked" });
    expect(String(linkingLine(login).user_id)).toMatch(/^samlp\|partner-saml\|email:[0-9a-f]{16}$/);
    for (const line of login.logs) {
      expect(line).not.toContain(nameId);
      expect(line).not.toMatch(/@/);
    }
  });

  suite.tries("an unlisted SAML login is refused without an address in the log", async (record) => {
    const scenario = await startScenario({ accounts: [victimDatabaseAccount({ email: nameId })] });
    const login = await scenario.login({
      connection: "partner-saml",
      providerUserId: `partner-saml|${nameId}`,
      email: nameId,
      emailVerified: true,
    });
    record.outcome = describeLogin(login);
    expect(linkingLine(login)).toMatchObject({ reason: "untrusted_connection" });
    for (const line of login.logs) expect(line).not.toMatch(/@/);
  });
});
