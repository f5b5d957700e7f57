import { isPlainRecord } from "./account";
import { digestValue } from "./value-digest";

/**
 * Where earlier releases kept every audit record and never-link mark of an account (layout
 * `v: 1`), in one root `app_metadata` key. Auth0 merges metadata at the root only, so each write
 * replaced it whole and two links into one primary at the same instant kept one record. It is
 * still read, never written: tenants hold records in it.
 */
export const LINK_RECORDS_KEY = "account_links";
/**
 * Each audit record has its own root key (`account_link_` and a digest of the secondary's user id)
 * and so has each never-link mark (`account_unlinked_` and a digest of the other account's id):
 * Auth0's root merge keeps concurrent writes of different records apart. User ids are digested
 * because they may hold `.`, which a metadata key may not.
 */
export const LINK_RECORD_KEY_PREFIX = "account_link_";
export const UNLINKED_KEY_PREFIX = "account_unlinked_";

export type LinkPath = "login" | "prompt" | "backfill";
export const LINK_PATHS: readonly LinkPath[] = ["login", "prompt", "backfill"];

export type Metadata = Record<string, unknown>;

/** Root keys carried into the primary, each with the digest of the value it carried. */
export interface CarriedKeys {
  user_metadata: Record<string, string>;
  app_metadata: Record<string, string>;
}

/**
 * What the link destroyed: the secondary's `user_metadata` and `app_metadata` whole, carried keys
 * included (the primary may change them after the link), and any primary value the carry
 * replaced. Records of layout 1 left the carried keys out: their digest says whether
 * the primary still holds them as they came.
 */
export interface CopiedMetadata {
  user_metadata: Metadata;
  app_metadata: Metadata;
  primary_overwritten?: { user_metadata: Metadata; app_metadata: Metadata };
}

export type CopyLocation =
  | ({ in: "app_metadata" } & CopiedMetadata)
  | { in: "journal"; ref: string }
  /** The secondary had no metadata: the link destroyed nothing. */
  | { in: "none" }
  /** An undo put the copy back on the recreated user and dropped it from here. */
  | { in: "restored" };

export interface LinkRecord {
  at: string;
  path: LinkPath;
  rules: number;
  primary: string;
  secondary: string;
  /** The identity the secondary became, as the unlink endpoint names it. */
  provider: string;
  provider_user_id: string;
  carried: CarriedKeys;
  copy: CopyLocation;
  unlinked_at?: string;
}

/** An account's records and marks as read from both layouts. */
export interface LinkRecords {
  links: LinkRecord[];
  /** Accounts an administrator unlinked from this one: never to be linked with it again. */
  unlinked: string[];
}

export function linkRecordKey(secondaryId: string): string {
  return `${LINK_RECORD_KEY_PREFIX}${digestValue(secondaryId)}`;
}

export function unlinkedKey(otherId: string): string {
  return `${UNLINKED_KEY_PREFIX}${digestValue(otherId)}`;
}

/** The keys this project keeps its records and marks in: never carried, never the person's data. */
export function isLinkRecordsKey(key: string): boolean {
  return (
    key === LINK_RECORDS_KEY ||
    key.startsWith(LINK_RECORD_KEY_PREFIX) ||
    key.startsWith(UNLINKED_KEY_PREFIX)
  );
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isPlainRecord(value) && Object.values(value).every((item) => typeof item === "string");
}

function isCopyLocation(value: unknown): value is CopyLocation {
  if (!isPlainRecord(value)) return false;
  if (value.in === "none" || value.in === "restored") return true;
  if (value.in === "journal") return typeof value.ref === "string";
  return (
    value.in === "app_metadata" &&
    isPlainRecord(value.user_metadata) &&
    isPlainRecord(value.app_metadata)
  );
}

function isLinkRecord(value: unknown): value is LinkRecord {
  if (!isPlainRecord(value)) return false;
  const { carried } = value;
  return (
    typeof value.at === "string" &&
    LINK_PATHS.includes(value.path as LinkPath) &&
    typeof value.rules === "number" &&
    typeof value.primary === "string" &&
    typeof value.secondary === "string" &&
    typeof value.provider === "string" &&
    typeof value.provider_user_id === "string" &&
    isPlainRecord(carried) &&
    isStringRecord(carried.user_metadata) &&
    isStringRecord(carried.app_metadata) &&
    isCopyLocation(value.copy) &&
    (value.unlinked_at === undefined || typeof value.unlinked_at === "string")
  );
}

function readVersionOne(appMetadata: Metadata): LinkRecords {
  const stored = Object.hasOwn(appMetadata, LINK_RECORDS_KEY)
    ? appMetadata[LINK_RECORDS_KEY]
    : undefined;
  if (!isPlainRecord(stored)) return { links: [], unlinked: [] };
  return {
    links: Array.isArray(stored.links) ? stored.links.filter(isLinkRecord) : [],
    unlinked: Array.isArray(stored.unlinked)
      ? stored.unlinked.filter((id): id is string => typeof id === "string")
      : [],
  };
}

/**
 * An account's records and marks, from both layouts: a record under its own key replaces the
 * layout-1 record of the same secondary (an undo closes an old record by writing it there). A
 * malformed entry, or one under another account's key, is dropped rather than trusted:
 * app_metadata is the application's to write, and a record only ever adds a duty.
 */
export function readLinkRecords(appMetadata: Metadata): LinkRecords {
  const old = readVersionOne(appMetadata);
  const own: LinkRecord[] = [];
  const unlinked = new Set(old.unlinked);
  for (const [key, value] of Object.entries(appMetadata)) {
    if (key.startsWith(LINK_RECORD_KEY_PREFIX)) {
      if (isLinkRecord(value) && key === linkRecordKey(value.secondary)) own.push(value);
    } else if (key.startsWith(UNLINKED_KEY_PREFIX)) {
      if (typeof value === "string" && key === unlinkedKey(value)) unlinked.add(value);
    }
  }
  const replaced = new Set(own.map((record) => record.secondary));
  const links = [...old.links.filter((record) => !replaced.has(record.secondary)), ...own].sort(
    (a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0),
  );
  return { links, unlinked: [...unlinked] };
}

/**
 * The root `app_metadata` keys that store `records` and `marks`: a PATCH of them changes no other
 * record or mark, whoever writes next to it.
 */
export function linkRecordsPatch(
  records: readonly LinkRecord[],
  marks: readonly string[] = [],
): Metadata {
  const patch: Metadata = {};
  for (const record of records) patch[linkRecordKey(record.secondary)] = record;
  for (const id of marks) patch[unlinkedKey(id)] = id;
  return patch;
}

/** Whether an administrator unlinked the two accounts: marked on either side is enough. */
export function wereUnlinked(
  a: { userId: string; appMetadata: Metadata },
  b: { userId: string; appMetadata: Metadata },
): boolean {
  return (
    readLinkRecords(a.appMetadata).unlinked.includes(b.userId) ||
    readLinkRecords(b.appMetadata).unlinked.includes(a.userId)
  );
}
