import type { LoginRejection } from "./login-rules";
import type { LinkPlan } from "./plan";

type LinkingPlan = Extract<LinkPlan, { kind: "link" }>;

/**
 * Whether each account a plan would make a secondary is a member of any organization, keyed by
 * user id, as a shell read it (`GET /api/v2/users/{id}/organizations`).
 */
export type OrganizationMemberships = Readonly<Record<string, boolean>>;

/**
 * Whether an answer of `GET /api/v2/users/{id}/organizations` holds a membership: a list, or
 * the paginated object (`include_totals`). Any other shape is `undefined`, which a shell treats
 * as a failed read, so the plan fails closed.
 */
export function membershipInAnswer(body: unknown): boolean | undefined {
  if (Array.isArray(body)) return body.length > 0;
  if (typeof body === "object" && body !== null) {
    const { organizations, total } = body as { organizations?: unknown; total?: unknown };
    if (Array.isArray(organizations)) {
      return organizations.length > 0 || (typeof total === "number" && total > 0);
    }
  }
  return undefined;
}

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
