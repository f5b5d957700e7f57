import { randomUUID } from "node:crypto";
import type { PostLoginRequest } from "../../actions-platform/post-login";
import { protocolKind } from "../../linking/protocols";
import type {
  ActionInstance,
  ExecutionResult,
  PostLoginEventWithoutSecrets,
} from "../runtime/action-instance";
import type { RuntimeErrorCode } from "../runtime/runtime-error";
import type { Connection, Organization, StoredUser, TenantState } from "../tenant-state";
import { buildPostLoginEvent, defaultProtocol, postLoginUser } from "./post-login-event";
import {
  type ContinueRequest,
  mergeExecutions,
  redirectUrl,
  resumedEvent,
  SuspendedLogins,
} from "./suspended-logins";

const databaseStrategy = "auth0";
const syncedProfileFields = new Set(["name", "given_name", "family_name", "nickname", "picture"]);

export const defaultLoginClient = {
  client_id: "LocalLoginApplication0000000000",
  name: "Local app",
};

export interface LoginInput {
  /** The connection's name. */
  connection: string;
  providerUserId: string;
  email?: string;
  /** As the identity provider reports it; undefined when the provider omits the claim. */
  emailVerified?: boolean | undefined;
  profile?: Record<string, unknown>;
  protocol?: string;
  clientId?: string;
  /** The authorization request's `prompt` values, e.g. `["none"]` for silent authentication. */
  prompt?: string[];
  /** The authorization request as the Action sees it in `event.request`. */
  request?: PostLoginRequest;
  /**
   * What the session proved before Actions ran (`event.authentication.methods`); by default the
   * connection's own first factor. Add `mfa` for a login that completed MFA.
   */
  authenticationMethods?: string[];
  /** An organization login: the organization's id or name. */
  organization?: string;
  /** Whether the person can pass an MFA challenge the Action requires (the attacker cannot). */
  passesMfa?: boolean;
  /**
   * The caller asks for the factor itself once the pipeline has run, as Auth0 does at the end of
   * the flow (the login side's challenge page): a login an Action required MFA of then ends with
   * `mfaRequired` and its session user, not `mfa_failed`, and counts only once the factor passed.
   */
  challengesMfa?: boolean;
}

export interface ManagementApiCall {
  method: string;
  path: string;
  endpointKey: string;
  status: number;
}

export type LoginErrorCode =
  | "connection_not_found"
  | "action_failed"
  | "primary_user_lacks_login_identity"
  | "user_not_found"
  | "metadata_update_failed"
  | "redirect_not_allowed"
  | "interaction_required"
  | "invalid_request"
  | "user_blocked"
  | "organization_not_found"
  | "not_an_organization_member"
  | "mfa_failed";

export interface LoginResult {
  sessionUserId?: string;
  denied?: string;
  error?: string;
  errorCode?: LoginErrorCode;
  /** Set when the Action failed: why, as the runtime reports it. */
  actionErrorCode?: RuntimeErrorCode;
  createdUser: boolean;
  logs: string[];
  /** The log lines that are JSON objects, parsed. */
  logLines: object[];
  managementApiCalls: ManagementApiCall[];
  /** The stored user the login resolved to, after the Action's effects. */
  user?: StoredUser;
  /**
   * Set when the Action redirected: the login is suspended until `continue(state, ...)`, and the
   * browser goes to `url` (the Action's URL and query, and `state`).
   */
  redirect?: { state: string; url: string };
  /** The Action required MFA (`api.multifactor.enable` or a `challengeWith*`). */
  mfaRequired?: boolean;
}

/** The part of the Management API emulator's request log a login reads. */
export interface LoginRequestLog {
  mark(): number;
  since(mark: number): ManagementApiCall[];
}

export interface LoginSimulatorOptions {
  state: TenantState;
  action: ActionInstance | undefined;
  /** Calls made by concurrent logins are attributed to every login running at that time. */
  requestLog?: LoginRequestLog;
}

export interface LoginSimulator {
  login(input: LoginInput): Promise<LoginResult>;
  /**
   * Resumes a suspended login, as Auth0's `/continue?state=...`: the same Action's
   * `onContinuePostLogin` with the `/continue` request, then the login finishes as any other.
   * An unknown or missing state is `invalid_request`.
   */
  continue(state: string | undefined, request?: ContinueRequest): Promise<LoginResult>;
}

export type { ContinueRequest } from "./suspended-logins";

/** What the end of a suspended login needs from its start. */
interface LoginContext {
  input: LoginInput;
  connection: Connection;
  loggedInUserId: string;
  createdUser: boolean;
}

type UserOutcome =
  | { ok: true; user: StoredUser }
  | { ok: false; code: LoginErrorCode; message: string };

/** Plays a login like Auth0: find or create the identity's user, run post-login, apply it. */
export function createLoginSimulator(options: LoginSimulatorOptions): LoginSimulator {
  const { state, action, requestLog } = options;
  const suspended = new SuspendedLogins<LoginContext>();

  return {
    async login(input) {
      const observed = observer(requestLog);

      const connection = state.getConnectionByName(input.connection);
      if (!connection) {
        return {
          ...failure("connection_not_found", `Connection ${input.connection} does not exist`),
          createdUser: false,
          ...observed(),
        };
      }

      const organization =
        input.organization === undefined ? undefined : state.getOrganization(input.organization);
      if (input.organization !== undefined && !organization) {
        return {
          ...failure("organization_not_found", `Organization ${input.organization} does not exist`),
          createdUser: false,
          ...observed(),
        };
      }
      const existing = state.findUserByIdentity(
        connection.strategy,
        input.providerUserId,
        connection.name,
      );
      const refusal = refusalBeforeActions(existing, organization);
      if (refusal) return { ...refusal, createdUser: false, ...observed() };
      const loggedIn = existing
        ? syncProfileFromProvider(state, existing, connection, input)
        : createFirstLoginUser(state, connection, input);
      const user = state.incrementLoginsCount(loggedIn.user_id);
      const createdUser = existing === undefined;
      if (!action) return { sessionUserId: user.user_id, createdUser, user, ...observed() };

      const event = buildPostLoginEvent({
        user,
        connection,
        client: clientFor(state, input.clientId),
        protocol: input.protocol ?? defaultProtocol,
        transactionId: randomUUID(),
        ...(input.request ? { request: input.request } : {}),
        ...(input.prompt ? { prompt: input.prompt } : {}),
        authenticationMethods: input.authenticationMethods ?? [firstFactorOf(connection)],
        ...(organization ? { organization } : {}),
      });
      const execution = await action.execute(event);
      const context = { input, connection, loggedInUserId: user.user_id, createdUser };
      return settle(context, event, execution, observed);
    },

    async continue(stateParameter, request = {}) {
      const observed = observer(requestLog);
      const suspendedLogin = suspended.take(stateParameter);
      if (!suspendedLogin || !action) {
        return {
          ...failure("invalid_request", "The state parameter is missing or unknown"),
          createdUser: false,
          ...observed(),
        };
      }
      const { context } = suspendedLogin;
      const storedUser = state.getUser(context.loggedInUserId);
      const event = resumedEvent(
        suspendedLogin,
        request,
        storedUser ? postLoginUser(storedUser) : undefined,
      );
      const resumed = await action.resume(event);
      return settle(context, event, mergeExecutions(suspendedLogin.commands, resumed), observed);
    },
  };

  async function settle(
    context: LoginContext,
    event: PostLoginEventWithoutSecrets,
    execution: ExecutionResult,
    observed: (execution?: ExecutionResult) => Observed,
  ): Promise<LoginResult> {
    const { input, connection, createdUser } = context;
    if (execution.error !== undefined) {
      return {
        ...failure("action_failed", execution.error),
        ...(execution.errorCode ? { actionErrorCode: execution.errorCode } : {}),
        createdUser,
        ...observed(execution),
      };
    }
    if (execution.redirect && execution.denied === undefined) {
      const refusal = redirectRefusal(input);
      if (refusal) return { ...refusal, createdUser, ...observed(execution) };
      const redirectState = suspended.suspend({ event, commands: execution, context });
      return {
        createdUser,
        redirect: { state: redirectState, url: redirectUrl(execution.redirect, redirectState) },
        ...observed(execution),
      };
    }

    const resolution = resolveSessionUser(
      state,
      context.loggedInUserId,
      connection,
      input,
      execution,
    );
    const applied = resolution.ok ? applyMetadata(state, resolution.user, execution) : resolution;

    if (execution.denied !== undefined) {
      return {
        denied: execution.denied,
        createdUser,
        ...(applied.ok ? { user: applied.user } : {}),
        ...observed(execution),
      };
    }
    if (!applied.ok) {
      return { ...failure(applied.code, applied.message), createdUser, ...observed(execution) };
    }
    const mfaRequired =
      execution.multifactor !== undefined || (execution.challenges ?? []).length > 0;
    if (mfaRequired && input.passesMfa !== true && input.challengesMfa !== true) {
      return {
        ...failure("mfa_failed", "the Action required MFA and it was not completed"),
        mfaRequired,
        createdUser,
        user: applied.user,
        ...observed(execution),
      };
    }
    return {
      ...(mfaRequired ? { mfaRequired } : {}),
      sessionUserId: applied.user.user_id,
      createdUser,
      user: applied.user,
      ...observed(execution),
    };
  }
}

type Observed = Pick<LoginResult, "logs" | "logLines" | "managementApiCalls">;

/** What a login reports besides its outcome: the Action's logs and the calls made meanwhile. */
function observer(requestLog: LoginRequestLog | undefined) {
  const mark = requestLog?.mark();
  return (execution?: ExecutionResult): Observed => ({
    logs: execution?.logs ?? [],
    logLines: parseJsonLines(execution?.logs ?? []),
    managementApiCalls: requestLog && mark !== undefined ? callsSince(requestLog, mark) : [],
  });
}

// Auth0: redirects do not work where no browser takes part (resource owner, password and
// refresh-token exchanges), and with prompt=none any redirect ends in interaction_required.
function redirectRefusal(input: LoginInput) {
  if (protocolKind(input.protocol) === "non_interactive") {
    return failure(
      "redirect_not_allowed",
      `api.redirect.sendUserTo is not available for the ${input.protocol} protocol`,
    );
  }
  if (input.prompt?.includes("none")) {
    return failure(
      "interaction_required",
      "Redirecting the user needs interaction, but prompt=none was sent",
    );
  }
  return undefined;
}

// Auth0 refuses these before any Action runs, so no Action ever sees them. A first login cannot be
// a member yet (auto-membership is not emulated).
function refusalBeforeActions(
  existing: StoredUser | undefined,
  organization: Organization | undefined,
) {
  if (existing?.blocked === true) return failure("user_blocked", "user is blocked");
  if (organization && (!existing || !organization.members.includes(existing.user_id))) {
    return failure(
      "not_an_organization_member",
      `the user is not a member of organization ${organization.name}`,
    );
  }
  return undefined;
}

// What `event.authentication.methods` holds for a login that only used the connection itself.
function firstFactorOf(connection: Connection): string {
  if (connection.strategy === databaseStrategy) return "pwd";
  if (connection.strategy === "email" || connection.strategy === "sms") return connection.strategy;
  return "federated";
}

function createFirstLoginUser(
  state: TenantState,
  connection: Connection,
  input: LoginInput,
): StoredUser {
  return state.createUser({
    connection: connection.name,
    providerUserId: input.providerUserId,
    ...(input.email === undefined ? {} : { email: input.email }),
    email_verified: input.emailVerified ?? false,
    ...(input.profile === undefined ? {} : { profile: input.profile }),
  });
}

// Auth0 refreshes a user's root profile from the identity provider at each login through that
// user's main identity (the tenant default). Database connections hold their own profile, and
// a linked identity's login refreshes only its profileData, which the emulator does not model.
function syncProfileFromProvider(
  state: TenantState,
  user: StoredUser,
  connection: Connection,
  input: LoginInput,
): StoredUser {
  const mainIdentity = user.identities[0];
  const loggedInThroughMainIdentity =
    mainIdentity?.provider === connection.strategy &&
    String(mainIdentity.user_id) === input.providerUserId;
  if (connection.strategy === databaseStrategy || !loggedInThroughMainIdentity) return user;
  const profile = Object.fromEntries(
    Object.entries(input.profile ?? {}).filter(([field]) => syncedProfileFields.has(field)),
  );
  const contact =
    input.email === undefined
      ? {}
      : { email: input.email, email_verified: input.emailVerified ?? false };
  const patch = { ...profile, ...contact };
  return Object.keys(patch).length === 0 ? user : state.updateUser(user.user_id, patch);
}

function clientFor(state: TenantState, clientId: string | undefined) {
  if (clientId === undefined) return defaultLoginClient;
  return { client_id: clientId, name: state.getClient(clientId)?.name ?? clientId };
}

// Auth0 accepts setPrimaryUser only when the identity that logged in belongs, by the end of the
// Action, to that user; the session otherwise stays with the user that logged in, which linking
// may have deleted.
function resolveSessionUser(
  state: TenantState,
  loggedInUserId: string,
  connection: Connection,
  input: LoginInput,
  execution: ExecutionResult,
): UserOutcome {
  if (execution.primaryUserId !== undefined) {
    const primary = state.getUser(execution.primaryUserId);
    const holdsLoginIdentity = primary?.identities.some(
      (identity) =>
        identity.provider === connection.strategy &&
        String(identity.user_id) === input.providerUserId,
    );
    if (!primary || !holdsLoginIdentity) {
      return {
        ok: false,
        code: "primary_user_lacks_login_identity",
        message: `setPrimaryUser(${execution.primaryUserId}) failed: that user does not have the identity ${connection.strategy}|${input.providerUserId} used to log in`,
      };
    }
    return { ok: true, user: primary };
  }
  const loggedIn = state.getUser(loggedInUserId);
  if (!loggedIn) {
    return { ok: false, code: "user_not_found", message: `user not found: ${loggedInUserId}` };
  }
  return { ok: true, user: loggedIn };
}

// Auth0 discards user_metadata set in the same Action as setPrimaryUser.
function applyMetadata(
  state: TenantState,
  sessionUser: StoredUser,
  execution: ExecutionResult,
): UserOutcome {
  const userMetadata = execution.primaryUserId === undefined ? execution.userMetadata : {};
  const patch = {
    ...(isEmpty(execution.appMetadata) ? {} : { app_metadata: execution.appMetadata }),
    ...(isEmpty(userMetadata) ? {} : { user_metadata: userMetadata }),
  };
  if (isEmpty(patch)) return { ok: true, user: sessionUser };
  try {
    return { ok: true, user: state.updateUser(sessionUser.user_id, patch) };
  } catch (thrown) {
    return {
      ok: false,
      code: "metadata_update_failed",
      message: thrown instanceof Error ? thrown.message : String(thrown),
    };
  }
}

function failure(errorCode: LoginErrorCode, error: string) {
  return { error, errorCode };
}

function callsSince(requestLog: LoginRequestLog, mark: number): ManagementApiCall[] {
  return requestLog.since(mark).map(({ method, path, endpointKey, status }) => ({
    method,
    path,
    endpointKey,
    status,
  }));
}

function parseJsonLines(logs: string[]): object[] {
  const parsed: object[] = [];
  for (const line of logs) {
    // Throwing costs far more than the test: a line that does not start with `{` is not an object.
    if (!line.trimStart().startsWith("{")) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === "object") parsed.push(value);
    } catch {
      // Not every line is JSON; only the JSON ones are parsed.
    }
  }
  return parsed;
}

function isEmpty(record: Record<string, unknown>): boolean {
  return Object.keys(record).length === 0;
}
