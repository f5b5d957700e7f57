import { serializedBytes } from "../linking/profile-size";

/**
 * Auth0's profile size limit: "10KB" serialized, then an extended allowance "about 10 times the
 * limit" within which writes succeed with a warning in the tenant logs. The exact byte counts,
 * what the serialization includes, and the rejection's status and message are not documented:
 * 10,240 bytes, ten times that, the whole user as the Management API returns it, and a 400 are
 * this emulator's choices. Tenants still in the migration period (until 4 March 2027) keep no
 * limit at all: `profileSizeLimit: false`.
 */
export const PROFILE_LIMIT_BYTES = 10_240;
export const PROFILE_ALLOWANCE_BYTES = 10 * PROFILE_LIMIT_BYTES;

export const profileTooLargeMessage = "The user profile exceeds the maximum allowed size.";

/** A tenant log entry about a profile over the limit, as Auth0's `depnote` logs. */
export interface ProfileSizeWarning {
  type: "depnote";
  user_id: string;
  bytes: number;
  date: string;
}

export type ProfileSizeVerdict =
  | { kind: "within_limit" }
  | { kind: "warn"; warning: ProfileSizeWarning }
  | { kind: "reject"; bytes: number };

export function checkProfileSize(user: { user_id: string }, date: string): ProfileSizeVerdict {
  const bytes = serializedBytes(user);
  if (bytes > PROFILE_ALLOWANCE_BYTES) return { kind: "reject", bytes };
  if (bytes > PROFILE_LIMIT_BYTES) {
    return { kind: "warn", warning: { type: "depnote", user_id: user.user_id, bytes, date } };
  }
  return { kind: "within_limit" };
}
