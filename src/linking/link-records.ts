import { isPlainRecord } from "./account";

/** The root `app_metadata` key where an account keeps its audit records and recoverable copies. */
export const LINK_RECORDS_KEY = "account_links";
export const LINK_RECORDS_VERSION = 1;

export type LinkPath = "login" | "prompt" | "backfill";
export const LINK_PATHS: readonly LinkPath[] = ["login", "prompt", "backfill"];

export type Metadata = Record<string, unknown>;

/** Root keys carried into the primary, each with the digest of the value it carried. */
export interface CarriedKeys {
  user_metadata: Record<string, string>;
  app_metadata: Record<string, string>;
}

/**
 * What the link destroyed and the primary does not hold verbatim: the secondary's metadata keys
 * that were not carried (colliding, left behind, or never allowed to travel), and any primary
 * value the carry replaced. Carried keys are not repeated: their digest says whether the
 * primary still holds them as they came.
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

export interface LinkRecords {
  v: typeof LINK_RECORDS_VERSION;
  links: LinkRecord[];
  /** Accounts an administrator unlinked from this one: never to be linked with it again. */
  unlinked: string[];
}

export function emptyLinkRecords(): LinkRecords {
  return { v: LINK_RECORDS_VERSION, links: [], unlinked: [] };
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

/**
 * An account's records as stored, or empty ones. A malformed entry is dropped rather than
 * trusted: app_metadata is the application's to write, and a record only ever adds a duty.
 */
export function readLinkRecords(appMetadata: Metadata): LinkRecords {
  const stored = Object.hasOwn(appMetadata, LINK_RECORDS_KEY)
    ? appMetadata[LINK_RECORDS_KEY]
    : undefined;
  if (!isPlainRecord(stored)) return emptyLinkRecords();
  const links = Array.isArray(stored.links) ? stored.links.filter(isLinkRecord) : [];
  const unlinked = Array.isArray(stored.unlinked)
    ? stored.unlinked.filter((id): id is string => typeof id === "string")
    : [];
  return { v: LINK_RECORDS_VERSION, links, unlinked };
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
