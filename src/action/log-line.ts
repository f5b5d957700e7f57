import type { ConfigError } from "../linking/config";
import { hashEmail } from "../linking/email-hash";
import type { ErrorCode, SkipReason } from "../linking/errors";
import type { PromptSkipReason } from "../linking/prompt-plan";
import { redactAddressesDeep } from "../linking/redact";
import type { DeclineReason } from "./prompt/continuation/decline-reasons";

/** `prompted`: sent to sign in to the other account; `declined`: came back without a link. */
export type Outcome = "skipped" | "linked" | "dry-run" | "error" | "prompted" | "declined";

/** The one JSON line every execution writes. It carries no raw address, token or secret. */
export interface LogLine {
  event: "account_linking";
  outcome: Outcome;
  reason:
    | SkipReason
    | ErrorCode
    | DeclineReason
    | "linked"
    | "would_link"
    | "prompted"
    | "would_prompt"
    | "linked_after_sign_in";
  mode?: string;
  user_id?: string;
  email_hash?: string;
  primary_user_id?: string;
  candidates: number;
  links: number;
  management_api_calls: number;
  token_requests: number;
  duration_ms: number;
  current_became_secondary?: boolean;
  dropped_metadata_keys?: string[];
  /** `user_metadata.KEY` / `app_metadata.KEY`: kept in the recoverable copy, not in the primary. */
  copied_metadata_keys?: string[];
  failure?: { kind: string; status?: number };
  secret?: string;
  detail?: string;
  /** The Action required MFA: a login through a linked identity of a user with MFA enrolled. */
  mfa_challenged?: boolean;
  /** `provider|user_id` of each identity a link moved that the plan did not expect (an incident). */
  unplanned_identities?: string[];
  /** Why a refused login was not offered a sign-in to the other account (prompted linking on). */
  prompt?: PromptSkipReason;
}

/**
 * Every field passes one redaction, so no address reaches the log whichever field carries it (a
 * SAML user id, a metadata key, a message). With the client secret an address becomes its keyed
 * hash, as `email_hash` is; without one it is only marked.
 */
export function writeLogLine(line: LogLine, addressHashKey?: string): void {
  const hash = addressHashKey ? (address: string) => hashEmail(address, addressHashKey) : undefined;
  console.log(JSON.stringify(redactAddressesDeep(line, hash)));
}

/** What an execution decides its line says; the counts and the duration are added at the end. */
export type LogSummary = Omit<
  LogLine,
  "event" | "duration_ms" | "management_api_calls" | "token_requests"
>;

// Never let an unforeseen error escape an execution: Auth0 would fail the login of a person who
// did nothing wrong. Only the error's name is logged: a message may carry an address.
export function unexpectedErrorSummary(error: unknown): LogSummary {
  return {
    outcome: "error",
    reason: "unexpected",
    candidates: 0,
    links: 0,
    detail: error instanceof Error ? error.name : "non-error thrown",
  };
}

// A malformed secret is named, never shown: its value may be a credential.
export function configInvalidSummary(error: ConfigError): LogSummary {
  return {
    outcome: "error",
    reason: "config_invalid",
    candidates: 0,
    links: 0,
    secret: error.secret,
    detail: error.message,
  };
}

/** The one line of an execution that started at `startedAt`. */
export function writeExecutionLine(
  summary: LogSummary,
  counts: { requests: number; tokenRequests: number },
  startedAt: number,
  addressHashKey?: string,
): void {
  writeLogLine(
    {
      event: "account_linking",
      ...summary,
      management_api_calls: counts.requests,
      token_requests: counts.tokenRequests,
      duration_ms: Date.now() - startedAt,
    },
    addressHashKey,
  );
}
