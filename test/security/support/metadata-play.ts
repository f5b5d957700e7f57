import { expect } from "vitest";
import type { LoginResult } from "../../../src/local-tenant/simulator/login";
import type { StoredUser } from "../../../src/local-tenant/tenant-state";
import { googleLogin, person, personDatabaseAccount, personGoogleAccount } from "./fault-play";
import { monthsAgo } from "./people";
import { lossBetween, noLoss } from "./person-inventory";
import type { CaseRecord } from "./recorder";
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
  secondaryBefore: StoredUser;
}

/** The person's two accounts before the login that links them: the primary and the secondary. */
export async function startCarryingScenario(payload: SecondaryPayload) {
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
  const secondaryId = scenario.userId("google-oauth2", person.googleId);
  return {
    scenario,
    primaryId,
    secondaryId,
    primaryBefore: scenario.user(primaryId) as StoredUser,
    secondaryBefore: scenario.user(secondaryId) as StoredUser,
  };
}

/**
 * The same person's two verified accounts; the younger, logging in, carries the payload. The
 * link is legitimate: what is tested is what its metadata may do to the primary, and that every
 * value either reaches the primary or stays in a recoverable copy (the loss is recorded).
 */
export async function linkSecondaryCarrying(
  payload: SecondaryPayload,
  record?: CaseRecord,
): Promise<MetadataPlayResult> {
  const { scenario, primaryId, primaryBefore, secondaryBefore } =
    await startCarryingScenario(payload);
  const before = scenario.inventory(person.email);
  const login = await scenario.login(googleLogin);
  const primaryAfter = scenario.user(primaryId) as StoredUser;
  const loss = lossBetween(before, scenario.inventory(person.email));
  if (record) record.loss = loss;
  expect(login.error).toBeUndefined();
  expect(login.sessionUserId).toBe(primaryId);
  expect(linkingLine(login)).toMatchObject({ outcome: "linked", links: 1 });
  expect(loss).toEqual(noLoss);
  return { scenario, login, primaryBefore, primaryAfter, secondaryBefore };
}
