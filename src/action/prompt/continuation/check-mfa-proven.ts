import { idTokenShowsMfa } from "../../../linking/login-rules";
import { type ContinuationCheck, declined, passed } from "./continuation";

// The session moves onto the candidate: when it has a factor enrolled, its password alone (one
// that may have been stolen) must not be enough. The Action requires MFA in the nested sign-in,
// but a tenant's other Actions or MFA policy may still skip it; only the ID token says it happened.
export const checkMfaProven: ContinuationCheck = (_context, state) =>
  state.sealed?.candidateMfaEnrolled === false || idTokenShowsMfa(state.claims?.amr)
    ? passed
    : declined("mfa_not_proven");
