import { describe, expect, it } from "vitest";
import { ERROR_CODES, SKIP_REASONS } from "../../src/linking/errors";

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
    ]);
  });
});
