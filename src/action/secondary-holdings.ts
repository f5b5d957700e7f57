import type { LinkPlan } from "../linking/plan";
import {
  HOLDINGS,
  type Holding,
  type HoldingsBySecondary,
  type SecondaryHoldings,
  secondariesToCheck,
} from "../linking/secondary-holdings";
import type { RequestFailure } from "./management/failure";
import type { ManagementPort } from "./management/management-port";
import type { CallResult } from "./management/retry-policy";

export type HoldingsResult =
  | { ok: true; holdings: HoldingsBySecondary }
  /** `holding`: the list whose read failed, so the log can say which. */
  | { ok: false; holding: Holding; failure: RequestFailure };

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
 * or any permission assigned. The three reads of one secondary are independent and go out
 * together, so a linking login waits one round trip for them, not three. Only a plan that links
 * pays for them; the first failure (in the order of HOLDINGS) stops the reading, and the plan.
 */
export function readSecondaryHoldings(
  port: ManagementPort,
  plan: Extract<LinkPlan, { kind: "link" }>,
): Promise<HoldingsResult> {
  return readHoldingsOf(port, secondariesToCheck(plan));
}

/** The same reads for user ids a link would make secondaries, before the link is planned. */
export async function readHoldingsOf(
  port: ManagementPort,
  secondaries: readonly string[],
): Promise<HoldingsResult> {
  const holdings: Record<string, SecondaryHoldings> = {};
  for (const userId of secondaries) {
    const answers = await Promise.all(
      HOLDINGS.map(async (holding) => [holding, await readHolding(port, holding, userId)] as const),
    );
    const read: Partial<Record<Holding, boolean>> = {};
    for (const [holding, answer] of answers) {
      if (!answer.ok) return { ok: false, holding, failure: answer.failure };
      read[holding] = answer.value;
    }
    holdings[userId] = read as SecondaryHoldings;
  }
  return { ok: true, holdings };
}
