import type { AccountSnapshot } from "./account";
import {
  type CarriedKeys,
  type CopyLocation,
  type LinkPath,
  type LinkRecord,
  linkRecordsPatch,
  type Metadata,
  readLinkRecords,
} from "./link-records";
import type { MetadataCarry } from "./metadata-merge";
import { resumePendingRecord } from "./pending-record";
import { PROFILE_SIZE_LIMIT_BYTES, serializedBytes } from "./profile-size";
import { RULES_VERSION } from "./rules-version";
import { digestValue } from "./value-digest";

/** An audit record before the shell stamps the time the link is made. */
export type PlannedLinkRecord = Omit<LinkRecord, "at">;

/** A secondary's metadata as it was, whole: what a journal keeps beside the bounded copy. */
export interface CompleteSecondaryCopy {
  secondary: string;
  user_metadata: Metadata;
  app_metadata: Metadata;
}

export interface RecoveryPlan {
  /** One record per secondary, in link order. */
  records: PlannedLinkRecord[];
  completeCopies: CompleteSecondaryCopy[];
  /** The secondaries' never-link marks the primary lacks: it inherits them with the records. */
  newMarks: string[];
  /** The primary's serialized size once linked, carried metadata, copies and records included. */
  projectedProfileBytes: number;
}

export type RecoveryDecision =
  | { fits: true; recovery: RecoveryPlan }
  | { fits: false; projectedProfileBytes: number; limitBytes: number };

export interface RecoveryOptions {
  path: LinkPath;
  /**
   * Where a complete copy is also kept (the backfill's journal): a copy that does not fit in the
   * profile then stays only there. Without it, a copy that does not fit stops the link.
   */
  journalRef?: string;
}

// An ISO 8601 instant from Date#toISOString always has this length, so records can be sized
// before the shell knows when it will link.
const TIMESTAMP_PLACEHOLDER = "0000-00-00T00:00:00.000Z";

function copyOf(metadata: Metadata) {
  const copy: Metadata = {};
  for (const key of Object.keys(metadata)) {
    // JSON round trip: an own `__proto__` key stays data and never becomes a prototype.
    Object.defineProperty(copy, key, {
      value: JSON.parse(JSON.stringify(metadata[key]) ?? "null"),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

function carriedKeys(secondaryId: string, carry: MetadataCarry): CarriedKeys {
  const digests = (carried: Metadata, from: ReadonlyMap<string, string>) =>
    Object.fromEntries(
      Object.keys(carried)
        .filter((key) => from.get(key) === secondaryId)
        .map((key) => [key, digestValue(carried[key])]),
    );
  return {
    user_metadata: digests(carry.userMetadata, carry.carriedFrom.userMetadata),
    app_metadata: digests(carry.appMetadata, carry.carriedFrom.appMetadata),
  };
}

// The carry only fills keys the primary lacks today; should it ever replace one, the primary's
// value must be kept too.
function overwrittenPrimaryValues(primary: AccountSnapshot, carry: MetadataCarry) {
  const pick = (current: Metadata, patch: Metadata) =>
    Object.fromEntries(
      Object.keys(patch)
        .filter((key) => Object.hasOwn(current, key))
        .map((key) => [key, current[key]]),
    );
  const overwritten = {
    user_metadata: pick(primary.userMetadata, carry.userMetadata),
    app_metadata: pick(primary.appMetadata, carry.appMetadata),
  };
  const any =
    Object.keys(overwritten.user_metadata).length + Object.keys(overwritten.app_metadata).length;
  return any > 0 ? overwritten : undefined;
}

/**
 * The secondary's metadata whole, carried keys included: the primary may change a carried value
 * after the link, and the undo must still give the secondary back what it had.
 */
function profileCopy(
  secondary: AccountSnapshot,
  overwritten: ReturnType<typeof overwrittenPrimaryValues>,
): CopyLocation {
  const user_metadata = copyOf(secondary.userMetadata);
  const app_metadata = copyOf(secondary.appMetadata);
  const nothingLost =
    Object.keys(user_metadata).length === 0 &&
    Object.keys(app_metadata).length === 0 &&
    overwritten === undefined;
  if (nothingLost) return { in: "none" };
  return {
    in: "app_metadata",
    user_metadata,
    app_metadata,
    ...(overwritten ? { primary_overwritten: overwritten } : {}),
  };
}

function profileBytesOf(account: AccountSnapshot): number {
  return account.profileBytes ?? serializedBytes(account);
}

// A secondary's profile moves into the primary's identities as profileData; its metadata is
// discarded. Counting everything else it has over-estimates a little, never under.
function movedProfileBytes(secondary: AccountSnapshot): number {
  return Math.max(
    0,
    profileBytesOf(secondary) -
      serializedBytes(secondary.userMetadata) -
      serializedBytes(secondary.appMetadata),
  );
}

/**
 * The root `app_metadata` keys that keep the plan's records (made `at`) and the marks the primary
 * inherits: each record and mark its own key, so no other record of the primary is rewritten.
 */
export function linkRecordsPatchOf(
  recovery: Pick<RecoveryPlan, "records" | "newMarks">,
  at: string,
): Metadata {
  return linkRecordsPatch(
    recovery.records.map((record) => ({ at, ...record })),
    recovery.newMarks,
  );
}

function projectedBytes(
  primary: AccountSnapshot,
  secondaries: readonly AccountSnapshot[],
  carry: MetadataCarry,
  recovery: Pick<RecoveryPlan, "records" | "newMarks">,
): number {
  const patch = linkRecordsPatchOf(recovery, TIMESTAMP_PLACEHOLDER);
  // `,"key":` around each root value.
  const keyBytes = (metadata: Metadata) =>
    Object.keys(metadata).reduce((sum, key) => sum + serializedBytes(key) + 2, 0);
  const replaced = Object.keys(patch).filter((key) => Object.hasOwn(primary.appMetadata, key));
  const replacedBytes = replaced.reduce(
    (sum, key) => sum + serializedBytes(primary.appMetadata[key]),
    0,
  );
  return (
    profileBytesOf(primary) -
    replacedBytes +
    serializedBytes(patch) +
    keyBytes(patch) +
    serializedBytes(carry.userMetadata) +
    keyBytes(carry.userMetadata) +
    serializedBytes(carry.appMetadata) +
    keyBytes(carry.appMetadata) +
    secondaries.reduce((sum, secondary) => sum + movedProfileBytes(secondary), 0)
  );
}

/**
 * What the links would destroy, kept where an undo can read it, and whether it fits: the
 * primary's profile must stay within Auth0's size limit once linked, copy included. A copy that
 * does not fit is kept in the journal when the shell has one, else the link is not made.
 */
export function planRecovery(
  primary: AccountSnapshot,
  secondaries: readonly AccountSnapshot[],
  carry: MetadataCarry,
  options: RecoveryOptions,
): RecoveryDecision {
  const overwritten = overwrittenPrimaryValues(primary, carry);
  const build = (copyIn: "profile" | "journal") => {
    const current = readLinkRecords(primary.appMetadata);
    const records = secondaries.map((secondary, index): PlannedLinkRecord => {
      const [identity] = secondary.identities;
      const inProfile = profileCopy(secondary, index === 0 ? overwritten : undefined);
      const copy: CopyLocation =
        copyIn === "journal" && inProfile.in !== "none" && options.journalRef !== undefined
          ? { in: "journal", ref: options.journalRef }
          : inProfile;
      const fresh: PlannedLinkRecord = {
        path: options.path,
        rules: RULES_VERSION,
        primary: primary.userId,
        secondary: secondary.userId,
        provider: identity?.provider ?? "",
        provider_user_id: identity?.providerUserId ?? "",
        carried: carriedKeys(secondary.userId, carry),
        copy,
      };
      return resumePendingRecord(primary, secondary, fresh, current.links);
    });
    const newMarks = new Set<string>();
    for (const secondary of secondaries) {
      for (const id of readLinkRecords(secondary.appMetadata).unlinked) {
        if (!current.unlinked.includes(id)) newMarks.add(id);
      }
    }
    const recovery = {
      records,
      completeCopies: secondaries.map((secondary) => ({
        secondary: secondary.userId,
        user_metadata: secondary.userMetadata,
        app_metadata: secondary.appMetadata,
      })),
      newMarks: [...newMarks],
    };
    return {
      ...recovery,
      projectedProfileBytes: projectedBytes(primary, secondaries, carry, recovery),
    };
  };

  const inProfile = build("profile");
  if (inProfile.projectedProfileBytes <= PROFILE_SIZE_LIMIT_BYTES) {
    return { fits: true, recovery: inProfile };
  }
  if (options.journalRef !== undefined) {
    const inJournal = build("journal");
    if (inJournal.projectedProfileBytes <= PROFILE_SIZE_LIMIT_BYTES) {
      return { fits: true, recovery: inJournal };
    }
    return {
      fits: false,
      projectedProfileBytes: inJournal.projectedProfileBytes,
      limitBytes: PROFILE_SIZE_LIMIT_BYTES,
    };
  }
  return {
    fits: false,
    projectedProfileBytes: inProfile.projectedProfileBytes,
    limitBytes: PROFILE_SIZE_LIMIT_BYTES,
  };
}
