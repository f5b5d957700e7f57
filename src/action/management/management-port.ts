import { UsersClient } from "auth0/users";
import type { PostLoginApi } from "../../actions-platform/post-login";
import { AUTHENTICATION_METHODS_PER_PAGE, anyFactorInAnswer } from "../../linking/mfa-factors";
import { anyEntryInAnswer, type Holding } from "../../linking/secondary-holdings";
import type { TimeBudget } from "../time-budget";
import type { RequestFailure } from "./failure";
import {
  type CallResult,
  callWithRetries,
  defaultRetryPolicy,
  type RetryEnvironment,
} from "./retry-policy";
import { forgetManagementToken, getManagementToken, type TokenSettings } from "./token";

type LinkRequest = NonNullable<Parameters<UsersClient["identities"]["link"]>[1]>;

export interface IdentityToLink {
  provider: string;
  providerUserId: string;
  connectionId?: string;
}

/**
 * `linked` carries Auth0's answer, the primary's identities now: what the link really moved (a
 * link moves whoever holds the identity, whole). `already_linked` has no answer to read.
 */
export type LinkOutcome =
  | { kind: "linked"; identities: LinkedIdentity[] }
  | { kind: "already_linked" };

export interface CallOptions {
  /**
   * Run against the must-finish budget instead of the configured one: for requests whose
   * abandonment would leave the login in an unknown state.
   */
  mustFinish?: boolean;
}

export interface LinkedIdentity {
  provider: string;
  providerUserId: string;
  connection: string;
}

export interface MetadataPatch {
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
}

/** The Management API operations the Action needs, each bounded by the execution's budget. */
export interface ManagementPort {
  usersByEmail(email: string): Promise<CallResult<unknown[]>>;
  /**
   * The tenant's database connections (strategy `auth0`), as the API answers: `read:connections`,
   * and their `options` only with `read:connections_options`.
   */
  listDatabaseConnections(): Promise<CallResult<unknown>>;
  /**
   * Whether a user holds any entry of one list: its organizations (`read:organizations`), roles
   * (`read:roles`) or permissions (`read:users`).
   */
  anyEntryOf(holding: Holding, userId: string): Promise<CallResult<boolean>>;
  /** Whether a user's authentication methods hold a second factor: `read:authentication_methods`. */
  hasSecondFactor(userId: string): Promise<CallResult<boolean>>;
  updateMetadata(userId: string, patch: MetadataPatch): Promise<CallResult<void>>;
  linkIdentity(
    primaryUserId: string,
    identity: IdentityToLink,
    options?: CallOptions,
  ): Promise<CallResult<LinkOutcome>>;
  /** The identities a user has now: to learn whether a link whose answer was lost happened. */
  getIdentities(userId: string, options?: CallOptions): Promise<CallResult<LinkedIdentity[]>>;
  /** One user as the Management API has it now: prompted linking re-checks its candidate. */
  getUser(userId: string): Promise<CallResult<unknown>>;
  /** HTTP requests made so far, token requests included. */
  readonly requestCount: number;
  readonly tokenRequestCount: number;
}

export interface ManagementPortOptions {
  settings: TokenSettings;
  cache: PostLoginApi["cache"];
  budget: TimeBudget;
  mustFinishBudget: TimeBudget;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

// Auth0's 409 "Specified identity already exists.": the identity is already the primary's, as
// when a concurrent login (or an earlier execution whose answer was lost) linked it. Done.
function isAlreadyLinked(failure: RequestFailure): boolean {
  return failure.status === 409;
}

/**
 * Auth0's 400 "Provided secondary account not found.": no user holds the identity (in the named
 * connection). A secondary linked into another user is not this answer: Auth0 then moves that user
 * whole into the primary (the link's answer shows it). It proves nothing alone: the primary's
 * identities must say the identity is there. A malformed request is refused otherwise (400
 * invalid_body) and never counts.
 */
export function secondaryMayHaveBeenLinked(failure: RequestFailure): boolean {
  return failure.status === 400 && failure.message === "Provided secondary account not found.";
}

// A tenant has few database connections; past this many, the rest stay unknown, so untrusted.
const databaseConnectionsPerRequest = 100;

/** Thrown for a non-2xx answer, shaped like the SDK's errors so one classifier reads both. */
class ManagementHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly rawResponse: { headers: Headers },
  ) {
    super(`Management API answered ${statusCode}`);
    this.name = "ManagementHttpError";
  }
}

function entryFromAnswer(holding: Holding, body: unknown): boolean {
  const holds = anyEntryInAnswer(holding, body);
  if (holds === undefined) throw new Error(`the ${holding} answer is neither a list nor a page`);
  return holds;
}

function factorFromAnswer(body: unknown): boolean {
  const enrolled = anyFactorInAnswer(body);
  if (enrolled === undefined) throw new Error("the authentication methods answer is unreadable");
  return enrolled;
}

function toLinkedIdentities(
  identities:
    | readonly { provider?: unknown; user_id?: unknown; connection?: unknown }[]
    | undefined,
): LinkedIdentity[] {
  return (identities ?? []).map((identity) => ({
    provider: String(identity.provider),
    providerUserId: String(identity.user_id),
    connection: String(identity.connection),
  }));
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createManagementPort(options: ManagementPortOptions): ManagementPort {
  const now = options.now ?? Date.now;
  let requestCount = 0;
  let tokenRequestCount = 0;
  const env: RetryEnvironment = {
    budget: options.budget,
    policy: defaultRetryPolicy,
    now,
    sleep: options.sleep ?? defaultSleep,
    onAttempt: () => {
      requestCount++;
    },
  };
  const mustFinishEnv: RetryEnvironment = {
    ...env,
    budget: options.mustFinishBudget,
    policy: { ...defaultRetryPolicy, maxRequestMs: Number.POSITIVE_INFINITY },
  };
  let currentToken = "";
  // Only the users resource of the SDK is loaded: `auth0` as a whole costs far more at cold start.
  const users = new UsersClient({
    baseUrl: `https://${options.settings.domain}/api/v2`,
    token: () => currentToken,
    maxRetries: 0,
  });

  async function call<T>(
    request: (timeoutMs: number) => Promise<T>,
    callOptions: CallOptions = {},
  ): Promise<CallResult<T>> {
    const callEnv = callOptions.mustFinish ? mustFinishEnv : env;
    const token = await getManagementToken(options.settings, options.cache, callEnv, () => {
      tokenRequestCount++;
    });
    if (!token.ok) return { ok: false, failure: { ...token.failure, duringTokenRequest: true } };
    currentToken = token.value;
    const result = await callWithRetries(request, callEnv);
    if (!result.ok && result.failure.status === 401) {
      forgetManagementToken(options.settings, options.cache);
    }
    return result;
  }

  // One entry of a user's list answers whether there is any.
  const anyEntryOf = (holding: Holding, userId: string) =>
    call(async (timeoutMs) => {
      const response = await fetch(
        `https://${options.settings.domain}/api/v2/users/${encodeURIComponent(userId)}/${holding}?per_page=1`,
        {
          headers: { authorization: `Bearer ${currentToken}` },
          signal: AbortSignal.timeout(timeoutMs),
        },
      );
      if (!response.ok) throw new ManagementHttpError(response.status, response);
      return entryFromAnswer(holding, await response.json());
    });

  const requestOptions = (timeoutMs: number) => ({
    timeoutInSeconds: timeoutMs / 1000,
    maxRetries: 0,
  });

  return {
    get requestCount() {
      return requestCount;
    },
    get tokenRequestCount() {
      return tokenRequestCount;
    },
    // Plain fetch: the SDK's connections resource would add its own module load to a cold start
    // for one GET.
    listDatabaseConnections: () =>
      call(async (timeoutMs) => {
        const query = new URLSearchParams({
          strategy: "auth0",
          fields: "id,name,strategy,options",
          include_fields: "true",
          take: String(databaseConnectionsPerRequest),
        });
        const response = await fetch(
          `https://${options.settings.domain}/api/v2/connections?${query}`,
          {
            headers: { authorization: `Bearer ${currentToken}` },
            signal: AbortSignal.timeout(timeoutMs),
          },
        );
        if (!response.ok) throw new ManagementHttpError(response.status, response);
        return (await response.json()) as unknown;
      }),
    anyEntryOf,
    hasSecondFactor: (userId) =>
      call(async (timeoutMs) => {
        const response = await fetch(
          `https://${options.settings.domain}/api/v2/users/${encodeURIComponent(userId)}/authentication-methods?per_page=${AUTHENTICATION_METHODS_PER_PAGE}`,
          {
            headers: { authorization: `Bearer ${currentToken}` },
            signal: AbortSignal.timeout(timeoutMs),
          },
        );
        if (!response.ok) throw new ManagementHttpError(response.status, response);
        return factorFromAnswer(await response.json());
      }),
    usersByEmail: (email) =>
      call(
        async (timeoutMs) =>
          (await users.listUsersByEmail({ email }, requestOptions(timeoutMs))) as unknown[],
      ),
    updateMetadata: (userId, patch) =>
      call(async (timeoutMs) => {
        await users.update(userId, patch, requestOptions(timeoutMs));
      }),
    getUser: (userId) =>
      call(
        async (timeoutMs) => (await users.get(userId, {}, requestOptions(timeoutMs))) as unknown,
      ),
    getIdentities: (userId, callOptions) =>
      call(async (timeoutMs) => {
        const user = await users.get(
          userId,
          { fields: "identities", include_fields: true },
          requestOptions(timeoutMs),
        );
        return toLinkedIdentities(user.identities);
      }, callOptions),
    linkIdentity: async (primaryUserId, identity, callOptions) => {
      const result = await call(async (timeoutMs): Promise<LinkOutcome> => {
        const identities = await users.identities.link(
          primaryUserId,
          {
            provider: identity.provider as LinkRequest["provider"],
            user_id: identity.providerUserId,
            ...(identity.connectionId ? { connection_id: identity.connectionId } : {}),
          },
          requestOptions(timeoutMs),
        );
        return { kind: "linked", identities: toLinkedIdentities(identities) };
      }, callOptions);
      if (!result.ok && isAlreadyLinked(result.failure)) {
        return { ok: true, value: { kind: "already_linked" } };
      }
      return result;
    },
  };
}
