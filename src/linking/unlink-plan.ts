import type { AccountSnapshot } from "./account";
import {
  type LinkRecord,
  type LinkRecords,
  linkRecordsPatch,
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
  /** The identity is the primary's main one: no unlink can take it, nothing is to be done. */
  mainIdentity: boolean;
  record?: LinkRecord;
  /** What the recreated user gets back (its never-link marks included). */
  restore: { user_metadata: Metadata; app_metadata: Metadata };
  /** Where the restored values came from, or why there are none. */
  restoredFrom: "profile_copy" | "journal_copy" | "carried_only" | "no_record" | "copy_elsewhere";
  /** Carried keys the primary still holds exactly as they came: removed from it. */
  removeFromPrimary: KeysByField;
  /** Carried keys the primary has changed since: kept on it, reported. */
  keptOnPrimary: KeysByField;
  /** The primary's mark, written before the unlink: its own key, so no other record is rewritten. */
  markPrimary: Metadata;
  /** The record closed (copy dropped, `unlinked_at` set), under its own key: written last. */
  closeRecord: Metadata;
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

function copyInto(target: Metadata, source: Metadata): void {
  for (const [key, value] of Object.entries(source)) defineOwn(target, key, value);
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

// Records of layout 1 (`account_links`) left the carried keys out of the copy: for those, the
// primary's value, when it is still the one carried, is the secondary's. A whole copy has them.
function withCarriedTheCopyLacks(copy: Metadata, stillCarried: Metadata): Metadata {
  const restored: Metadata = {};
  for (const [key, value] of Object.entries(stillCarried)) {
    if (!Object.hasOwn(copy, key)) defineOwn(restored, key, value);
  }
  copyInto(restored, copy);
  return restored;
}

function isMainIdentity(
  primary: AccountSnapshot,
  secondaryId: string,
  identity: SecondaryIdentity,
) {
  const [main] = primary.identities;
  return (
    secondaryId === primary.userId ||
    (main !== undefined &&
      main.provider === identity.provider &&
      main.providerUserId === identity.userId)
  );
}

/**
 * How to reverse one link, from the primary as it is now: what the recreated user gets back (the
 * copy, as the secondary had it before the link, whatever the primary holds since), what leaves
 * the primary (only the carried values it still holds as they came), and the marks that keep
 * every shell from linking the pair again. It reads the state, not a history, so planning again
 * after any part was applied plans the rest.
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
  const mainIdentity = isMainIdentity(primary, secondaryId, identity);
  const identityLinked =
    !mainIdentity &&
    primary.identities.some(
      (candidate) =>
        candidate.provider === identity.provider && candidate.providerUserId === identity.userId,
    );
  const carriedUser = splitCarried(primary.userMetadata, record?.carried.user_metadata ?? {});
  const carriedApp = splitCarried(primary.appMetadata, record?.carried.app_metadata ?? {});

  let userMetadata: Metadata = {};
  let appMetadata: Metadata = {};
  let restoredFrom: UnlinkPlan["restoredFrom"] = "no_record";
  const copy = record?.copy;
  if (input.journalCopy) {
    copyInto(userMetadata, input.journalCopy.user_metadata);
    copyInto(appMetadata, input.journalCopy.app_metadata);
    restoredFrom = "journal_copy";
  } else if (record) {
    const copied =
      copy?.in === "app_metadata"
        ? { user_metadata: copy.user_metadata, app_metadata: copy.app_metadata }
        : { user_metadata: {}, app_metadata: {} };
    userMetadata = withCarriedTheCopyLacks(copied.user_metadata, carriedUser.stillCarried);
    appMetadata = withCarriedTheCopyLacks(copied.app_metadata, carriedApp.stillCarried);
    restoredFrom =
      copy?.in === "app_metadata"
        ? "profile_copy"
        : copy?.in === "journal"
          ? "copy_elsewhere"
          : "carried_only";
  }
  const apartFrom = [
    primary.userId,
    ...(input.alsoApartFrom ?? []).filter((id) => id !== secondaryId),
  ];
  copyInto(appMetadata, linkRecordsPatch([], apartFrom));

  const closed = record
    ? { ...record, copy: { in: "restored" as const }, unlinked_at: input.at }
    : undefined;
  return {
    primaryId: primary.userId,
    secondaryId,
    identity,
    identityLinked,
    mainIdentity,
    ...(record ? { record } : {}),
    restore: { user_metadata: userMetadata, app_metadata: appMetadata },
    restoredFrom,
    removeFromPrimary: { user_metadata: carriedUser.removed, app_metadata: carriedApp.removed },
    keptOnPrimary: { user_metadata: carriedUser.kept, app_metadata: carriedApp.kept },
    markPrimary: linkRecordsPatch([], [secondaryId]),
    closeRecord: closed ? linkRecordsPatch([closed]) : {},
  };
}
