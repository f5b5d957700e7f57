// Stable codes of a continuation that ended without a link: log lines, the decline record and
// tests match these. Each check of the pipeline owns one or more. Only `person_declined` is
// remembered (remembersDecline in src/linking/prompt-decline.ts): the next login asks again.
export const DECLINE_REASONS = [
  "person_declined",
  "sign_in_error",
  "no_code",
  "code_exchange_failed",
  "signing_keys_unavailable",
  "signature_invalid",
  "algorithm_not_allowed",
  "issuer_mismatch",
  "audience_mismatch",
  "token_expired",
  "claim_missing",
  "id_token_invalid",
  "nonce_mismatch",
  "browser_changed",
  "stale_authentication",
  "subject_mismatch",
  "mfa_not_proven",
  "candidate_changed",
  "candidate_lookup_failed",
  "secondary_in_organization",
  "organization_lookup_failed",
  "secondary_has_roles",
  "secondary_has_permissions",
  "authorization_lookup_failed",
  "link_failed",
  "budget_exhausted",
  "prompt_off",
  "not_prompted",
  /** The account that logged in (the link's secondary) no longer stands alone: linked elsewhere, or another identity linked into it, since the redirect. */
  "secondary_changed",
  /** The account that logged in could not be read again before the link. */
  "secondary_lookup_failed",
] as const;

export type DeclineReason = (typeof DECLINE_REASONS)[number];

/**
 * A continuation from another browser than the one prompted: someone handed the nested sign-in to
 * that browser. Where Auth0 lets such a browser finish the outer login (unconfirmed), it would be
 * signed in to the account that started it (login CSRF), so that login is denied; the person who
 * really started it signs in again and is asked again.
 */
export function deniesTheLogin(reason: DeclineReason): boolean {
  return reason === "browser_changed";
}
