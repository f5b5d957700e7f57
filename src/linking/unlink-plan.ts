import type { AccountSnapshot } from "./account";
import {
  LINK_RECORDS_KEY,
  type LinkRecord,
  type LinkRecords,
  type Metadata,
  readLinkRecords,
} from "./link-records";
import { digestValue } from "./value-digest";

export interface SecondaryIdentity {
  provider: string;
  /** Without the `provider|` prefix, as the unlink endpoint wants it. */
  userId: string;
}

/** `provider|user_id`, split at the first `|`: providers never hold one, ids may. */
export function parseSecondaryId(id: string): SecondaryIdentity | undefined {
  const bar = id.indexOf("|");
  if (bar <= 0 || bar === id.length - 1) return undefined;
  return { provider: id.slice(0, bar), userId: id.slice(bar + 1) };
}

/** The secondary's metadata as it was before the link, from a journal that kept it whole. */
export interface CompleteCopy {
  user_metadata: Metadata;
  app_metadata: Metadata;
}

export interface KeysByField {
  user_metadata: string[];
  app_metadata: string[];
}

export interface UnlinkPlan {
  primaryId: string;
  secondaryId: string;
  identity: SecondaryIdentity;
  /** The identity is still on the primary: the unlink itself is still to be made. */
  identityLinked: boolean;
  record?: LinkRecord;
  /** What the recreated user gets back (its never-link mark included). */
  restore: { user_metadata: Metadata; app_metadata: Metadata };
  /** Where the restored values came from, or why there are none. */
  restoredFrom: "profile_copy" | "journal_copy" | "carried_only" | "no_record" | "copy_elsewhere";
  /** Carried keys the primary still holds exactly as they came: removed from it. */
  removeFromPrimary: KeysByField;
  /** Carried keys the primary has changed since: kept on it, reported. */
  keptOnPrimary: KeysByField;
  /** The primary's records with the pair marked, written before the unlink. */
  primaryMarked: LinkRecords;
  /** The primary's records once done: the record closed and its copy dropped. */
  primaryDone: LinkRecords;
}

function withMark(records: LinkRecords, otherId: string): LinkRecords {
  return records.unlinked.includes(otherId)
    ? records
    : { ...records, unlinked: [...records.unlinked, otherId] };
}

function latestRecordFor(records: LinkRecords, secondaryId: string): LinkRecord | undefined {
  return records.links.filter((record) => record.secondary === secondaryId).at(-1);
}

// JSON round trip: a key named `__proto__` in a copy stays data in the restored object.
function defineOwn(target: Metadata, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value: JSON.parse(JSON.stringify(value) ?? "null"),
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function splitCarried(primaryMetadata: Metadata, carried: Record<string, string>) {
  const stillCarried: Metadata = {};
  const removed: string[] = [];
  const kept: string[] = [];
  for (const [key, digest] of Object.entries(carried)) {
    if (Object.hasOwn(primaryMetadata, key) && digestValue(primaryMetadata[key]) === digest) {
      defineOwn(stillCarried, key, primaryMetadata[key]);
      removed.push(key);
    } else {
      kept.push(key);
    }
  }
  return { stillCarried, removed, kept };
}

function secondaryMark(appMetadata: Metadata, apartFrom: readonly string[]): LinkRecords {
  return apartFrom.reduce(withMark, readLinkRecords(appMetadata));
}

/**
 * How to reverse one link, from the primary as it is now: what the recreated user gets back (the
 * copy, plus the carried values the primary still holds as they came), what leaves the primary
 * (only those), and the marks that keep every shell from linking the pair again. It reads the
 * state, not a history, so planning again after any part was applied plans the rest.
 */
export function planUnlink(input: {
  primary: AccountSnapshot;
  secondaryId: string;
  identity: SecondaryIdentity;
  journalCopy?: CompleteCopy;
  /**
   * Other accounts the secondary shared its user with, to keep apart as well: undoing a whole
   * backfill group leaves none of its accounts linkable with another.
   */
  alsoApartFrom?: readonly string[];
  at: string;
}): UnlinkPlan {
  const { primary, secondaryId, identity } = input;
  const records = readLinkRecords(primary.appMetadata);
  const record = latestRecordFor(records, secondaryId);
  const identityLinked = primary.identities.some(
    (candidate) =>
      candidate.provider === identity.provider && candidate.providerUserId === identity.userId,
  );
  const carriedUser = splitCarried(primary.userMetadata, record?.carried.user_metadata ?? {});
  const carriedApp = splitCarried(primary.appMetadata, record?.carried.app_metadata ?? {});

  const userMetadata: Metadata = {};
  const appMetadata: Metadata = {};
  let restoredFrom: UnlinkPlan["restoredFrom"] = "no_record";
  const copy = record?.copy;
  if (input.journalCopy) {
    for (const [key, value] of Object.entries(input.journalCopy.user_metadata)) {
      defineOwn(userMetadata, key, value);
    }
    for (const [key, value] of Object.entries(input.journalCopy.app_metadata)) {
      defineOwn(appMetadata, key, value);
    }
    restoredFrom = "journal_copy";
  } else if (record) {
    for (const [key, value] of Object.entries(carriedUser.stillCarried)) {
      defineOwn(userMetadata, key, value);
    }
    for (const [key, value] of Object.entries(carriedApp.stillCarried)) {
      defineOwn(appMetadata, key, value);
    }
    if (copy?.in === "app_metadata") {
      for (const [key, value] of Object.entries(copy.user_metadata))
        defineOwn(userMetadata, key, value);
      for (const [key, value] of Object.entries(copy.app_metadata))
        defineOwn(appMetadata, key, value);
      restoredFrom = "profile_copy";
    } else {
      restoredFrom = copy?.in === "journal" ? "copy_elsewhere" : "carried_only";
    }
  }
  appMetadata[LINK_RECORDS_KEY] = secondaryMark(appMetadata, [
    primary.userId,
    ...(input.alsoApartFrom ?? []).filter((id) => id !== secondaryId),
  ]);

  const marked = withMark(records, secondaryId);
  const closed = marked.links.map((candidate) =>
    candidate === record
      ? { ...candidate, copy: { in: "restored" as const }, unlinked_at: input.at }
      : candidate,
  );
  return {
    primaryId: primary.userId,
    secondaryId,
    identity,
    identityLinked,
    ...(record ? { record } : {}),
    restore: { user_metadata: userMetadata, app_metadata: appMetadata },
    restoredFrom,
    removeFromPrimary: { user_metadata: carriedUser.removed, app_metadata: carriedApp.removed },
    keptOnPrimary: { user_metadata: carriedUser.kept, app_metadata: carriedApp.kept },
    primaryMarked: marked,
    primaryDone: { ...marked, links: closed },
  };
}
