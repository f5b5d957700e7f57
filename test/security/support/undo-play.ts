import { expect } from "vitest";
import type { LoginResult } from "../../../src/local-tenant/simulator/login";
import type { StoredUser } from "../../../src/local-tenant/tenant-state";
import { restorable } from "../../undo/support/linked-pair";
import { runCli, undoEnvironment } from "../../undo/support/undo-cli";
import { googleLogin, person } from "./fault-play";
import { type SecondaryPayload, startCarryingScenario } from "./metadata-play";
import { lossBetween, noLoss } from "./person-inventory";
import type { CaseRecord } from "./recorder";
import { linkingLine, type Scenario } from "./scenario";

export interface UndoPlayResult {
  scenario: Scenario;
  login: LoginResult;
  primaryId: string;
  secondaryId: string;
  /** The primary between the link and the undo. */
  primaryLinked: StoredUser;
  unlinkOutput: string;
}

/**
 * The person's secondary logs in and is linked; every value it had must then be in the primary
 * or in a recoverable copy (the loss is recorded); then the undo must give both accounts back
 * exactly as they were.
 */
export async function linkThenUndo(
  record: CaseRecord,
  payload: SecondaryPayload,
): Promise<UndoPlayResult> {
  const { scenario, primaryId, secondaryId, primaryBefore, secondaryBefore } =
    await startCarryingScenario(payload);
  const before = scenario.inventory(person.email);
  const login = await scenario.login(googleLogin);
  record.loss = lossBetween(before, scenario.inventory(person.email));
  const primaryLinked = scenario.user(primaryId) as StoredUser;
  const line = linkingLine(login);
  record.outcome = `linked; copied ${(line.copied_metadata_keys ?? []).join(", ") || "nothing"}`;
  expect(line).toMatchObject({ outcome: "linked", links: 1 });
  expect(login.sessionUserId).toBe(primaryId);
  expect(record.loss).toEqual(noLoss);

  const unlinkOutput = await unlinkRestoresBoth(record, scenario, {
    primaryId,
    secondaryId,
    primaryBefore,
    secondaryBefore,
  });
  return { scenario, login, primaryId, secondaryId, primaryLinked, unlinkOutput };
}

/**
 * `npm run unlink -- --apply` of the pair gives both accounts back exactly as they were before
 * the link; returns what it printed.
 */
export async function unlinkRestoresBoth(
  record: CaseRecord,
  scenario: Scenario,
  pair: {
    primaryId: string;
    secondaryId: string;
    primaryBefore: StoredUser;
    secondaryBefore: StoredUser;
  },
): Promise<string> {
  const unlink = await runCli(
    "unlink",
    ["--primary", pair.primaryId, "--secondary", pair.secondaryId, "--apply"],
    await undoEnvironment(scenario.tenant.api),
  );
  record.outcome += `; npm run unlink exit ${unlink.exitCode}`;
  expect(unlink.stderr).toBe("");
  expect(unlink.exitCode).toBe(0);
  expect(restorable(scenario.user(pair.primaryId))).toEqual(restorable(pair.primaryBefore));
  expect(restorable(scenario.user(pair.secondaryId))).toEqual(restorable(pair.secondaryBefore));
  record.outcome += "; both accounts back as they were";
  return unlink.stdout;
}
