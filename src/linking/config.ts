import { MARKER_KEY } from "./marker";
import { DECLINE_KEY } from "./prompt-decline";
import { DEFAULT_TRUST_POLICY, type TrustPolicy } from "./trust";

export const LINKING_MODES = ["link", "dry-run", "off"] as const;
export type LinkingMode = (typeof LINKING_MODES)[number];

export const ON_ERROR_BEHAVIOURS = ["continue", "deny"] as const;
export type OnError = (typeof ON_ERROR_BEHAVIOURS)[number];

export const PROMPTED_LINKING_SWITCH = ["on", "off"] as const;
export const AUTOMATIC_LINKING_SWITCH = ["on", "off"] as const;

/** Prompted linking: the person proves they own the other account by signing in to it. */
export type PromptConfig =
  | { enabled: false }
  | { enabled: true; clientId: string; clientSecret: string; snoozeDays: number };

export interface LinkingConfig {
  domain: string;
  clientId: string;
  clientSecret: string;
  mode: LinkingMode;
  trust: TrustPolicy;
  mergeAppMetadataKeys: readonly string[];
  onError: OnError;
  timeBudgetMs: number;
  prompt: PromptConfig;
  /**
   * Off: no link without a sign-in to the other account, as the Account Link Extension did;
   * every link automatic linking would make is offered as a prompted sign-in instead.
   */
  automaticLinking: boolean;
}

export interface ConfigError {
  code: "config_invalid";
  secret: string;
  message: string;
}

export type ConfigResult =
  | { ok: true; config: LinkingConfig }
  | { ok: false; error: ConfigError; onError: OnError };

export const DEFAULT_TIME_BUDGET_MS = 5_000;
export const MIN_TIME_BUDGET_MS = 500;
// Well inside the 20 s Auth0 gives one execution.
export const MAX_TIME_BUDGET_MS = 15_000;

export const DEFAULT_PROMPT_SNOOZE_DAYS = 30;
export const MAX_PROMPT_SNOOZE_DAYS = 365;
// The prompt client's secret keys the PKCE verifier and the nonce: Auth0 generates 64 characters,
// and anything much shorter could be guessed offline from one intercepted challenge.
export const MIN_PROMPT_CLIENT_SECRET_LENGTH = 32;

const UNSAFE_METADATA_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
  MARKER_KEY,
  DECLINE_KEY,
]);

// A DNS host name (labels of letters, digits and inner hyphens) with an optional port.
const HOST_WITH_OPTIONAL_PORT =
  /^(?=.{1,253}(?::|$))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::[0-9]{1,5})?$/i;

type Secrets = Record<string, string | undefined>;
type Read<T> = { ok: true; value: T } | { ok: false; error: ConfigError };

function valid<T>(value: T): Read<T> {
  return { ok: true, value };
}

function invalid(secret: string, message: string): { ok: false; error: ConfigError } {
  return { ok: false, error: { code: "config_invalid", secret, message } };
}

function present(secrets: Secrets, name: string): string | undefined {
  const value = secrets[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

// Messages never echo a value: a secret pasted into the wrong field must not reach the logs.
function readChoice<const T extends string>(
  secrets: Secrets,
  name: string,
  choices: readonly T[],
  fallback: T,
): Read<T> {
  const value = present(secrets, name);
  if (value === undefined) {
    return valid(fallback);
  }
  const normalised = value.toLowerCase();
  const choice = choices.find((candidate) => candidate === normalised);
  return choice === undefined
    ? invalid(name, `${name} must be one of ${choices.join(", ")}`)
    : valid(choice);
}

/** A tenant domain as AUTH0_DOMAIN takes it: `my-tenant.eu.auth0.com` or `localhost:PORT`. */
export function isTenantDomain(value: string): boolean {
  return HOST_WITH_OPTIONAL_PORT.test(value);
}

function readDomain(secrets: Secrets): Read<string> {
  const value = present(secrets, "AUTH0_DOMAIN");
  if (value === undefined) {
    return invalid("AUTH0_DOMAIN", "AUTH0_DOMAIN is required (e.g. my-tenant.eu.auth0.com)");
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return invalid(
      "AUTH0_DOMAIN",
      "AUTH0_DOMAIN must be a host name without a scheme: drop the leading https://",
    );
  }
  if (!isTenantDomain(value)) {
    return invalid(
      "AUTH0_DOMAIN",
      "AUTH0_DOMAIN must be a host name with an optional :port and no path (e.g. my-tenant.eu.auth0.com)",
    );
  }
  return valid(value);
}

function readRequired(secrets: Secrets, name: string): Read<string> {
  const value = present(secrets, name);
  return value === undefined
    ? invalid(name, `${name} is required unless LINKING_MODE is off`)
    : valid(value);
}

function readTrust(secrets: Secrets): TrustPolicy {
  const connections = splitList(secrets.TRUSTED_CONNECTIONS ?? "");
  return connections.length === 0
    ? DEFAULT_TRUST_POLICY
    : { kind: "listed", connections: new Set(connections) };
}

function readMergeKeys(secrets: Secrets): Read<readonly string[]> {
  const keys = [...new Set(splitList(secrets.MERGE_APP_METADATA_KEYS ?? ""))];
  const unsafe = keys.find((key) => UNSAFE_METADATA_KEYS.has(key));
  return unsafe === undefined
    ? valid(keys)
    : invalid("MERGE_APP_METADATA_KEYS", `MERGE_APP_METADATA_KEYS must not list "${unsafe}"`);
}

function readTimeBudget(secrets: Secrets): Read<number> {
  const value = present(secrets, "TIME_BUDGET_MS");
  if (value === undefined) {
    return valid(DEFAULT_TIME_BUDGET_MS);
  }
  const budget = /^[0-9]{1,6}$/.test(value) ? Number(value) : Number.NaN;
  return budget >= MIN_TIME_BUDGET_MS && budget <= MAX_TIME_BUDGET_MS
    ? valid(budget)
    : invalid(
        "TIME_BUDGET_MS",
        `TIME_BUDGET_MS must be an integer from ${MIN_TIME_BUDGET_MS} to ${MAX_TIME_BUDGET_MS}`,
      );
}

function readSnoozeDays(secrets: Secrets): Read<number> {
  const value = present(secrets, "PROMPT_SNOOZE_DAYS");
  if (value === undefined) {
    return valid(DEFAULT_PROMPT_SNOOZE_DAYS);
  }
  const days = /^[0-9]{1,3}$/.test(value) ? Number(value) : Number.NaN;
  return days >= 0 && days <= MAX_PROMPT_SNOOZE_DAYS
    ? valid(days)
    : invalid(
        "PROMPT_SNOOZE_DAYS",
        `PROMPT_SNOOZE_DAYS must be an integer from 0 to ${MAX_PROMPT_SNOOZE_DAYS}`,
      );
}

function readPrompt(secrets: Secrets): Read<PromptConfig> {
  const enabled = readChoice(secrets, "PROMPTED_LINKING", PROMPTED_LINKING_SWITCH, "off");
  if (!enabled.ok) return enabled;
  if (enabled.value === "off") return valid({ enabled: false });
  const clientId = present(secrets, "PROMPT_CLIENT_ID");
  if (clientId === undefined) {
    return invalid("PROMPT_CLIENT_ID", "PROMPT_CLIENT_ID is required when PROMPTED_LINKING is on");
  }
  const clientSecret = present(secrets, "PROMPT_CLIENT_SECRET");
  if (clientSecret === undefined) {
    return invalid(
      "PROMPT_CLIENT_SECRET",
      "PROMPT_CLIENT_SECRET is required when PROMPTED_LINKING is on",
    );
  }
  if (clientSecret.length < MIN_PROMPT_CLIENT_SECRET_LENGTH) {
    return invalid(
      "PROMPT_CLIENT_SECRET",
      `PROMPT_CLIENT_SECRET must be at least ${MIN_PROMPT_CLIENT_SECRET_LENGTH} characters (the application's client secret)`,
    );
  }
  const snoozeDays = readSnoozeDays(secrets);
  if (!snoozeDays.ok) return snoozeDays;
  return valid({ enabled: true, clientId, clientSecret, snoozeDays: snoozeDays.value });
}

export function readConfig(secrets: Secrets): ConfigResult {
  const onError = readChoice(secrets, "ON_ERROR", ON_ERROR_BEHAVIOURS, "continue");
  if (!onError.ok) {
    // A malformed ON_ERROR cannot be taken as a request to deny, so the login goes on.
    return { ok: false, error: onError.error, onError: "continue" };
  }
  const mode = readChoice(secrets, "LINKING_MODE", LINKING_MODES, "link");
  if (!mode.ok) {
    return { ok: false, error: mode.error, onError: onError.value };
  }
  if (mode.value === "off") {
    // Off means off: nothing else is read, so a stale secret can neither deny logins nor be needed.
    return {
      ok: true,
      config: {
        domain: "",
        clientId: "",
        clientSecret: "",
        mode: "off",
        trust: DEFAULT_TRUST_POLICY,
        mergeAppMetadataKeys: [],
        onError: onError.value,
        timeBudgetMs: DEFAULT_TIME_BUDGET_MS,
        prompt: { enabled: false },
        automaticLinking: false,
      },
    };
  }
  const fail = (error: ConfigError): ConfigResult => ({ ok: false, error, onError: onError.value });
  const domain = readDomain(secrets);
  if (!domain.ok) return fail(domain.error);
  const clientId = readRequired(secrets, "AUTH0_CLIENT_ID");
  if (!clientId.ok) return fail(clientId.error);
  const clientSecret = readRequired(secrets, "AUTH0_CLIENT_SECRET");
  if (!clientSecret.ok) return fail(clientSecret.error);
  const mergeAppMetadataKeys = readMergeKeys(secrets);
  if (!mergeAppMetadataKeys.ok) return fail(mergeAppMetadataKeys.error);
  const timeBudgetMs = readTimeBudget(secrets);
  if (!timeBudgetMs.ok) return fail(timeBudgetMs.error);
  const prompt = readPrompt(secrets);
  if (!prompt.ok) return fail(prompt.error);
  const automatic = readChoice(secrets, "AUTOMATIC_LINKING", AUTOMATIC_LINKING_SWITCH, "on");
  if (!automatic.ok) return fail(automatic.error);
  if (automatic.value === "off" && !prompt.value.enabled) {
    return fail({
      code: "config_invalid",
      secret: "AUTOMATIC_LINKING",
      message:
        "AUTOMATIC_LINKING=off needs PROMPTED_LINKING=on: with both off nothing would ever link",
    });
  }
  return {
    ok: true,
    config: {
      domain: domain.value,
      clientId: clientId.value,
      clientSecret: clientSecret.value,
      mode: mode.value,
      trust: readTrust(secrets),
      mergeAppMetadataKeys: mergeAppMetadataKeys.value,
      onError: onError.value,
      timeBudgetMs: timeBudgetMs.value,
      prompt: prompt.value,
      automaticLinking: automatic.value === "on",
    },
  };
}
