import { type OrganizationMemberships, secondariesToCheck } from "../linking/organization-rules";
import type { LinkPlan } from "../linking/plan";
import type { RequestFailure } from "./management/failure";
import type { ManagementPort } from "./management/management-port";

export type MembershipsResult =
  | { ok: true; memberships: OrganizationMemberships }
  | { ok: false; failure: RequestFailure };

/**
 * Reads, one request per planned secondary, whether it is a member of any organization. Only a
 * plan that links pays for it; the first failure stops the reading, and the plan with it.
 */
export async function readSecondaryMemberships(
  port: ManagementPort,
  plan: Extract<LinkPlan, { kind: "link" }>,
): Promise<MembershipsResult> {
  const memberships: Record<string, boolean> = {};
  for (const userId of secondariesToCheck(plan)) {
    const answer = await port.hasOrganizationMembership(userId);
    if (!answer.ok) return answer;
    memberships[userId] = answer.value;
  }
  return { ok: true, memberships };
}
