import type { AdminClient, AdminFailure } from "../../admin";
import { describeFailure } from "../../admin";
import {
  membershipInAnswer,
  type OrganizationMemberships,
  secondariesToCheck,
} from "../../linking/organization-rules";
import type { LinkPlan } from "../../linking/plan";

export type MembershipsRead =
  | { ok: true; memberships: OrganizationMemberships }
  /** `tokenless`: no token could be had, so no other group can go on either. */
  | { ok: false; detail: string; tokenless: boolean };

/**
 * Whether each account the group's plan would make a secondary is a member of any organization,
 * one read each, after the client's own retries. An export holds no memberships, so this is
 * read from the tenant; the first read without an answer stops it, and the group with it.
 */
export async function readMemberships(
  client: AdminClient,
  plan: Extract<LinkPlan, { kind: "link" }>,
): Promise<MembershipsRead> {
  const memberships: Record<string, boolean> = {};
  for (const userId of secondariesToCheck(plan)) {
    const answer = await client.firstOrganizationOf(userId);
    if (answer.kind !== "ok") return failedRead(answer);
    const member = membershipInAnswer(answer.value);
    if (member === undefined) {
      return { ok: false, detail: "an answer that is no list of organizations", tokenless: false };
    }
    memberships[userId] = member;
  }
  return { ok: true, memberships };
}

function failedRead(failure: AdminFailure<unknown>): MembershipsRead {
  return { ok: false, detail: describeFailure(failure), tokenless: failure.kind === "not_sent" };
}
