// Stable codes: log lines and tests match these, so renaming one is a breaking change. New codes
// are added at the end.

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
  /** A protocol on neither list: Auth0 added it after this version was reviewed. */
  "unknown_protocol",
  /** The person logging in, or an account the plan would link, is blocked. */
  "blocked_account",
  /** The login's connection is a custom database and TRUSTED_CONNECTIONS does not list it. */
  "untrusted_custom_database",
  /** Nobody could tell whether the login's database connection is a custom database. */
  "database_kind_unknown",
  /** Two accounts have MFA enrolled, or one with MFA would become the secondary of one without. */
  "ambiguous_mfa",
  /** The link would move the session onto an MFA account, or add an identity to one, unproven. */
  "mfa_required",
  /** An organization login: no link is made in one (memberships belong to a user id). */
  "organization_login",
  "prompt_transaction",
  /** An account the plan would make a secondary is a member of an organization: linking would lose it. */
  "secondary_in_organization",
  /** An account the plan would make a secondary has roles assigned to its user id: linking would lose them. */
  "secondary_has_roles",
  /** An account the plan would make a secondary has permissions assigned to its user id: linking would lose them. */
  "secondary_has_permissions",
  /**
   * The tenant listed the login's database connection without its options (the credentials lack
   * read:connections_options), so whether it is a custom database cannot be read.
   */
  "database_options_withheld",
  /** AUTOMATIC_LINKING=off: a link this login could make is offered as a prompted sign-in. */
  "automatic_linking_off",
  /**
   * Two accounts with the address have the same user id in different database connections: every
   * request naming that id could reach either, so neither is linked.
   */
  "ambiguous_user_id",
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
  /** The database connections could not be read, so none of them could be trusted. */
  "connection_lookup_failed",
  /** Whether a planned secondary is a member of an organization could not be read. */
  "organization_lookup_failed",
  /** Whether a planned secondary has roles or permissions assigned could not be read. */
  "authorization_lookup_failed",
  /**
   * A link's answer held identities nobody planned: whoever held the planned secondary's identity
   * when the link was sent (another login, the backfill or an administrator had linked it) moved
   * into the primary whole. The log names them; an administrator reviews the primary.
   */
  "unplanned_identities_linked",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
