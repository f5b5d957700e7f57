import { isPlainRecord } from "./account";
import { asciiLowerCase } from "./email";

export const MARKER_KEY = "account_linking";
// Bump to make every user be checked again once (e.g. after a change in the linking rules).
export const MARKER_VERSION = 1;

export interface Marker {
  v: number;
  email_hash: string;
  checked_at: string;
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
 * users-by-email is case-sensitive and a login asks only for its address as given and in lower
 * case, so a later sign-up with the lower-case address can never find an account stored with
 * capitals. That account's own next login is what finds the sign-up, so no marker may stop it:
 * only addresses stored in lower case (every database account's) remember their check.
 */
export function canRememberCheck(email: string): boolean {
  return email === asciiLowerCase(email);
}
