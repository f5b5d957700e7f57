import { randomBytes } from "node:crypto";
import { hashEmail } from "../../src/linking/email-hash";
import { LINK_RECORDS_KEY } from "../../src/linking/link-records";
import { MARKER_KEY, markerEmailHash } from "../../src/linking/marker";
import { redactAddresses, redactAddressesDeep } from "../../src/linking/redact";
import type { StoredUser } from "../../src/local-tenant/tenant-state";

/** Each user as a backfill must leave it whether or not it was interrupted, by user id. */
export type FinalState = Map<string, Record<string, unknown>>;

/** One field that differs, with what each run left there (addresses redacted). */
export interface FieldDifference {
  /** Its path in the user, e.g. `app_metadata.account_links.links[1].copy.in`. */
  field: string;
  uninterrupted?: unknown;
  resumed?: unknown;
}

export interface UserDifference {
  /** The user id, its addresses redacted (a SAML or enterprise id can embed one). */
  user: string;
  fields: FieldDifference[];
  /** Whether every differing field is in the links' audit records. */
  auditRecordsOnly: boolean;
}

/**
 * What a backfill must leave the same whether or not it was interrupted: who exists, their
 * identities and their metadata. Times of the writes themselves (`updated_at`, the marker's
 * `checked_at`, the audit records' `at`) differ from run to run and are left out; the marker's
 * hash is keyed by the tenant's domain (another port for each local tenant), so it is compared
 * as whether it is the right one for the user's address on its own tenant.
 */
export function finalState(users: readonly StoredUser[], domain: string): FinalState {
  const state: FinalState = new Map();
  for (const user of users) {
    const { updated_at: _updated, last_login: _login, ...kept } = user;
    const identities = [...user.identities].sort((a, b) =>
      `${a.provider}|${a.user_id}`.localeCompare(`${b.provider}|${b.user_id}`),
    );
    state.set(user.user_id, { ...kept, identities, app_metadata: comparableMarker(user, domain) });
  }
  return state;
}

/**
 * Every user whose final state differs between the two runs (or who exists after one only),
 * with every differing field, sorted by user id. Addresses become `email:` and a hash keyed
 * for this comparison alone: two addresses can still be told apart, and nothing outside it can
 * match them.
 */
export function stateDifferences(uninterrupted: FinalState, resumed: FinalState): UserDifference[] {
  const ids = [...new Set([...uninterrupted.keys(), ...resumed.keys()])].sort();
  const differences: UserDifference[] = [];
  const key = randomBytes(16).toString("hex");
  const hash = (address: string) => hashEmail(address, key);
  for (const id of ids) {
    const fields: FieldDifference[] = [];
    collectDifferences(uninterrupted.get(id), resumed.get(id), "", fields);
    if (fields.length === 0) continue;
    differences.push({
      user: redactAddresses(id, hash),
      fields: fields.map((difference) => redactAddressesDeep(difference, hash)),
      auditRecordsOnly: fields.every((difference) =>
        isAuditRecordField(difference.field, uninterrupted.get(id), resumed.get(id)),
      ),
    });
  }
  return differences;
}

/**
 * Whether a field is in the links' audit records: under `account_links` (one root key holding
 * them all, as version 1 stores them) or under a root key whose value is one audit record
 * (each record under a key of its own), on either side.
 */
function isAuditRecordField(
  field: string,
  uninterrupted: Record<string, unknown> | undefined,
  resumed: Record<string, unknown> | undefined,
): boolean {
  const root = /^app_metadata\.([^.[]+)/.exec(field)?.[1];
  if (root === undefined) return false;
  if (root === LINK_RECORDS_KEY) return true;
  const valueIn = (user: Record<string, unknown> | undefined) =>
    isObject(user?.app_metadata) ? user.app_metadata[root] : undefined;
  return isAuditRecord(valueIn(uninterrupted)) || isAuditRecord(valueIn(resumed));
}

// What every audit record holds, whatever key it is stored under: nothing of a person's has all.
function isAuditRecord(value: unknown): value is Record<string, unknown> {
  return (
    isObject(value) &&
    ["path", "primary", "secondary", "carried", "copy"].every((key) => Object.hasOwn(value, key))
  );
}

// Down to the first level where the two differ in kind or value: objects by key, arrays by index.
function collectDifferences(a: unknown, b: unknown, path: string, into: FieldDifference[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let index = 0; index < Math.max(a.length, b.length); index++) {
      collectDifferences(a[index], b[index], `${path}[${index}]`, into);
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      collectDifferences(a[key], b[key], path === "" ? key : `${path}.${key}`, into);
    }
    return;
  }
  if (stableJson(a) === stableJson(b)) return;
  into.push({
    field: path === "" ? "(the user)" : path,
    ...(a === undefined ? {} : { uninterrupted: path === "" ? "exists" : a }),
    ...(b === undefined ? {} : { resumed: path === "" ? "exists" : b }),
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The write times, and only they, left out: each audit record's `at` (in `account_links`, or
 * under a root key of its own) and the marker's `checked_at` say when the run wrote them. The
 * marker's hash becomes whether it is right.
 */
function comparableMarker(user: StoredUser, domain: string): Record<string, unknown> {
  const appMetadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(user.app_metadata)) {
    appMetadata[key] = withoutWriteTime(value);
  }
  const records = appMetadata[LINK_RECORDS_KEY];
  if (isObject(records) && Array.isArray(records.links)) {
    appMetadata[LINK_RECORDS_KEY] = { ...records, links: records.links.map(withoutWriteTime) };
  }
  const marker = appMetadata[MARKER_KEY];
  if (!isObject(marker)) return appMetadata;
  const { email_hash: hash, checked_at: _checked, ...rest } = marker;
  const rightHash = typeof user.email === "string" && hash === markerEmailHash(user.email, domain);
  return { ...appMetadata, [MARKER_KEY]: { ...rest, email_hash_right: rightHash } };
}

function withoutWriteTime(value: unknown): unknown {
  if (!isAuditRecord(value)) return value;
  const { at: _at, ...kept } = value;
  return kept;
}

function stableJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
