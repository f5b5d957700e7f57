import type { LoginRejection } from "./login-rules";
import type { LinkPlan } from "./plan";

type LinkingPlan = Extract<LinkPlan, { kind: "link" }>;

/**
 * Whether each account a plan would make a secondary is a member of any organization, keyed by
 * user id, as a shell read it (`GET /api/v2/users/{id}/organizations`).
 */
export type OrganizationMemberships = Readonly<Record<string, boolean>>;

/** The user ids whose memberships a shell must read before this plan may run. */
export function secondariesToCheck(plan: LinkingPlan): string[] {
  return plan.links.map((step) => step.secondaryUserId);
}

/**
 * Memberships belong to a user id, and a secondary's user id is gone once it is linked: a link
 * would silently lose every membership the secondary has, and the next organization login of that
 * person would be refused. A secondary nobody said anything about counts as a member.
 */
export function checkSecondaryMemberships(
  plan: LinkingPlan,
  memberships: OrganizationMemberships,
): LoginRejection | undefined {
  const members = secondariesToCheck(plan).filter((userId) => memberships[userId] !== false);
  if (members.length === 0) return undefined;
  return {
    reason: "secondary_in_organization",
    detail: "an account the link would make a secondary is a member of an organization",
  };
}
