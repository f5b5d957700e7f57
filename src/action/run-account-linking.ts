import { type AccountSnapshot, toAccountSnapshot } from "../linking/account";
import { type LinkingConfig, readConfig } from "../linking/config";
import { lookupVariants } from "../linking/email";
import { hashEmail } from "../linking/email-hash";
import {
  buildMarker,
  formsToRecheck,
  hasValidMarker,
  MARKER_KEY,
  markerEmailHash,
} from "../linking/marker";
import { checkCurrentAccount, planLinking } from "../linking/plan";
import { checkPromptGate, isPromptTransaction } from "../linking/prompt-plan";
import { isNonInteractive } from "../linking/protocols";
import type { PostLoginApi, PostLoginEvent } from "./actions-api";
import { applyLinkPlan } from "./apply-plan";
import { findCandidates } from "./find-candidates";
import { type LogSummary, unexpectedErrorSummary, writeExecutionLine } from "./log-line";
import type { RequestFailure } from "./management/failure";
import type { ManagementPort, ManagementPortOptions } from "./management/management-port";
import { type Offer, offerSignIn } from "./prompt/offer-sign-in";
import { mustFinishLimitMs, startTimeBudget, type TimeBudget } from "./time-budget";

const denyMessage = "We could not finish signing you in. Please try again in a moment.";

type Summary = LogSummary;

interface Execution {
  summary: Summary;
  deny: boolean;
  port?: ManagementPort;
}

const noWork = { candidates: 0, links: 0 };

export type CreateManagementPort = (options: ManagementPortOptions) => ManagementPort;

/**
 * One execution of the Action: decide, link, log one line. The Management API port is a
 * parameter so the orchestration can be tested against a fake; production passes the real one.
 */
export async function runAccountLinking(
  event: PostLoginEvent,
  api: PostLoginApi,
  createPort: CreateManagementPort,
): Promise<void> {
  const startedAt = Date.now();
  let execution: Execution;
  try {
    execution = await linkAccounts(event, api, createPort);
  } catch (error) {
    execution = {
      summary: unexpectedErrorSummary(error),
      deny: onErrorBehaviour(event) === "deny",
    };
  }
  if (execution.deny) api.access.deny(denyMessage);
  writeExecutionLine(
    execution.summary,
    {
      requests: execution.port?.requestCount ?? 0,
      tokenRequests: execution.port?.tokenRequestCount ?? 0,
    },
    startedAt,
  );
}

function onErrorBehaviour(event: PostLoginEvent) {
  const config = readConfig(event.secrets ?? {});
  return config.ok ? config.config.onError : config.onError;
}

async function linkAccounts(
  event: PostLoginEvent,
  api: PostLoginApi,
  createPort: CreateManagementPort,
): Promise<Execution> {
  const configResult = readConfig(event.secrets ?? {});
  if (!configResult.ok) {
    return {
      summary: {
        outcome: "error",
        reason: "config_invalid",
        ...noWork,
        secret: configResult.error.secret,
        detail: configResult.error.message,
      },
      deny: configResult.onError === "deny",
    };
  }
  const config = configResult.config;
  const skipped = (reason: Summary["reason"], extra: Partial<Summary> = {}): Execution => ({
    summary: { outcome: "skipped", reason, mode: config.mode, ...noWork, ...extra },
    deny: false,
  });

  if (config.mode === "off") return skipped("mode_off");
  // The nested sign-in of prompted linking runs this Action for the other account: linking there
  // could move that sign-in's session and make its ID token name someone else.
  if (isPromptTransaction(event.client?.client_id, config.prompt)) {
    return skipped("prompt_transaction");
  }
  if (isNonInteractive(event.transaction?.protocol)) return skipped("non_interactive_protocol");
  const parsed = toAccountSnapshot(event.user);
  if (!parsed.ok) return skipped("malformed_user", { detail: parsed.reason });
  const current = parsed.account;
  const loginConnection = { name: event.connection?.name, strategy: event.connection?.strategy };
  const rejection = checkCurrentAccount(current, loginConnection, config.trust);
  if (rejection) {
    const refused = skipped(rejection.reason, {
      user_id: current.userId,
      detail: rejection.detail,
    });
    const closed = checkPromptGate({
      prompt: config.prompt,
      refusal: rejection.reason,
      current,
      protocol: event.transaction?.protocol,
      transactionId: event.transaction?.id,
      now: new Date(),
    });
    if (closed === "prompt_off") return refused;
    if (closed) return { ...refused, summary: { ...refused.summary, prompt: closed } };
    return offerAfterRefusal(event, api, config, createPort, current, refused);
  }

  // checkCurrentAccount guarantees the address exists.
  const email = current.email as string;
  const identity = { user_id: current.userId, email_hash: hashEmail(email, config.clientSecret) };
  const markerHash = markerEmailHash(email, config.domain);
  // users-by-email matches case-sensitively and providers send capitalised addresses, so a first
  // check asks for the address as given and in ASCII lower case.
  const alreadyChecked = hasValidMarker(current.appMetadata, markerHash);
  const addressForms = alreadyChecked ? formsToRecheck(email) : lookupVariants(email);
  if (addressForms.length === 0) return skipped("already_checked", identity);

  const budget = startTimeBudget(config.timeBudgetMs);
  const mustFinishBudget = startTimeBudget(mustFinishLimitMs);
  const port = createPort({ settings: config, cache: api.cache, budget, mustFinishBudget });
  const execution = await lookUpPlanAndApply({
    event,
    api,
    config,
    port,
    budget,
    current,
    loginConnection,
    addressForms,
    alreadyChecked,
    markerHash,
  });
  return { ...execution, summary: { ...identity, mode: config.mode, ...execution.summary }, port };
}

/** A refusal that proof of ownership resolves: look for the account to offer a sign-in to. */
async function offerAfterRefusal(
  event: PostLoginEvent,
  api: PostLoginApi,
  config: LinkingConfig,
  createPort: CreateManagementPort,
  current: AccountSnapshot,
  refused: Execution,
): Promise<Execution> {
  const budget = startTimeBudget(config.timeBudgetMs);
  const mustFinishBudget = startTimeBudget(mustFinishLimitMs);
  const port = createPort({ settings: config, cache: api.cache, budget, mustFinishBudget });
  const offer = await offerSignIn({ event, api, config, port, current });
  const identity = {
    user_id: current.userId,
    ...(current.email ? { email_hash: hashEmail(current.email, config.clientSecret) } : {}),
  };
  const execution = offerExecution(offer, refused, config, budget);
  return { ...execution, summary: { ...identity, ...execution.summary }, port };
}

function offerExecution(
  offer: Offer,
  refused: Execution,
  config: LinkingConfig,
  budget: TimeBudget,
): Execution {
  switch (offer.kind) {
    case "prompted":
    case "would_prompt":
      return {
        summary: {
          outcome: offer.kind === "prompted" ? "prompted" : "dry-run",
          reason: offer.kind,
          mode: config.mode,
          candidates: 1,
          links: 0,
          primary_user_id: offer.candidateUserId,
        },
        deny: false,
      };
    case "not_offered":
      return {
        ...refused,
        summary: {
          ...refused.summary,
          candidates: offer.eligibleCandidates,
          prompt: offer.reason,
        },
      };
    case "lookup_failed":
      // The login was refused anyway: a failed search for an account to offer changes nothing
      // and denies nobody, whatever ON_ERROR says.
      return {
        summary: {
          ...refused.summary,
          outcome: "error",
          reason: failureReason("lookup_failed", offer.failure, budget),
          failure: {
            kind: offer.failure.kind,
            ...(offer.failure.status ? { status: offer.failure.status } : {}),
          },
        },
        deny: false,
      };
  }
}

interface LinkingInput {
  event: PostLoginEvent;
  api: PostLoginApi;
  config: LinkingConfig;
  port: ManagementPort;
  budget: TimeBudget;
  current: AccountSnapshot;
  loginConnection: { name: string | undefined; strategy: string | undefined };
  addressForms: string[];
  /** The marker was valid: this is only the recheck of an address stored with capitals. */
  alreadyChecked: boolean;
  markerHash: string;
}

function failureReason(
  operationReason: Summary["reason"],
  failure: RequestFailure,
  budget: TimeBudget,
): Summary["reason"] {
  if (failure.kind === "budget_exhausted" || budget.remainingMs() === 0) return "budget_exhausted";
  return failure.duringTokenRequest ? "token_failed" : operationReason;
}

// Names every key the link would have destroyed and that now lives in the recoverable copy, so
// the log says what an undo can bring back.
function copiedKeysField(plan: Extract<ReturnType<typeof planLinking>, { kind: "link" }>) {
  const keys = plan.recovery.records.flatMap((record) =>
    record.copy.in === "app_metadata"
      ? [
          ...Object.keys(record.copy.user_metadata).map((key) => `user_metadata.${key}`),
          ...Object.keys(record.copy.app_metadata).map((key) => `app_metadata.${key}`),
        ]
      : [],
  );
  return keys.length > 0 ? { copied_metadata_keys: [...new Set(keys)] } : {};
}

async function lookUpPlanAndApply(input: LinkingInput): Promise<Execution> {
  const { config, port, api, current } = input;
  const failed = (
    reason: Summary["reason"],
    failure: RequestFailure,
    extra: Partial<Summary> = {},
  ): Execution => ({
    summary: {
      outcome: "error",
      reason: failureReason(reason, failure, input.budget),
      ...noWork,
      failure: { kind: failure.kind, ...(failure.status ? { status: failure.status } : {}) },
      ...extra,
    },
    deny: config.onError === "deny",
  });

  const lookup = await findCandidates(port, input.addressForms);
  if (!lookup.ok) return failed("lookup_failed", lookup.failure);

  const plan = planLinking({
    current,
    loginConnection: {
      name: input.loginConnection.name ?? "",
      strategy: input.loginConnection.strategy ?? "",
    },
    candidates: lookup.candidates,
    trust: config.trust,
    mergeAppMetadataKeys: config.mergeAppMetadataKeys,
  });
  const marker = buildMarker(input.markerHash, new Date().toISOString());

  if (plan.kind === "skip") {
    if (plan.reason === "no_candidates" && input.alreadyChecked) {
      return { summary: { outcome: "skipped", reason: "already_checked", ...noWork }, deny: false };
    }
    // Nothing to link is a finished check: remember it so this person's next login costs nothing.
    // A copy over the budget is not: the metadata may shrink, and the next login tries again.
    const finished = plan.reason === "no_candidates" || plan.reason === "unlinked_pair";
    if (finished && config.mode === "link") {
      api.user.setAppMetadata(MARKER_KEY, marker);
    }
    return {
      summary: {
        outcome: "skipped",
        reason: plan.reason,
        candidates: plan.eligibleCandidates,
        links: 0,
        ...(plan.detail ? { detail: plan.detail } : {}),
      },
      deny: false,
    };
  }

  const planned = {
    candidates: plan.eligibleCandidates,
    primary_user_id: plan.primary.userId,
    current_became_secondary: plan.currentBecomesSecondary,
    ...(plan.metadataCarry.dropped.length > 0
      ? { dropped_metadata_keys: plan.metadataCarry.dropped.map((d) => d.key) }
      : {}),
    ...copiedKeysField(plan),
  };
  if (config.mode === "dry-run") {
    return {
      summary: { outcome: "dry-run", reason: "would_link", links: plan.links.length, ...planned },
      deny: false,
    };
  }

  const applied = await applyLinkPlan(plan, {
    port,
    api,
    currentUserId: current.userId,
    loginConnectionId: input.event.connection.id,
    marker,
    linkedAt: new Date().toISOString(),
  });
  if (!applied.ok)
    return failed(applied.code, applied.failure, { ...planned, links: applied.links });
  return {
    summary: {
      outcome: "linked",
      reason: "linked",
      links: applied.links,
      ...planned,
      ...(applied.markerWritten ? {} : { detail: "marker_failed" }),
    },
    deny: false,
  };
}
