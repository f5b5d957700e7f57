import type { PostLoginApi, PostLoginEvent } from "../../actions-platform/post-login";
import type { AccountSnapshot } from "../../linking/account";
import type { LinkingConfig } from "../../linking/config";
import { lookupVariants } from "../../linking/email";
import type { ErrorCode } from "../../linking/errors";
import { choosePromptCandidate, type PromptSkipReason } from "../../linking/prompt-plan";
import { databaseKindsFor, knownDatabaseKinds } from "../database-kinds";
import { findCandidates } from "../find-candidates";
import type { RequestFailure } from "../management/failure";
import type { ManagementPort } from "../management/management-port";
import { bindBrowser } from "./browser-binding";
import { holdingsForbidPrompt } from "./holdings-before-prompt";
import { browserDomain } from "./prompt-domain";
import { buildSignInRedirect } from "./sign-in-redirect";

export type Offer =
  | { kind: "prompted" | "would_prompt"; candidateUserId: string }
  | { kind: "not_offered"; reason: PromptSkipReason; eligibleCandidates: number }
  | {
      kind: "lookup_failed";
      code: Extract<
        ErrorCode,
        | "lookup_failed"
        | "connection_lookup_failed"
        | "organization_lookup_failed"
        | "authorization_lookup_failed"
      >;
      failure: RequestFailure;
    };

export interface OfferInput {
  event: PostLoginEvent;
  api: PostLoginApi;
  config: LinkingConfig;
  port: ManagementPort;
  current: AccountSnapshot;
  /** Accounts already looked up for this login, when automatic linking did. */
  candidates?: readonly AccountSnapshot[];
}

/**
 * Looks for the one account the person may prove they own and, in link mode, sends them to sign
 * in to it. The gate (checkPromptGate) has already passed.
 */
export async function offerSignIn(input: OfferInput): Promise<Offer> {
  const { config, current, event } = input;
  const prompt = config.prompt;
  const redirect = input.api.redirect;
  const transactionId = event.transaction?.id;
  if (!prompt.enabled || !redirect || !transactionId || current.email === undefined) {
    return { kind: "not_offered", reason: "prompt_off", eligibleCandidates: 0 };
  }
  let candidates = input.candidates;
  if (candidates === undefined) {
    const lookup = await findCandidates(input.port, lookupVariants(current.email));
    if (!lookup.ok)
      return { kind: "lookup_failed", code: "lookup_failed", failure: lookup.failure };
    candidates = lookup.candidates;
  }
  const kinds = await databaseKindsFor(
    candidates,
    { name: event.connection?.name ?? "", strategy: event.connection?.strategy ?? "" },
    knownDatabaseKinds(input.api.cache),
    input,
  );
  // A database connection nobody could describe is not trusted: nothing is offered. The code is
  // the one automatic linking logs for the same failure.
  if (!kinds.ok) {
    return { kind: "lookup_failed", code: "connection_lookup_failed", failure: kinds.failure };
  }
  const choice = choosePromptCandidate({
    current,
    candidates,
    trust: config.trust,
    databaseKinds: kinds.kinds,
  });
  if (choice.kind === "none") {
    return {
      kind: "not_offered",
      reason: choice.reason,
      eligibleCandidates: choice.eligibleCandidates,
    };
  }
  // Read only now that a prompt is due: a login that would not prompt costs no request for it.
  const forbidden = await holdingsForbidPrompt(input.port, current);
  if (forbidden) return forbidden;
  const candidateUserId = choice.candidate.userId;
  if (config.mode !== "link") return { kind: "would_prompt", candidateUserId };
  const target = await buildSignInRedirect({
    promptClientId: prompt.clientId,
    promptClientSecret: prompt.clientSecret,
    domain: browserDomain(config.domain, event.request?.hostname),
    candidate: choice.candidate,
    fields: { transactionId, userId: current.userId },
    browser: bindBrowser(event.request),
    now: new Date(),
  });
  redirect.sendUserTo(target.url, { query: target.query });
  return { kind: "prompted", candidateUserId };
}
