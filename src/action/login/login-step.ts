import type { PostLoginApi, PostLoginEvent } from "../../actions-platform/post-login";
import type { AccountSnapshot } from "../../linking/account";
import type { LinkingConfig } from "../../linking/config";
import type { DatabaseConnectionIds } from "../../linking/database-connection-ids";
import type { Marker } from "../../linking/marker";
import type { LinkPlan } from "../../linking/plan";
import type { DatabaseKinds } from "../../linking/trust";
import type { LogSummary } from "../log-line";
import type { RequestFailure } from "../management/failure";
import type { ManagementPort, ManagementPortOptions } from "../management/management-port";
import type { TimeBudget } from "../time-budget";

export type CreateManagementPort = (options: ManagementPortOptions) => ManagementPort;

/** How a login ends: the summary its log line carries and whether the login is refused. */
export interface Execution {
  summary: LogSummary;
  deny: boolean;
  port?: ManagementPort;
  /** Keys the hash of any address a log field carries; absent when no secret could be read. */
  addressHashKey?: string;
}

/** What every step may read: fixed before the first one runs. */
export interface LoginContext {
  event: PostLoginEvent;
  api: PostLoginApi;
  createPort: CreateManagementPort;
}

/**
 * What the steps learn, in order: a field is set by one step and read only by the steps after it
 * (the list in `index.ts` is that order), so a step never reads a field that is not yet there.
 */
export interface LoginState {
  config: LinkingConfig;
  current: AccountSnapshot;
  loginConnection: { name: string | undefined; strategy: string | undefined };
  knownKinds: DatabaseKinds;
  identity: { user_id: string; email_hash: string };
  markerHash: string;
  /** The marker was valid: this is only the recheck of an address stored with capitals. */
  alreadyChecked: boolean;
  addressForms: string[];
  port: ManagementPort;
  budget: TimeBudget;
  candidates: AccountSnapshot[];
  databaseKinds: DatabaseKinds;
  plan: Extract<LinkPlan, { kind: "link" }>;
  marker: Marker;
  /** The plan's fields of the log line, once a link is planned. */
  planned: Pick<LogSummary, "candidates"> & Partial<LogSummary>;
  databaseConnectionIds: DatabaseConnectionIds;
}

/** `undefined` is "go on"; an Execution is the outcome the login ends with. */
export type StepResult = Execution | undefined;

/** One rule of the login, named after what it enforces (its file says which). */
export type LoginStep = (
  context: LoginContext,
  state: LoginState,
) => StepResult | Promise<StepResult>;

/** The last step: it always ends the login. */
export type FinalStep = (context: LoginContext, state: LoginState) => Promise<Execution>;

export const goOn: StepResult = undefined;

export const noWork = { candidates: 0, links: 0 };

export function skipped(
  config: LinkingConfig,
  reason: LogSummary["reason"],
  extra: Partial<LogSummary> = {},
): Execution {
  return {
    summary: { outcome: "skipped", reason, mode: config.mode, ...noWork, ...extra },
    deny: false,
  };
}

export function failureReason(
  operationReason: LogSummary["reason"],
  failure: RequestFailure,
  budget: TimeBudget,
): LogSummary["reason"] {
  if (failure.kind === "budget_exhausted" || budget.remainingMs() === 0) return "budget_exhausted";
  return failure.duringTokenRequest ? "token_failed" : operationReason;
}

/**
 * An outcome once the Management API port is open: the line names the account and the mode,
 * counts the port's requests and hashes any address with the client secret.
 */
export function ended(state: LoginState, execution: Execution): Execution {
  const { identity, config, port } = state;
  return {
    ...execution,
    summary: { ...identity, mode: config.mode, ...execution.summary },
    port,
    addressHashKey: config.clientSecret,
  };
}

/** A request failed after the port opened: ON_ERROR decides whether the login goes on. */
export function failed(
  state: LoginState,
  reason: LogSummary["reason"],
  failure: RequestFailure,
  extra: Partial<LogSummary> = {},
): Execution {
  const { config, budget } = state;
  return ended(state, {
    summary: {
      outcome: "error",
      reason: failureReason(reason, failure, budget),
      ...noWork,
      failure: { kind: failure.kind, ...(failure.status ? { status: failure.status } : {}) },
      ...extra,
    },
    deny: config.onError === "deny",
  });
}

/** The login's connection as the plan compares it: a missing name or strategy matches nothing. */
export function namedLoginConnection({ loginConnection }: LoginState) {
  return { name: loginConnection.name ?? "", strategy: loginConnection.strategy ?? "" };
}
