// Stable codes: log lines and tests match these, so renaming one is a breaking change.

export const SKIP_REASONS = [
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
  // An administrator unlinked these accounts: no shell links them again.
  "unlinked_pair",
  // What the link would destroy cannot be kept within the profile size limit.
  "copy_over_budget",
  "prompt_transaction",
] as const;

export type SkipReason = (typeof SKIP_REASONS)[number];

export const ERROR_CODES = [
  "token_failed",
  "lookup_failed",
  "metadata_carry_failed",
  "link_failed",
  "marker_failed",
  "budget_exhausted",
  "unexpected",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
