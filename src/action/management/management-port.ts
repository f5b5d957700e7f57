import { UsersClient } from "auth0/users";
import type { PostLoginApi } from "../actions-api";
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

export type LinkOutcome = "linked" | "already_linked";

export interface MetadataPatch {
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
}

/** The three Management API operations the Action needs, each bounded by the execution's budget. */
export interface ManagementPort {
  usersByEmail(email: string): Promise<CallResult<unknown[]>>;
  updateMetadata(userId: string, patch: MetadataPatch): Promise<CallResult<void>>;
  linkIdentity(primaryUserId: string, identity: IdentityToLink): Promise<CallResult<LinkOutcome>>;
  /** HTTP requests made so far, token requests included. */
  readonly requestCount: number;
  readonly tokenRequestCount: number;
}

export interface ManagementPortOptions {
  settings: TokenSettings;
  cache: PostLoginApi["cache"];
  budget: TimeBudget;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

// Auth0's answers when a concurrent login (or an earlier execution whose response was lost)
// already linked this identity: the work is done, not failed.
const alreadyLinkedMessages = [
  "Specified identity already exists.",
  "Provided secondary account not found.",
];

function isAlreadyLinked(failure: RequestFailure): boolean {
  if (failure.status === 409) return true;
  return failure.status === 400 && alreadyLinkedMessages.includes(failure.message);
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
  let currentToken = "";
  // Only the users resource of the SDK is loaded: `auth0` as a whole costs far more at cold start.
  const users = new UsersClient({
    baseUrl: `https://${options.settings.domain}/api/v2`,
    token: () => currentToken,
    maxRetries: 0,
  });

  async function call<T>(request: (timeoutMs: number) => Promise<T>): Promise<CallResult<T>> {
    const token = await getManagementToken(options.settings, options.cache, env, () => {
      tokenRequestCount++;
    });
    if (!token.ok) return { ok: false, failure: { ...token.failure, duringTokenRequest: true } };
    currentToken = token.value;
    const result = await callWithRetries(request, env);
    if (!result.ok && result.failure.status === 401) {
      forgetManagementToken(options.settings, options.cache);
    }
    return result;
  }

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
    usersByEmail: (email) =>
      call(
        async (timeoutMs) =>
          (await users.listUsersByEmail({ email }, requestOptions(timeoutMs))) as unknown[],
      ),
    updateMetadata: (userId, patch) =>
      call(async (timeoutMs) => {
        await users.update(userId, patch, requestOptions(timeoutMs));
      }),
    linkIdentity: async (primaryUserId, identity) => {
      const result = await call(async (timeoutMs): Promise<LinkOutcome> => {
        await users.identities.link(
          primaryUserId,
          {
            provider: identity.provider as LinkRequest["provider"],
            user_id: identity.providerUserId,
            ...(identity.connectionId ? { connection_id: identity.connectionId } : {}),
          },
          requestOptions(timeoutMs),
        );
        return "linked";
      });
      if (!result.ok && isAlreadyLinked(result.failure))
        return { ok: true, value: "already_linked" };
      return result;
    },
  };
}
