import { describe, expect, it } from "vitest";
import { DECLINE_REASONS } from "../../src/action/prompt/continuation/decline-reasons";
import { ERROR_CODES, SKIP_REASONS } from "../../src/linking/errors";
import { PROMPT_SKIP_REASONS } from "../../src/linking/prompt-plan";

describe("stable codes", () => {
  it("keeps-the-skip-reasons-that-logs-match", () => {
    expect(SKIP_REASONS).toEqual([
      "mode_off",
      "config_invalid",
      "non_interactive_protocol",
      "no_email",
      "email_not_verified",
      "untrusted_connection",
      "malformed_user",
      "already_checked",
      "no_candidates",
      "ambiguous_primary",
      "unlinked_pair",
      "copy_over_budget",
      "unknown_protocol",
      "blocked_account",
      "untrusted_custom_database",
      "database_kind_unknown",
      "ambiguous_mfa",
      "mfa_required",
      "organization_login",
      "prompt_transaction",
      "secondary_in_organization",
      "secondary_has_roles",
      "secondary_has_permissions",
      "database_options_withheld",
      "automatic_linking_off",
      "ambiguous_user_id",
    ]);
  });

  it("keeps-the-error-codes-that-logs-match", () => {
    expect(ERROR_CODES).toEqual([
      "token_failed",
      "lookup_failed",
      "metadata_carry_failed",
      "link_failed",
      "marker_failed",
      "budget_exhausted",
      "unexpected",
      "connection_lookup_failed",
      "organization_lookup_failed",
      "authorization_lookup_failed",
      "unplanned_identities_linked",
    ]);
  });

  it("keeps-the-reasons-a-refused-login-is-not-offered-a-sign-in", () => {
    expect(PROMPT_SKIP_REASONS).toEqual([
      "prompt_off",
      "prompt_transaction",
      "protocol_not_promptable",
      "no_transaction_id",
      "not_resolvable_by_sign_in",
      "prompt_snoozed",
      "current_has_several_identities",
      "no_prompt_candidate",
      "several_prompt_candidates",
      "unlinked_pair",
      "secondary_in_organization",
      "secondary_has_roles",
      "secondary_has_permissions",
    ]);
  });

  it("keeps-the-reasons-a-continuation-ends-without-a-link", () => {
    expect(DECLINE_REASONS).toEqual([
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
      "secondary_changed",
      "secondary_lookup_failed",
    ]);
  });
});
