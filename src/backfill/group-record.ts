import type { AccountSnapshot } from "../linking/account";
import { lookupVariants } from "../linking/email";
import { hashEmail } from "../linking/email-hash";
import { hasValidMarker, markerEmailHash } from "../linking/marker";
import { metadataCarryPatch } from "../linking/metadata-merge";
import { factorsToRead } from "../linking/mfa-factors";
import { HOLDINGS } from "../linking/secondary-holdings";
import type { GroupDecision } from "./plan-group";

/** One line of plan.jsonl: user ids and the keyed hash, never an address. */
export interface GroupRecord {
  /** The keyed hash of the address, as the Action logs it (`email_hash`). */
  group: string;
  accounts: number;
  decision: "link" | "refused";
  /** `would_link`, or the stable code of the rule that refused the group. */
  reason: string;
  primary_user_id?: string;
  secondary_user_ids: string[];
  excluded: { user_id: string; reason: string }[];
  carries_metadata: boolean;
  dropped_metadata_keys: string[];
  /** Management API requests that applying this group costs, reads and writes. */
  requests: { reads: number; writes: number };
}

export interface RecordKeys {
  /** The Action's `email_hash` key: its client secret. */
  clientSecret: string;
  domain: string;
}

/** Every form of the address the group's accounts are stored with, and its lower-case form. */
export function addressForms(members: readonly AccountSnapshot[]): string[] {
  const forms = new Set<string>();
  for (const member of members) {
    for (const form of lookupVariants(member.email ?? "")) forms.add(form);
  }
  forms.delete("");
  return [...forms].sort();
}

export function toGroupRecord(
  members: readonly AccountSnapshot[],
  decision: GroupDecision,
  keys: RecordKeys,
): GroupRecord {
  const email = members[0]?.email ?? "";
  const excluded = decision.excluded.map(({ userId, reason }) => ({ user_id: userId, reason }));
  const base = {
    group: hashEmail(email, keys.clientSecret),
    accounts: new Set(members.map((member) => member.userId)).size,
    excluded,
  };
  if (decision.kind === "refused") {
    return {
      ...base,
      decision: "refused",
      reason: decision.reason,
      secondary_user_ids: [],
      carries_metadata: false,
      dropped_metadata_keys: [],
      requests: { reads: 0, writes: 0 },
    };
  }
  const { plan } = decision;
  const carries = metadataCarryPatch(plan.metadataCarry) !== undefined;
  const marked = hasValidMarker(plan.primary.appMetadata, markerEmailHash(email, keys.domain));
  return {
    ...base,
    decision: "link",
    reason: "would_link",
    primary_user_id: plan.primary.userId,
    secondary_user_ids: plan.links.map((step) => step.secondaryUserId),
    carries_metadata: carries,
    dropped_metadata_keys: plan.metadataCarry.dropped.map((dropped) => dropped.key),
    requests: {
      // Each stored form of the address, the authentication methods of the accounts whose
      // `multifactor` settles nothing, then each planned secondary's organization memberships,
      // roles and permissions.
      reads:
        addressForms(members).length +
        factorsToRead(members).length +
        HOLDINGS.length * plan.links.length,
      // The PATCH before the links always goes: it carries the audit records, and the copies.
      writes: 1 + plan.links.length + Number(!marked),
    },
  };
}
