import { expect } from "vitest";
import type { LoginInput, LoginResult } from "../../../src/local-tenant/simulator/login";
import { victim } from "./people";
import type { CaseRecord } from "./recorder";
import {
  countLinkRequests,
  databaseConnection,
  describeLogin,
  type Scenario,
  withoutOwnLoginTraces,
} from "./scenario";

export interface AttackLogin {
  who: "victim" | "attacker";
  input: LoginInput;
}

export interface AttackPlay {
  /** The victim's accounts that exist before the first login. */
  victimAccounts: string[];
  logins: AttackLogin[];
}

/**
 * Plays the logins in order. No link may be made; every login goes on as the account of the
 * identity that logged in; the victim's accounts end as they were, apart from what the victim's
 * own logins write (counters, the marker); the attacker's accounts gain no identity.
 */
export async function playAttack(
  record: CaseRecord,
  scenario: Scenario,
  play: AttackPlay,
): Promise<LoginResult[]> {
  const victimBaselines = new Map(play.victimAccounts.map((id) => [id, scenario.user(id)]));
  const attackerIdentities = new Map<string, number>();
  const mark = scenario.tenant.api.requestLog.mark();
  const results: LoginResult[] = [];
  const owners: string[] = [];
  for (const login of play.logins) {
    const ownId = scenario.ownerOf(login.input.connection, login.input.providerUserId);
    owners.push(ownId);
    const result = await scenario.login(login.input);
    results.push(result);
    if (login.who === "victim" && !victimBaselines.has(ownId)) {
      victimBaselines.set(ownId, scenario.user(ownId));
    }
    if (login.who === "attacker") {
      attackerIdentities.set(ownId, scenario.user(ownId)?.identities.length ?? 0);
    }
  }
  const links = countLinkRequests(scenario.tenant, mark);
  record.outcome = `${play.logins
    .map((login, index) => `${login.who} ${describeLogin(results[index] as LoginResult)}`)
    .join("; ")}; ${links} link requests`;

  results.forEach((result, index) => {
    expect(result.error).toBeUndefined();
    expect(result.denied).toBeUndefined();
    expect(result.sessionUserId).toBe(owners[index]);
  });
  expect(links).toBe(0);
  for (const [id, baseline] of victimBaselines) {
    expect(baseline, `victim account ${id} exists`).toBeDefined();
    expect(withoutOwnLoginTraces(scenario.user(id))).toEqual(withoutOwnLoginTraces(baseline));
  }
  for (const [id, identities] of attackerIdentities) {
    expect(scenario.user(id)?.identities).toHaveLength(identities);
  }
  return results;
}

/** One attacker login played against the victim's password account, as `playAttack` checks it. */
export async function playAttackerLoginAgainstVictimDatabase(
  record: CaseRecord,
  scenario: Scenario,
  attackerLogin: LoginInput,
): Promise<LoginResult> {
  const [result] = await playAttack(record, scenario, {
    victimAccounts: [scenario.userId(databaseConnection, victim.databaseId)],
    logins: [{ who: "attacker", input: attackerLogin }],
  });
  return result as LoginResult;
}
