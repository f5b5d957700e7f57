import type { GroupRecord } from "./group-record";

/** What summary.md reports. */
export interface PlanCounts {
  users: number;
  withoutEmail: number;
  /** Lines that are not JSON objects, and accounts the Action would not read. */
  malformed: number;
  groups: number;
  accountsInGroups: number;
  linkGroups: number;
  /** Links the plan makes: one per secondary. */
  links: number;
  metadataCarries: number;
  droppedMetadataKeys: number;
  refusedGroups: Record<string, number>;
  excludedAccounts: Record<string, number>;
  reads: number;
  writes: number;
}

export function emptyCounts(): PlanCounts {
  return {
    users: 0,
    withoutEmail: 0,
    malformed: 0,
    groups: 0,
    accountsInGroups: 0,
    linkGroups: 0,
    links: 0,
    metadataCarries: 0,
    droppedMetadataKeys: 0,
    refusedGroups: {},
    excludedAccounts: {},
    reads: 0,
    writes: 0,
  };
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export function countGroup(counts: PlanCounts, record: GroupRecord): void {
  counts.groups++;
  counts.accountsInGroups += record.accounts;
  for (const { reason } of record.excluded) increment(counts.excludedAccounts, reason);
  if (record.decision === "refused") {
    increment(counts.refusedGroups, record.reason);
    return;
  }
  counts.linkGroups++;
  counts.links += record.secondary_user_ids.length;
  counts.metadataCarries += Number(record.carries_metadata);
  counts.droppedMetadataKeys += record.dropped_metadata_keys.length;
  counts.reads += record.requests.reads;
  counts.writes += record.requests.writes;
}
