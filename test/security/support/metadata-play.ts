import { expect } from "vitest";
import type { LoginResult } from "../../../src/local-tenant/simulator/login";
import type { StoredUser } from "../../../src/local-tenant/tenant-state";
import { googleLogin, person, personDatabaseAccount, personGoogleAccount } from "./fault-play";
import { monthsAgo } from "./people";
import { databaseConnection, linkingLine, type Scenario, startScenario } from "./scenario";

export interface SecondaryPayload {
  userMetadata?: Record<string, unknown>;
  appMetadata?: Record<string, unknown>;
  settings?: Record<string, string>;
}

export interface MetadataPlayResult {
  scenario: Scenario;
  login: LoginResult;
  primaryBefore: StoredUser;
  primaryAfter: StoredUser;
}

/**
 * The same person's two verified accounts; the younger, logging in, carries the payload. The
 * link is legitimate: what is tested is what its metadata may do to the primary.
 */
export async function linkSecondaryCarrying(
  payload: SecondaryPayload,
): Promise<MetadataPlayResult> {
  const scenario = await startScenario({
    ...(payload.settings ? { settings: payload.settings } : {}),
    accounts: [
      personDatabaseAccount({ userMetadata: { theme: "dark" }, appMetadata: { plan: "free" } }),
      personGoogleAccount(monthsAgo(1), {
        userMetadata: payload.userMetadata ?? {},
        appMetadata: payload.appMetadata ?? {},
      }),
    ],
  });
  const primaryId = scenario.userId(databaseConnection, person.databaseId);
  const primaryBefore = scenario.user(primaryId) as StoredUser;
  const login = await scenario.login(googleLogin);
  const primaryAfter = scenario.user(primaryId) as StoredUser;
  expect(login.error).toBeUndefined();
  expect(login.sessionUserId).toBe(primaryId);
  expect(linkingLine(login)).toMatchObject({ outcome: "linked", links: 1 });
  return { scenario, login, primaryBefore, primaryAfter };
}
