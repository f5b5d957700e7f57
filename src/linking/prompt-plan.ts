import type { AccountSnapshot } from "./account";
import { accountKey } from "./account-key";
import type { PromptConfig } from "./config";
import type { SkipReason } from "./errors";
import { wereUnlinked } from "./link-records";
import { planMetadataCarry } from "./metadata-merge";
import {
  hasMainIdentity,
  isEligibleCandidate,
  type LinkableAccount,
  type LinkPlan,
  toLinkStep,
} from "./plan";
import { isDeclineRemembered } from "./prompt-decline";
import { planRecovery } from "./recovery";
import type { DatabaseKinds, TrustPolicy } from "./trust";

// The protocols whose login runs in a browser that can be sent to /authorize and back to
// /continue. Device flow, refresh and password grants have no such browser, so they are never
// prompted (the Account Link Extension broke device flow by prompting there); a protocol Auth0
// adds later is not prompted until it is listed.
export const PROMPTABLE_PROTOCOLS: ReadonlySet<string> = new Set([
  "oidc-basic-profile",
  "oidc-implicit-profile",
  "oidc-hybrid-profile",
  "samlp",
  "wsfed",
]);

// Refusals of automatic linking that a fresh sign-in to the other account resolves: the person
// proves they own it, so the address no longer has to. `mfa_required` is one when the session
// would move onto an account with MFA enrolled: the Action requires that account's factor in the
// nested sign-in, and the continuation links only when the ID token shows MFA was performed. The others (no address, a malformed
// record, an ambiguous primary) stay refusals whatever the person proves.
export const RESOLVABLE_BY_SIGN_IN: ReadonlySet<SkipReason> = new Set([
  "untrusted_connection",
  "email_not_verified",
  "mfa_required",
  // AUTOMATIC_LINKING=off: the link would have been safe, but the tenant wants every one proven.
  "automatic_linking_off",
]);

export const PROMPT_SKIP_REASONS = [
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
  // The link the sign-in would allow is one the continuation refuses (secondary-holdings.ts).
  "secondary_in_organization",
  "secondary_has_roles",
  "secondary_has_permissions",
] as const;

export type PromptSkipReason = (typeof PROMPT_SKIP_REASONS)[number];

export interface PromptCandidate {
  userId: string;
  /** The connection of the candidate's main identity: the one the person signs in to. */
  connection: string;
  /** The candidate's own address, to pre-fill the sign-in page. */
  email: string;
  /** A second factor is enrolled: the sign-in proves ownership only if it performed MFA. */
  mfaEnrolled: boolean;
}

export interface PromptGateInput {
  prompt: PromptConfig;
  /** Why automatic linking refused this login. */
  refusal: SkipReason;
  current: AccountSnapshot;
  protocol: string | undefined;
  transactionId: string | undefined;
  now: Date;
}

/** The nested sign-in runs the whole post-login pipeline for the other account: stay out of it. */
export function isPromptTransaction(clientId: string | undefined, prompt: PromptConfig): boolean {
  return prompt.enabled && clientId !== undefined && clientId === prompt.clientId;
}

/**
 * The rules a login must pass before a lookup is spent on finding an account to offer. All of
 * them read only the event, so a snoozed or non-interactive login costs no request.
 */
export function checkPromptGate(input: PromptGateInput): PromptSkipReason | undefined {
  const { prompt, current } = input;
  if (!prompt.enabled) return "prompt_off";
  if (input.protocol === undefined || !PROMPTABLE_PROTOCOLS.has(input.protocol)) {
    return "protocol_not_promptable";
  }
  // The PKCE verifier and the nonce are bound to the transaction id: without one, no binding.
  if (!input.transactionId) return "no_transaction_id";
  if (!RESOLVABLE_BY_SIGN_IN.has(input.refusal)) return "not_resolvable_by_sign_in";
  if (current.email === undefined || current.email === "") return "not_resolvable_by_sign_in";
  // An account with MFA enrolled refused for MFA needs its own factor at its own login: a
  // sign-in to another account proves nothing about it.
  if (input.refusal === "mfa_required" && current.mfaEnrolled) return "not_resolvable_by_sign_in";
  // The logging-in account becomes the secondary; one that already holds several identities
  // would outrank the candidate as primary, and linking it as a secondary is not documented.
  if (current.identities.length !== 1) return "current_has_several_identities";
  if (isDeclineRemembered(current.appMetadata, prompt.snoozeDays, input.now)) {
    return "prompt_snoozed";
  }
  return undefined;
}

export type PromptChoice =
  | { kind: "prompt"; candidate: PromptCandidate }
  | { kind: "none"; reason: PromptSkipReason; eligibleCandidates: number };

export interface PromptChoiceInput {
  current: AccountSnapshot;
  candidates: readonly AccountSnapshot[];
  trust: TrustPolicy;
  /** What the tenant says about its database connections; one it says nothing about is untrusted. */
  databaseKinds: DatabaseKinds;
}

/**
 * The one account the person may be asked to sign in to: the same address, verified by its own
 * trusted main identity, not blocked. An unverified account is never offered: that is the
 * pre-account-hijacking trap, where the victim would be invited into the attacker's account.
 * Two such accounts make the offer ambiguous, so nothing is offered until they are linked.
 */
export function choosePromptCandidate(input: PromptChoiceInput): PromptChoice {
  const { current, trust } = input;
  const email = current.email;
  if (email === undefined || email === "") {
    return { kind: "none", reason: "no_prompt_candidate", eligibleCandidates: 0 };
  }
  const eligible = new Map<string, LinkableAccount>();
  for (const candidate of input.candidates) {
    if (
      hasMainIdentity(candidate) &&
      candidate.blocked !== true &&
      isEligibleCandidate(candidate, current.userId, email, trust, input.databaseKinds)
    ) {
      eligible.set(accountKey(candidate), candidate);
    }
  }
  const [only, ...others] = eligible.values();
  if (only === undefined) {
    return { kind: "none", reason: "no_prompt_candidate", eligibleCandidates: 0 };
  }
  if (others.length > 0) {
    return { kind: "none", reason: "several_prompt_candidates", eligibleCandidates: eligible.size };
  }
  // An administrator unlinked these two: asking the person to join them again would undo that.
  if (wereUnlinked(current, only)) {
    return { kind: "none", reason: "unlinked_pair", eligibleCandidates: 1 };
  }
  return {
    kind: "prompt",
    candidate: {
      userId: only.userId,
      connection: only.identities[0].connection,
      email: only.email as string,
      mfaEnrolled: only.mfaEnrolled,
    },
  };
}

export type PromptedLinkPlan = Extract<LinkPlan, { kind: "link" }>;

/** The user ids a prompted link of this login makes secondaries: the logging-in account alone. */
export function promptedSecondaries(current: AccountSnapshot): string[] {
  return [current.userId];
}

export type PromptedLink =
  | { ok: true; plan: PromptedLinkPlan }
  | {
      ok: false;
      reason:
        | "current_has_several_identities"
        | "unlinked_pair"
        | "copy_over_budget"
        | "blocked_account"
        | "ambiguous_mfa";
    };

/**
 * The link a proven sign-in allows: the logging-in account into the candidate, with the rules of
 * the automatic path (metadata carry, the recoverable copy and audit record, never re-linking an
 * unlinked pair).
 */
export function planPromptedLink(
  current: AccountSnapshot,
  candidate: LinkableAccount,
  mergeAppMetadataKeys: readonly string[],
): PromptedLink {
  if (!hasMainIdentity(current) || current.identities.length !== 1) {
    return { ok: false, reason: "current_has_several_identities" };
  }
  if (wereUnlinked(current, candidate)) return { ok: false, reason: "unlinked_pair" };
  if (current.blocked || candidate.blocked) return { ok: false, reason: "blocked_account" };
  // The logging-in account becomes the secondary: one with MFA enrolled never becomes the
  // secondary of one without, and two with MFA leave no primary that keeps both factors.
  if (current.mfaEnrolled) return { ok: false, reason: "ambiguous_mfa" };
  const metadataCarry = planMetadataCarry(candidate, [current], mergeAppMetadataKeys);
  const decision = planRecovery(candidate, [current], metadataCarry, { path: "prompt" });
  if (!decision.fits) return { ok: false, reason: "copy_over_budget" };
  return {
    ok: true,
    plan: {
      kind: "link",
      primary: candidate,
      links: [toLinkStep(current)],
      metadataCarry,
      recovery: decision.recovery,
      currentBecomesSecondary: true,
      eligibleCandidates: 1,
    },
  };
}
