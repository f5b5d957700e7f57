import type { PostLoginApi, PostLoginEvent } from "../../actions-platform/post-login";
import { toAccountSnapshot } from "../../linking/account";
import { readConfig } from "../../linking/config";
import { hashEmail } from "../../linking/email-hash";
import { idTokenShowsMfa } from "../../linking/login-rules";
import { buildDecline, DECLINE_KEY, remembersDecline } from "../../linking/prompt-decline";
import {
  configInvalidSummary,
  type LogSummary,
  unexpectedErrorSummary,
  writeExecutionLine,
} from "../log-line";
import type { CreateManagementPort } from "../login/login-step";
import type { ManagementPort } from "../management/management-port";
import { mustFinishLimitMs, startTimeBudget } from "../time-budget";
import type { ContinuationContext, ContinuationState } from "./continuation/continuation";
import { type DeclineReason, deniesTheLogin } from "./continuation/decline-reasons";
import { continuationChecks } from "./continuation/index";
import { linkIntoCandidate } from "./continuation/link-into-candidate";
import { browserDomain } from "./prompt-domain";

type Summary = LogSummary;

interface Result {
  summary: Summary;
  port?: ManagementPort;
  authenticationRequests: number;
}

const noWork = { candidates: 0, links: 0 };

// What the browser that finished someone else's sign-in shows: nothing about the accounts.
const browserChangedMessage =
  "This sign-in was finished in another browser or from another network. Please sign in again.";

/**
 * onContinuePostLogin: the person is back from the nested sign-in. Every check must pass before
 * the logging-in account is linked into the candidate; on a decline or any failure nothing is
 * linked, the login goes on as the account that logged in, and one log line says why. Only the
 * person's own decline is remembered on that account. It never throws, and denies only a login
 * finished in another browser than the one prompted (deniesTheLogin).
 */
export async function runPromptContinuation(
  event: PostLoginEvent,
  api: PostLoginApi,
  createPort: CreateManagementPort,
): Promise<void> {
  const startedAt = Date.now();
  let result: Result;
  try {
    result = await continueAfterSignIn(event, api, createPort);
  } catch (error) {
    result = { summary: unexpectedErrorSummary(error), authenticationRequests: 0 };
  }
  writeExecutionLine(
    result.summary,
    {
      requests: (result.port?.requestCount ?? 0) + result.authenticationRequests,
      tokenRequests: result.port?.tokenRequestCount ?? 0,
    },
    startedAt,
  );
}

async function continueAfterSignIn(
  event: PostLoginEvent,
  api: PostLoginApi,
  createPort: CreateManagementPort,
): Promise<Result> {
  const configResult = readConfig(event.secrets ?? {});
  if (!configResult.ok) {
    return {
      summary: configInvalidSummary(configResult.error),
      authenticationRequests: 0,
    };
  }
  const config = configResult.config;
  const parsed = toAccountSnapshot(event.user);
  const transactionId = event.transaction?.id;
  const skippedAs = (reason: DeclineReason, detail: string): Result => ({
    summary: { outcome: "skipped", reason, mode: config.mode, ...noWork, detail },
    authenticationRequests: 0,
  });
  // Settings changed while the person was away: no prompt is honoured that is no longer allowed.
  if (config.mode !== "link" || !config.prompt.enabled) {
    return skippedAs("prompt_off", "prompted linking is off");
  }
  if (!parsed.ok || !transactionId) {
    return skippedAs("not_prompted", "no user or transaction to bind the continuation to");
  }
  const current = parsed.account;
  const identity = {
    user_id: current.userId,
    ...(current.email ? { email_hash: hashEmail(current.email, config.clientSecret) } : {}),
  };
  const budget = startTimeBudget(config.timeBudgetMs);
  const context: ContinuationContext = {
    event,
    config,
    prompt: config.prompt,
    fields: { transactionId, userId: current.userId },
    browserDomain: browserDomain(config.domain, event.request?.hostname),
    budget,
  };
  const state: ContinuationState = { requests: 0 };

  const decline = (reason: DeclineReason, detail?: string, port?: ManagementPort): Result => {
    if (remembersDecline(reason)) {
      api.user.setAppMetadata(DECLINE_KEY, buildDecline(reason, new Date()));
    }
    if (deniesTheLogin(reason)) api.access.deny(browserChangedMessage);
    return {
      summary: {
        outcome: "declined",
        reason,
        mode: config.mode,
        ...identity,
        ...noWork,
        ...(detail ? { detail } : {}),
      },
      authenticationRequests: state.requests,
      ...(port ? { port } : {}),
    };
  };

  for (const check of continuationChecks) {
    const checked = await check(context, state);
    if (!checked.ok) return decline(checked.reason, checked.detail);
  }
  const candidateUserId = state.sealed?.candidateUserId as string;

  const mustFinishBudget = startTimeBudget(mustFinishLimitMs);
  const port = createPort({ settings: config, cache: api.cache, budget, mustFinishBudget });
  const proof = { candidateUserId, showedMfa: idTokenShowsMfa(state.claims?.amr) };
  const linked = await linkIntoCandidate(context, current, proof, port, api);
  if (linked.ok === false) {
    // A link that landed moved the session already; the decline is then discarded with the
    // secondary's metadata, which is right: there is nothing left to decline.
    const result = decline(linked.reason, linked.detail, port);
    return { ...result, summary: { ...result.summary, links: linked.links } };
  }
  const landed = {
    mode: config.mode,
    ...identity,
    candidates: 1,
    links: linked.links,
    primary_user_id: linked.primaryUserId,
    current_became_secondary: true,
  };
  return {
    summary:
      linked.ok === "incident"
        ? {
            outcome: "error",
            reason: "unplanned_identities_linked",
            ...landed,
            unplanned_identities: linked.unplannedIdentities,
          }
        : { outcome: "linked", reason: "linked_after_sign_in", ...landed },
    authenticationRequests: state.requests,
    port,
  };
}
