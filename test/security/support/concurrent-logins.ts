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
 * Plays the logins all at once. Every one must go on, none denied, and when they are all done one
 * user holds every identity and user_metadata key, and every session is that user.
 *
 * One exception, which is Auth0's own semantics and no Action can prevent: a link moves whoever
 * holds the identity, whole (support article "Attempting to Link a User to an Already Linked
 * Identity - Results Does not Fail"). In a storm of first logins a login can move its session onto
 * an account that another login, a moment later, merges whole into the final primary; that login
 * then ends as "user not found" for a user now inside the primary, or, when the merge comes just
 * after it ended, with a session on that user. It may end only so, and its next login must land
 * on the primary.
 */
export async function playConcurrentLogins(
  record: CaseRecord,
  scenario: Scenario,
  play: ConcurrentPlay,
): Promise<LoginResult[]> {
  const expected = expectedInventory(scenario, play);
  const results = await Promise.all(play.logins.map((login) => scenario.login(login)));
  record.loss = lossBetween(expected, scenario.inventory(play.email));
  const sessions = new Set(sessionsOf(results).filter((session) => session !== undefined));
  record.outcome = `${results.length} logins ended as ${sessions.size} session user(s): ${tally(
    results.map((result) => describeLogin(result).replace(/^signed in as \S+ /, "")),
  )}`;

  for (const result of results) expect(result.denied).toBeUndefined();
  const primary = expectOnePrimaryHoldingAll(scenario, play.email, expected);
  expect(sessions).toContain(primary);
  for (const [index, result] of results.entries()) {
    if (result.error === undefined && result.sessionUserId === primary) continue;
    const mergedAway =
      result.error === undefined
        ? result.sessionUserId
        : /^user not found: (.+)$/.exec(result.error)?.[1];
    expect(mergedAway).toBeDefined();
    expect(scenario.user(mergedAway as string)).toBeUndefined();
    const again = await scenario.login(play.logins[index] as LoginInput);
    expect(again.error).toBeUndefined();
    expect(again.sessionUserId).toBe(primary);
  }
  return results;
}

export function extraDatabaseConnections(count: number): Connection[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `con_ExtraDbConn${String(index).padStart(5, "0")}`,
    name: `customer-database-${index + 1}`,
    strategy: "auth0",
  }));
}
