import { expect } from "vitest";
import type { LoginInput, LoginResult } from "../../../src/local-tenant/simulator/login";
import { lossBetween, noLoss } from "./person-inventory";
import type { CaseRecord } from "./recorder";
import { countLinkRequests, describeLogin, linkingLine, type Scenario } from "./scenario";

/** An identity by the connection it signs in through, as a scenario's accounts name it. */
export interface IdentityRef {
  connection: string;
  providerUserId: string;
}

export interface ControlPlay {
  login: LoginInput;
  /** The account every identity ends in. */
  primary: IdentityRef;
  /** The accounts the login joins to the primary; the account that logs in unless told. */
  secondaries?: IdentityRef[];
}

/**
 * The control of an attack: the same setup where linking is right, played as one login. The link
 * must really happen: the Action says it linked each secondary, one link request each, the primary
 * holds every secondary's identity, each secondary user is gone, the session is the primary's, and
 * the person lost nothing (every metadata value is on the primary or in its copy).
 */
export async function playControl(
  record: CaseRecord,
  scenario: Scenario,
  play: ControlPlay,
): Promise<LoginResult> {
  const secondaries = play.secondaries ?? [play.login];
  const primaryId = scenario.userId(play.primary.connection, play.primary.providerUserId);
  const secondaryIds = secondaries.map((account) =>
    scenario.userId(account.connection, account.providerUserId),
  );
  const email = scenario.user(primaryId)?.email ?? play.login.email ?? "";
  const before = scenario.inventory(email);
  const primaryIdentities = scenario.user(primaryId)?.identities.length ?? 1;
  const mark = scenario.tenant.api.requestLog.mark();

  const login = await scenario.login(play.login);
  const links = countLinkRequests(scenario.tenant, mark);
  record.loss = lossBetween(before, scenario.inventory(email));
  record.outcome = `${describeLogin(login)}; ${links} link requests`;

  expect(login.error).toBeUndefined();
  expect(login.denied).toBeUndefined();
  expect(linkingLine(login)).toMatchObject({ outcome: "linked", links: secondaries.length });
  expect(links).toBe(secondaries.length);
  expect(login.sessionUserId).toBe(primaryId);
  for (const [index, account] of secondaries.entries()) {
    expect(scenario.ownerOf(account.connection, account.providerUserId)).toBe(primaryId);
    expect(scenario.user(secondaryIds[index] as string), "the secondary user is gone").toBe(
      undefined,
    );
  }
  expect(scenario.user(primaryId)?.identities).toHaveLength(primaryIdentities + secondaries.length);
  expect(record.loss).toEqual(noLoss);
  return login;
}
