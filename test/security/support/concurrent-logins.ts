import { expect } from "vitest";
import type { LoginInput, LoginResult } from "../../../src/local-tenant/simulator/login";
import type { Connection } from "../../../src/local-tenant/tenant-state";
import { type AccountSpec, storedAccount } from "./accounts";
import { expectOnePrimaryHoldingAll } from "./fault-play";
import { inventoryOf, lossBetween, type PersonInventory } from "./person-inventory";
import type { CaseRecord } from "./recorder";
import { describeLogin, type Scenario } from "./scenario";

export interface ConcurrentPlay {
  email: string;
  logins: LoginInput[];
  /** Accounts of the person that exist before the logins, for the inventory. */
  existing: AccountSpec[];
}

function expectedInventory(scenario: Scenario, play: ConcurrentPlay): PersonInventory {
  const firstLoginAccounts = play.logins.map((login) =>
    storedAccount(scenario.connections, {
      connection: login.connection,
      providerUserId: login.providerUserId,
      email: play.email,
      createdAt: "",
    }),
  );
  const existing = play.existing.map((spec) => storedAccount(scenario.connections, spec));
  return inventoryOf([...existing, ...firstLoginAccounts], play.email);
}

function tally(outcomes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return [...counts].map(([outcome, count]) => `${count} x ${outcome}`).join(", ");
}

export function sessionsOf(results: readonly LoginResult[]): (string | undefined)[] {
  return results.map((result) => result.sessionUserId);
}

/**
 * Plays the logins all at once. Every one must go on as a user that exists when they are all
 * done, all of them as the same user, which holds every identity and user_metadata key.
 */
export async function playConcurrentLogins(
  record: CaseRecord,
  scenario: Scenario,
  play: ConcurrentPlay,
): Promise<LoginResult[]> {
  const expected = expectedInventory(scenario, play);
  const results = await Promise.all(play.logins.map((login) => scenario.login(login)));
  record.loss = lossBetween(expected, scenario.inventory(play.email));
  const sessions = new Set(sessionsOf(results));
  record.outcome = `${results.length} logins ended as ${sessions.size} session user(s): ${tally(
    results.map((result) => describeLogin(result).replace(/^signed in as \S+ /, "")),
  )}`;

  for (const result of results) {
    expect(result.error).toBeUndefined();
    expect(result.denied).toBeUndefined();
  }
  const primary = expectOnePrimaryHoldingAll(scenario, play.email, expected);
  expect([...sessions]).toEqual([primary]);
  return results;
}

export function extraDatabaseConnections(count: number): Connection[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `con_ExtraDbConn${String(index).padStart(5, "0")}`,
    name: `customer-database-${index + 1}`,
    strategy: "auth0",
  }));
}
