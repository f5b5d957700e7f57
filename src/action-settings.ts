// The keywords tenant.yaml leaves for the deploy to fill, and the value each takes when the
// environment does not set it. Shared by the deploy script and the local tenant so both deploy
// the Action the same way.
export const requiredActionKeywords = [
  "LINKING_AUTH0_DOMAIN",
  "LINKING_CLIENT_ID",
  "LINKING_CLIENT_SECRET",
] as const;

// An empty value means "the Action's default" (see src/linking/config.ts).
export const optionalActionKeywordDefaults: Readonly<Record<string, string>> = {
  LINKING_MODE: "link",
  TRUSTED_CONNECTIONS: "",
  MERGE_APP_METADATA_KEYS: "",
  ON_ERROR: "continue",
  TIME_BUDGET_MS: "",
  PROMPTED_LINKING: "off",
  PROMPT_CLIENT_ID: "",
  PROMPT_CLIENT_SECRET: "",
  PROMPT_SNOOZE_DAYS: "",
  AUTOMATIC_LINKING: "",
};

/** The environment with every optional keyword that it leaves unset given its default. */
export function withActionKeywordDefaults(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const filled = { ...env };
  for (const [key, value] of Object.entries(optionalActionKeywordDefaults)) {
    if (filled[key] === undefined) filled[key] = value;
  }
  return filled;
}
