import { serializedBytes } from "./profile-size";

export interface AccountIdentity {
  provider: string;
  providerUserId: string;
  connection: string;
}

export interface AccountSnapshot {
  userId: string;
  email?: string;
  emailVerified: boolean;
  createdAt?: string;
  // identities[0] is the main identity: the one that owns the root email.
  identities: AccountIdentity[];
  userMetadata: Record<string, unknown>;
  appMetadata: Record<string, unknown>;
  /** The user's serialized size as read, for the profile size limit. */
  profileBytes?: number;
  /** An administrator blocked the account: no plan may include it, on either side. */
  blocked: boolean;
  /** The account has a second factor enrolled (`multifactor` or `enrolledFactors` not empty). */
  mfaEnrolled: boolean;
  /**
   * `mfaEnrolled` is settled: a factor was seen, or a list of every factor was read (the login's
   * `enrolledFactors`, the user's authentication methods). Auth0 clears `multifactor` when the
   * only factors are email or WebAuthn, so an empty one settles nothing (mfa-factors.ts).
   */
  factorsKnown: boolean;
}

export type AccountSnapshotResult =
  | { ok: true; account: AccountSnapshot }
  | { ok: false; reason: string };

// Objects as they come out of JSON.parse: anything with another prototype (a Date, a Map, a class
// instance) is not user data from Auth0.
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function toIdentity(raw: unknown, index: number): AccountIdentity | string {
  if (!isPlainRecord(raw)) {
    return `identities[${index}] is not an object`;
  }
  const { provider, user_id: providerUserId, connection } = raw;
  if (typeof provider !== "string" || provider === "") {
    return `identities[${index}].provider is not a non-empty string`;
  }
  if (typeof connection !== "string" || connection === "") {
    return `identities[${index}].connection is not a non-empty string`;
  }
  // Auth0 JSON gives numeric ids for some providers (e.g. GitHub, Facebook).
  if (typeof providerUserId === "number" && Number.isSafeInteger(providerUserId)) {
    return { provider, providerUserId: String(providerUserId), connection };
  }
  if (typeof providerUserId !== "string" || providerUserId === "") {
    return `identities[${index}].user_id is not a non-empty string or an integer`;
  }
  return { provider, providerUserId, connection };
}

function toMetadata(raw: unknown, name: string): Record<string, unknown> | string {
  if (raw === undefined || raw === null) {
    return {};
  }
  return isPlainRecord(raw) ? raw : `${name} is not a plain object`;
}

// Anything but a literal false or absence counts as blocked: a block nobody can read is not
// taken as absent.
function toBlocked(raw: unknown): boolean {
  return raw !== undefined && raw !== null && raw !== false;
}

// A Management API user lists enrolled providers in `multifactor` (["guardian"]); the person
// logging in also has `enrolledFactors` ([{ type: "otp" }]). Any entry in either means enrolled.
function toMfaEnrolled(
  multifactor: unknown,
  enrolledFactors: unknown,
): { enrolled: boolean; known: boolean } | string {
  let enrolled = false;
  for (const [name, value] of [
    ["multifactor", multifactor],
    ["enrolledFactors", enrolledFactors],
  ] as const) {
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) return `${name} is not an array`;
    enrolled ||= value.length > 0;
  }
  // `enrolledFactors` lists email and WebAuthn factors too; `multifactor` omits them.
  return { enrolled, known: enrolled || Array.isArray(enrolledFactors) };
}

/**
 * `serializedSize`: the UTF-8 size of the JSON text `raw` was parsed from, when the caller has
 * it; serializing the user again to measure it costs more than the rest of the reading.
 */
export function toAccountSnapshot(raw: unknown, serializedSize?: number): AccountSnapshotResult {
  if (!isPlainRecord(raw)) {
    return { ok: false, reason: "user is not an object" };
  }
  const { user_id: userId, email, email_verified, created_at: createdAt } = raw;
  if (typeof userId !== "string" || userId === "") {
    return { ok: false, reason: "user_id is not a non-empty string" };
  }
  if (email !== undefined && email !== null && typeof email !== "string") {
    return { ok: false, reason: "email is not a string" };
  }
  if (createdAt !== undefined && createdAt !== null && typeof createdAt !== "string") {
    return { ok: false, reason: "created_at is not a string" };
  }
  const rawIdentities = raw.identities ?? [];
  if (!Array.isArray(rawIdentities)) {
    return { ok: false, reason: "identities is not an array" };
  }
  const identities: AccountIdentity[] = [];
  for (const [index, rawIdentity] of rawIdentities.entries()) {
    const identity = toIdentity(rawIdentity, index);
    if (typeof identity === "string") {
      return { ok: false, reason: identity };
    }
    identities.push(identity);
  }
  const userMetadata = toMetadata(raw.user_metadata, "user_metadata");
  if (typeof userMetadata === "string") {
    return { ok: false, reason: userMetadata };
  }
  const appMetadata = toMetadata(raw.app_metadata, "app_metadata");
  if (typeof appMetadata === "string") {
    return { ok: false, reason: appMetadata };
  }
  const blocked = toBlocked(raw.blocked);
  const factors = toMfaEnrolled(raw.multifactor, raw.enrolledFactors);
  if (typeof factors === "string") {
    return { ok: false, reason: factors };
  }
  const account: AccountSnapshot = {
    userId,
    // Anything but a literal true is unverified: "true" or 1 from a misbehaving source is not proof.
    emailVerified: email_verified === true,
    identities,
    userMetadata,
    appMetadata,
    profileBytes: serializedSize ?? serializedBytes(raw),
    blocked,
    mfaEnrolled: factors.enrolled,
    factorsKnown: factors.known,
  };
  if (typeof email === "string") {
    account.email = email;
  }
  if (typeof createdAt === "string") {
    account.createdAt = createdAt;
  }
  return { ok: true, account };
}
