import { expect, vi } from "vitest";
import { MARKER_KEY } from "../../../src/linking/marker";
import type { LoginInput, LoginResult } from "../../../src/local-tenant/simulator/login";
import type { AccountSpec } from "./accounts";
import { monthsAgo } from "./people";
import { type Loss, lossBetween, type PersonInventory, withIdentity } from "./person-inventory";
import type { CaseRecord } from "./recorder";
import { databaseConnection, describeLogin, type Scenario, startScenario } from "./scenario";

/** A person with two verified, unlinked accounts: the work every fault interrupts. */
export const person = {
  email: "alice@example.com",
  databaseId: "alice-database-1",
  googleId: "alice-google-1",
} as const;

/** The younger account logs in, so the whole road is taken: carry, link, switch, marker. */
export const googleLogin: LoginInput = {
  connection: "google-oauth2",
  providerUserId: person.googleId,
  email: person.email,
  emailVerified: true,
};

/** The person's verified password account, a year old: the older of the two, so the primary. */
export function personDatabaseAccount(extra: Partial<AccountSpec> = {}): AccountSpec {
  return {
    connection: databaseConnection,
    providerUserId: person.databaseId,
    email: person.email,
    emailVerified: true,
    createdAt: monthsAgo(12),
    ...extra,
  };
}

/** The person's verified Google account. */
export function personGoogleAccount(
  createdAt: string,
  extra: Partial<AccountSpec> = {},
): AccountSpec {
  return {
    connection: "google-oauth2",
    providerUserId: person.googleId,
    email: person.email,
    emailVerified: true,
    createdAt,
    ...extra,
  };
}

export function startLinkableScenario(settings: Record<string, string> = {}): Promise<Scenario> {
  return startScenario({
    settings,
    accounts: [
      personDatabaseAccount({ userMetadata: { theme: "dark" }, appMetadata: { plan: "pro" } }),
      personGoogleAccount(monthsAgo(2), {
        userMetadata: { locale: "en", newsletter: { weekly: true } },
      }),
    ],
  });
}

function combined(...losses: Loss[]): Loss {
  return {
    identities: [...new Set(losses.flatMap((loss) => loss.identities))],
    metadataKeys: [...new Set(losses.flatMap((loss) => loss.metadataKeys))],
  };
}

/** The login went on as a user that exists once the Action's effects have landed. */
export function expectLoginWentOn(result: LoginResult, sessionUserExists: boolean): void {
  expect(result.error).toBeUndefined();
  expect(result.denied).toBeUndefined();
  expect(result.sessionUserId).toBeDefined();
  expect(sessionUserExists, "the session's user must still exist once every request landed").toBe(
    true,
  );
}

export function sessionUserExists(scenario: Scenario, result: LoginResult): boolean {
  return result.sessionUserId !== undefined && scenario.user(result.sessionUserId) !== undefined;
}

/** Every account of the person is one user, holding everything the person had. */
export function expectOnePrimaryHoldingAll(
  scenario: Scenario,
  email: string,
  before: PersonInventory,
): string {
  const accounts = scenario.tenant.state.snapshot().filter((user) => user.email === email);
  expect(accounts).toHaveLength(1);
  const [primary] = accounts;
  const identities = primary?.identities.map(
    (identity) => `${identity.provider}|${identity.user_id}`,
  );
  expect(new Set(identities)).toEqual(before.identities);
  expect(new Set(Object.keys(primary?.user_metadata ?? {}))).toEqual(before.userMetadataKeys);
  expect(primary?.app_metadata).toHaveProperty(MARKER_KEY);
  return primary?.user_id as string;
}

export interface FaultPlay {
  inject(scenario: Scenario): void;
  login?: LoginInput;
  /** ON_ERROR=deny: the faulty login must be refused rather than go on. */
  expectDenied?: boolean;
  /** Waits for requests the emulator is still holding (latency) before the next login. */
  settle?(scenario: Scenario): Promise<void>;
}

/**
 * One faulty login, then the next login without the fault: the faulty one goes on (or is denied
 * when asked), nothing the person had is lost at any point, and the next one finishes the work.
 */
export async function playFaultThenRecovery(
  record: CaseRecord,
  scenario: Scenario,
  play: FaultPlay,
): Promise<{ faulty: LoginResult; next: LoginResult }> {
  const login = play.login ?? googleLogin;
  const loginUserId = scenario.userId(login.connection, login.providerUserId);
  const before = withIdentity(scenario.inventory(person.email), loginUserId);

  play.inject(scenario);
  const faulty = await scenario.login(login);
  await play.settle?.(scenario);
  const faultySessionExists = sessionUserExists(scenario, faulty);
  scenario.tenant.api.faults.clear();
  const afterFaulty = scenario.inventory(person.email);
  const next = await scenario.login(login);
  record.loss = combined(
    lossBetween(before, afterFaulty),
    lossBetween(before, scenario.inventory(person.email)),
  );
  record.outcome = `faulty login ${describeLogin(faulty)}; next login ${describeLogin(next)}`;

  if (play.expectDenied) {
    expect(faulty.denied).toBeDefined();
    expect(faulty.sessionUserId).toBeUndefined();
  } else {
    expectLoginWentOn(faulty, faultySessionExists);
  }
  expect(lossBetween(before, afterFaulty)).toEqual({ identities: [], metadataKeys: [] });
  expectLoginWentOn(next, sessionUserExists(scenario, next));
  const primary = expectOnePrimaryHoldingAll(scenario, person.email, before);
  expect(next.sessionUserId).toBe(primary);
  expect(scenario.user(primary)?.app_metadata).toMatchObject({ plan: "pro" });
  return { faulty, next };
}

/** Waits until the emulator has answered (or dropped) every request it held back on purpose. */
export async function settleLatency(scenario: Scenario, requests = 1): Promise<void> {
  await vi.waitFor(
    () => {
      const held = scenario.tenant.api.requestLog
        .entries()
        .filter((entry) => entry.fault === "latency");
      if (held.length < requests) throw new Error("a delayed request is still being held");
    },
    { timeout: 10_000, interval: 50 },
  );
}
