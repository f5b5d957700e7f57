import type { PostLoginApi, PostLoginEvent } from "../actions-platform/post-login";
import { type AccountSnapshot, toAccountSnapshot } from "../linking/account";
import { type LinkingConfig, readConfig } from "../linking/config";
import { lookupVariants } from "../linking/email";
import { hashEmail } from "../linking/email-hash";
import type { SkipReason } from "../linking/errors";
import { checkLinkAtLogin, hasCompletedMfa, needsMfaChallenge } from "../linking/login-rules";
import {
  buildMarker,
  formsToRecheck,
  hasValidMarker,
  MARKER_KEY,
  markerEmailHash,
} from "../linking/marker";
import { checkCurrentAccount, planLinking } from "../linking/plan";
import { checkPromptGate, isPromptTransaction } from "../linking/prompt-plan";
import { protocolKind } from "../linking/protocols";
import { checkSecondaryHoldings, holdingsLookupFailure } from "../linking/secondary-holdings";
import type { DatabaseKinds } from "../linking/trust";
import { applyLinkPlan } from "./apply-plan";
import { databaseConnectionIdsFor } from "./database-connection-ids";
import { databaseKindsFor, knownDatabaseKinds } from "./database-kinds";
import { findCandidates } from "./find-candidates";
import {
  configInvalidSummary,
  type LogSummary,
  unexpectedErrorSummary,
  writeExecutionLine,
} from "./log-line";
import type { RequestFailure } from "./management/failure";
import type { ManagementPort, ManagementPortOptions } from "./management/management-port";
import { type Offer, offerSignIn } from "./prompt/offer-sign-in";
import { readSecondaryHoldings } from "./secondary-holdings";
import { mustFinishLimitMs, startTimeBudget, type TimeBudget } from "./time-budget";

const denyMessage = "We could not finish signing you in. Please try again in a moment.";

type Summary = LogSummary;

interface Execution {
  summary: Summary;
  deny: boolean;
  port?: ManagementPort;
  /** Keys the hash of any address a log field carries; absent when no secret could be read. */
  addressHashKey?: string;
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
  let mfaChallenged = false;
  try {
    mfaChallenged = requireMfaThroughLinkedIdentity(event, api);
    execution = await linkAccounts(event, api, createPort);
  } catch (error) {
    execution = {
      summary: unexpectedErrorSummary(error),
      deny: onErrorBehaviour(event) === "deny",
    };
  }
  if (execution.deny) api.access.deny(denyMessage);
  writeExecutionLine(
    { ...execution.summary, ...(mfaChallenged ? { mfa_challenged: true } : {}) },
    {
      requests: execution.port?.requestCount ?? 0,
      tokenRequests: execution.port?.tokenRequestCount ?? 0,
    },
    startedAt,
    execution.addressHashKey,
  );
}

/**
 * Runs at every execution, whatever LINKING_MODE says: switching linking off must not reopen a
 * door a link opened. It reads only the event, so it costs no request.
 */
function requireMfaThroughLinkedIdentity(event: PostLoginEvent, api: PostLoginApi): boolean {
  const user = toAccountSnapshot(event.user);
  if (!user.ok) return false;
  const challenge = needsMfaChallenge(user.account, {
    connection: event.connection?.name,
    completedMfa: hasCompletedMfa(event.authentication?.methods),
    protocol: event.transaction?.protocol,
  });
  // A remembered browser is one where this user passed MFA before; an attacker's never is.
  if (challenge) api.multifactor.enable("any", { allowRememberBrowser: true });
  return challenge;
}

/**
 * The nested sign-in proves ownership of the account it signs in to; when that account has a
 * factor enrolled, the proof includes it whatever the tenant's MFA policy or its other Actions
 * say. Never from a remembered browser: the continuation links only on an ID token showing MFA
 * performed in this very sign-in.
 */
function requireMfaOfOfferedAccount(event: PostLoginEvent, api: PostLoginApi): boolean {
  const user = toAccountSnapshot(event.user);
  if (!user.ok || !user.account.mfaEnrolled) return false;
  api.multifactor.enable("any", { allowRememberBrowser: false });
  return true;
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
      summary: configInvalidSummary(configResult.error),
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
    return skipped(
      "prompt_transaction",
      requireMfaOfOfferedAccount(event, api) ? { mfa_challenged: true } : {},
    );
  }
  const protocol = protocolKind(event.transaction?.protocol);
  if (protocol === "non_interactive") return skipped("non_interactive_protocol");
  if (protocol === "unknown") return skipped("unknown_protocol");
  // Memberships belong to a user id, and whether Auth0 honours setPrimaryUser in an
  // organization login is undocumented: an organization login links nothing.
  if (event.organization !== undefined) return skipped("organization_login");
  const parsed = toAccountSnapshot(event.user);
  if (!parsed.ok) return skipped("malformed_user", { detail: parsed.reason });
  const current = parsed.account;
  const loginConnection = { name: event.connection?.name, strategy: event.connection?.strategy };
  const knownKinds = knownDatabaseKinds(api.cache);
  const rejection = checkCurrentAccount(current, loginConnection, config.trust, knownKinds);
  // An undescribed database connection is asked about once a lookup is due anyway.
  if (rejection && rejection.reason !== "database_kind_unknown") {
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
    const hashKey = { addressHashKey: config.clientSecret };
    if (closed === "prompt_off") return { ...refused, ...hashKey };
    if (closed) return { ...refused, summary: { ...refused.summary, prompt: closed }, ...hashKey };
    return {
      ...(await offerAfterRefusal(event, api, config, createPort, current, refused)),
      ...hashKey,
    };
  }

  // checkCurrentAccount guarantees the address exists.
  const email = current.email as string;
  const identity = { user_id: current.userId, email_hash: hashEmail(email, config.clientSecret) };
  const markerHash = markerEmailHash(email, config.domain);
  // users-by-email matches case-sensitively and providers send capitalised addresses, so a first
  // check asks for the address as given and in ASCII lower case.
  const alreadyChecked = hasValidMarker(current.appMetadata, markerHash);
  const addressForms = alreadyChecked ? formsToRecheck(email) : lookupVariants(email);
  if (addressForms.length === 0) {
    return { ...skipped("already_checked", identity), addressHashKey: config.clientSecret };
  }

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
    knownKinds,
  });
  return {
    ...execution,
    summary: { ...identity, mode: config.mode, ...execution.summary },
    port,
    addressHashKey: config.clientSecret,
  };
}

/** A refused plan's offer: the gate decides whether a sign-in to the other account resolves it. */
async function offerIfResolvable(
  input: LinkingInput,
  refusal: SkipReason,
  refused: Execution,
  candidates: readonly AccountSnapshot[],
): Promise<Execution> {
  const { event, config, current } = input;
  const closed = checkPromptGate({
    prompt: config.prompt,
    refusal,
    current,
    protocol: event.transaction?.protocol,
    transactionId: event.transaction?.id,
    now: new Date(),
  });
  if (closed === "prompt_off") return refused;
  if (closed) return { ...refused, summary: { ...refused.summary, prompt: closed } };
  const offer = await offerSignIn({
    event,
    api: input.api,
    config,
    port: input.port,
    current,
    candidates,
  });
  return offerExecution(offer, refused, config, input.budget);
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
      // The login was refused anyway: a failed search for an account to offer, or a failed read
      // of what the logging-in account holds, changes nothing and denies nobody, whatever
      // ON_ERROR says.
      return {
        summary: {
          ...refused.summary,
          outcome: "error",
          reason: failureReason(offer.code, offer.failure, budget),
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
  knownKinds: DatabaseKinds;
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

  const loginConnection = {
    name: input.loginConnection.name ?? "",
    strategy: input.loginConnection.strategy ?? "",
  };
  const kinds = await databaseKindsFor(
    [current, ...lookup.candidates],
    loginConnection,
    input.knownKinds,
    input,
  );
  // Without an answer no database connection can be trusted; no marker either, so the next
  // login asks again.
  if (!kinds.ok) return failed("connection_lookup_failed", kinds.failure);

  const plan = planLinking({
    current,
    loginConnection,
    candidates: lookup.candidates,
    trust: config.trust,
    databaseKinds: kinds.kinds,
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

  const refused = checkLinkAtLogin(plan, {
    completedMfa: hasCompletedMfa(input.event.authentication?.methods),
    automaticLinking: input.config.automaticLinking,
  });
  if (refused) {
    const refusedExecution: Execution = {
      summary: {
        outcome: "skipped",
        reason: refused.reason,
        candidates: plan.eligibleCandidates,
        links: 0,
        primary_user_id: plan.primary.userId,
        detail: refused.detail,
      },
      deny: false,
    };
    return offerIfResolvable(input, refused.reason, refusedExecution, lookup.candidates);
  }

  // Asked only now that a link is planned: a login that links nothing costs no request for it.
  // Without an answer nothing is linked and no marker written, so the next login asks again.
  const holdings = await readSecondaryHoldings(port, plan);
  if (!holdings.ok) {
    return failed(holdingsLookupFailure(holdings.holding), holdings.failure, {
      candidates: plan.eligibleCandidates,
    });
  }
  const held = checkSecondaryHoldings(plan, holdings.holdings);
  if (held) {
    return {
      summary: {
        outcome: "skipped",
        reason: held.reason,
        candidates: plan.eligibleCandidates,
        links: 0,
        primary_user_id: plan.primary.userId,
        detail: held.detail,
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

  // Every database secondary's link names its connection; the logging-in account's is the event's.
  const connectionIds = await databaseConnectionIdsFor(
    plan.links.filter((step) => step.secondaryUserId !== current.userId),
    port,
    api.cache,
  );
  if (!connectionIds.ok) {
    return failed("connection_lookup_failed", connectionIds.failure, planned);
  }

  const applied = await applyLinkPlan(plan, {
    port,
    api,
    currentUserId: current.userId,
    loginConnectionId: input.event.connection.id,
    databaseConnectionIds: connectionIds.ids,
    marker,
    linkedAt: new Date().toISOString(),
    currentIdentity: {
      provider: current.identities[0]?.provider ?? "",
      providerUserId: current.identities[0]?.providerUserId ?? "",
    },
    addressForms: lookupVariants(current.email ?? ""),
  });
  if (applied.ok === "incident") {
    // The links are made and the session is where the identity that logged in is: refusing the
    // login would undo nothing. The line is for an administrator (README, "When a link moved more
    // than planned").
    return {
      summary: {
        outcome: "error",
        reason: "unplanned_identities_linked",
        ...planned,
        links: applied.links,
        unplanned_identities: applied.unplannedIdentities,
      },
      deny: false,
    };
  }
  if (!applied.ok) {
    const failure = failed(applied.code, applied.failure, { ...planned, links: applied.links });
    // The account the session stood on is gone and nobody found where: ending the login there
    // would end it on a deleted user, so it is refused whatever ON_ERROR says; the next login
    // signs in as whoever holds the identity now.
    return applied.sessionLost ? { ...failure, deny: true } : failure;
  }
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
