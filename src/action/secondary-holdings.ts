import type { LinkPlan } from "../linking/plan";
import {
  collectHoldings,
  type Holding,
  type HoldingsCollected,
  secondariesToCheck,
} from "../linking/secondary-holdings";
import type { RequestFailure } from "./management/failure";
import type { ManagementPort } from "./management/management-port";
import type { CallResult } from "./management/retry-policy";

export type HoldingsResult = HoldingsCollected<RequestFailure>;

function readHolding(
  port: ManagementPort,
  holding: Holding,
  userId: string,
): Promise<CallResult<boolean>> {
  if (holding === "organizations") return port.hasOrganizationMembership(userId);
  if (holding === "roles") return port.hasAssignedRoles(userId);
  return port.hasAssignedPermissions(userId);
}

/**
 * Reads, for each planned secondary, whether it is a member of any organization, has any role
 * or any permission assigned (`collectHoldings`: one round trip per secondary). Only a plan that
 * links pays for them.
 */
export function readSecondaryHoldings(
  port: ManagementPort,
  plan: Extract<LinkPlan, { kind: "link" }>,
): Promise<HoldingsResult> {
  return readHoldingsOf(port, secondariesToCheck(plan));
}

/** The same reads for user ids a link would make secondaries, before the link is planned. */
export function readHoldingsOf(
  port: ManagementPort,
  secondaries: readonly string[],
): Promise<HoldingsResult> {
  return collectHoldings(secondaries, async (userId, holding) => {
    const answer = await readHolding(port, holding, userId);
    return answer.ok ? { ok: true, holds: answer.value } : { ok: false, failure: answer.failure };
  });
}
