import { collectFactors, type FactorsCollected } from "../linking/mfa-factors";
import type { RequestFailure } from "./management/failure";
import type { ManagementPort } from "./management/management-port";

export type FactorsResult = FactorsCollected<RequestFailure>;

/**
 * Reads the authentication methods of each user id, all at once (`collectFactors`): whether a
 * second factor is among them. The caller sends it beside its other reads of the same step.
 */
export function readFactorsOf(
  port: ManagementPort,
  userIds: readonly string[],
): Promise<FactorsResult> {
  return collectFactors(userIds, async (userId) => {
    const answer = await port.hasSecondFactor(userId);
    return answer.ok
      ? { ok: true, enrolled: answer.value }
      : { ok: false, failure: answer.failure };
  });
}
