import { type ContinuationCheck, declined, passed } from "./continuation";

// The Action's clock and the authorization server's may differ by a little; a remembered session
// of the other account is minutes or days old, far beyond this.
export const authTimeSkewSeconds = 5;

// A sign-in that happened before the redirect is a session someone else may have left behind on
// this browser, not proof from the person now at the keyboard.
export const checkAuthTime: ContinuationCheck = (_context, state) => {
  const authTime = state.claims?.auth_time;
  const redirectedAt = state.sealed?.redirectedAt;
  if (typeof authTime !== "number" || redirectedAt === undefined) {
    return declined("stale_authentication", "no_auth_time");
  }
  return authTime + authTimeSkewSeconds >= redirectedAt ? passed : declined("stale_authentication");
};
