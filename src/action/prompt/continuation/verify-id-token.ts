import { createLocalJWKSet, errors, type JWTPayload, jwtVerify } from "jose";
import { acceptedIssuers } from "../prompt-domain";
import { type CheckResult, type ContinuationCheck, declined, passed } from "./continuation";
import type { DeclineReason } from "./decline-reasons";
import { signingKeys } from "./signing-keys";

// OIDC Core requires auth_time whenever max_age was sent; nonce and sub are what the later checks
// bind to this transaction and this candidate.
const requiredClaims = ["sub", "nonce", "auth_time", "exp", "iat"];

function claimFailure(error: errors.JWTClaimValidationFailed): DeclineReason {
  if (error.reason === "missing") return "claim_missing";
  if (error.claim === "iss") return "issuer_mismatch";
  if (error.claim === "aud") return "audience_mismatch";
  return "id_token_invalid";
}

function verificationFailure(error: unknown): CheckResult {
  if (error instanceof errors.JWTExpired) return declined("token_expired");
  if (error instanceof errors.JWTClaimValidationFailed)
    return declined(claimFailure(error), error.claim);
  if (error instanceof errors.JOSEAlgNotAllowed) return declined("algorithm_not_allowed");
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return declined("signature_invalid", (error as errors.JOSEError).code);
  }
  return declined("id_token_invalid", error instanceof errors.JOSEError ? error.code : "malformed");
}

// jose checks the signature before any claim: RS256 only (no `none`, no HMAC keyed with a public
// key), a key from the tenant's own JWKS, then iss, aud and exp.
export const verifyIdToken: ContinuationCheck = async (context, state) => {
  const { config, prompt, budget } = context;
  const verifyWith = async (refresh: boolean) => {
    const keys = await signingKeys(config.domain, budget, {
      refresh,
      onRequest: () => {
        state.requests++;
      },
    });
    if (!keys.ok) return { keys };
    try {
      const { payload } = await jwtVerify(state.idToken ?? "", createLocalJWKSet(keys.keys), {
        algorithms: ["RS256"],
        issuer: acceptedIssuers(config.domain, context.browserDomain),
        audience: prompt.clientId,
        requiredClaims,
      });
      return { keys, payload };
    } catch (error) {
      return { keys, error };
    }
  };

  let attempt: {
    keys: Awaited<ReturnType<typeof signingKeys>>;
    payload?: JWTPayload;
    error?: unknown;
  } = await verifyWith(false);
  // A key the cached set lacks may be a rotation: fetch the set again once.
  if (attempt.error instanceof errors.JWKSNoMatchingKey && attempt.keys.ok && !attempt.keys.fresh) {
    const again = await verifyWith(true);
    if (again.keys.ok) attempt = again;
  }
  if (!attempt.keys.ok) {
    return attempt.keys.detail === "budget_exhausted"
      ? declined("budget_exhausted")
      : declined("signing_keys_unavailable", attempt.keys.detail);
  }
  if (attempt.payload === undefined) return verificationFailure(attempt.error);
  state.claims = attempt.payload;
  return passed;
};
