import { isPlainRecord } from "./account";
import { asciiLowerCase } from "./email";
import { hashEmail } from "./email-hash";

export const MARKER_KEY = "account_linking";
// Bump to make every user be checked again once (e.g. after a change in the linking rules).
export const MARKER_VERSION = 1;

export interface Marker {
  v: number;
  email_hash: string;
  checked_at: string;
}

/**
 * The address hash a marker carries. It only has to notice that the address changed, and must
 * stay valid when the client secret is rotated, so it is keyed with the tenant's domain rather
 * than a secret. The Action and the backfill write the same one.
 */
export function markerEmailHash(email: string, domain: string): string {
  return hashEmail(email, `account-linking-marker:${domain}`);
}

export function buildMarker(emailHash: string, checkedAt: string): Marker {
  return { v: MARKER_VERSION, email_hash: emailHash, checked_at: checkedAt };
}

export function hasValidMarker(appMetadata: unknown, emailHash: string): boolean {
  if (!isPlainRecord(appMetadata) || !Object.hasOwn(appMetadata, MARKER_KEY)) {
    return false;
  }
  const marker = appMetadata[MARKER_KEY];
  return isPlainRecord(marker) && marker.v === MARKER_VERSION && marker.email_hash === emailHash;
}

/**
 * The addresses a login that is already checked must still ask for. users-by-email is
 * case-sensitive and a sign-up asks only for its address as given and in lower case, so a later
 * sign-up with the lower-case address can never find an account stored with capitals: that
 * account's own login must ask for the lower-case form each time. (A sign-up with the very same
 * capitals finds it by itself.) An address stored in lower case has nothing left to ask.
 */
export function formsToRecheck(email: string): string[] {
  const lower = asciiLowerCase(email);
  return lower === email ? [] : [lower];
}
