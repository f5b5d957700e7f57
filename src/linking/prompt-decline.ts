import { isPlainRecord } from "./account";

// Kept in the current account's app_metadata, which the person cannot write: a decline forged in
// user_metadata must not be able to silence the prompt, nor one written here to force it.
export const DECLINE_KEY = "account_linking_prompt";
export const DECLINE_VERSION = 1;

const MILLIS_PER_DAY = 86_400_000;

export interface DeclineRecord {
  v: number;
  declined_at: string;
  /** The reason code of the continuation that ended without a link. */
  reason: string;
}

// Only the person's own "not now" (`error=access_denied` at /continue) holds the offer back. A
// failed sign-in, a proof from another browser, or a technical failure (network, keys, budget) is
// no answer from the person: the next login may ask again.
export function remembersDecline(reason: string): boolean {
  return reason === "person_declined";
}

export function buildDecline(reason: string, declinedAt: Date): DeclineRecord {
  return { v: DECLINE_VERSION, declined_at: declinedAt.toISOString(), reason };
}

/** Whether a decline in this app_metadata still holds the prompt back at `now`. */
export function isDeclineRemembered(appMetadata: unknown, snoozeDays: number, now: Date): boolean {
  if (snoozeDays === 0 || !isPlainRecord(appMetadata)) return false;
  const record = appMetadata[DECLINE_KEY];
  if (!isPlainRecord(record) || record.v !== DECLINE_VERSION) return false;
  const declinedAt =
    typeof record.declined_at === "string" ? Date.parse(record.declined_at) : Number.NaN;
  // A decline dated in the future is not trusted to snooze for longer than configured.
  if (Number.isNaN(declinedAt) || declinedAt > now.getTime()) return false;
  return now.getTime() - declinedAt < snoozeDays * MILLIS_PER_DAY;
}
