import type { LinkPlan } from "../linking/plan";
import {
  collectHoldings,
  type HoldingsCollected,
  secondariesToCheck,
} from "../linking/secondary-holdings";
import type { RequestFailure } from "./management/failure";
import type { ManagementPort } from "./management/management-port";

export type HoldingsResult = HoldingsCollected<RequestFailure>;

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
    const answer = await port.anyEntryOf(holding, userId);
    return answer.ok ? { ok: true, holds: answer.value } : { ok: false, failure: answer.failure };
  });
}
