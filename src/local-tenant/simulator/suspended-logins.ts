import { randomBytes } from "node:crypto";
import type { PostLoginRequest } from "../../actions-platform/post-login";
import type { ExecutionResult, PostLoginEventWithoutSecrets } from "../runtime/action-instance";
import type { RecordedRedirect } from "../runtime/post-login-api";

const stateBytes = 24;

/** A login whose Action redirected: everything `/continue` needs to resume it. */
export interface SuspendedLogin<Context> {
  event: PostLoginEventWithoutSecrets;
  /** What the executions so far asked for; applied when the login finishes. */
  commands: ExecutionResult;
  context: Context;
}

/**
 * The `/continue` request that resumes a login. Auth0 may resume a `state` from any browser: the
 * event shows the browser that came back, which omitted values take to be the one redirected.
 */
export interface ContinueRequest {
  method?: string;
  query?: Record<string, string | undefined>;
  body?: Record<string, unknown>;
  ip?: string;
  user_agent?: string;
  hostname?: string;
}

/**
 * Logins suspended by `api.redirect.sendUserTo`, by Auth0's opaque `state`. A state resumes
 * once: `/continue` takes it out.
 */
export class SuspendedLogins<Context> {
  readonly #byState = new Map<string, SuspendedLogin<Context>>();

  suspend(login: SuspendedLogin<Context>): string {
    const state = randomBytes(stateBytes).toString("base64url");
    this.#byState.set(state, login);
    return state;
  }

  take(state: string | undefined): SuspendedLogin<Context> | undefined {
    if (state === undefined) return undefined;
    const login = this.#byState.get(state);
    this.#byState.delete(state);
    return login;
  }

  get size(): number {
    return this.#byState.size;
  }
}

/** The redirect's URL with its query and Auth0's `state` appended. */
export function redirectUrl(redirect: RecordedRedirect, state: string): string {
  const url = new URL(redirect.url);
  for (const [name, value] of Object.entries(redirect.query)) url.searchParams.set(name, value);
  url.searchParams.set("state", state);
  return url.toString();
}

/** The resumed execution's event: the same transaction, the `/continue` request, the user as stored now. */
export function resumedEvent(
  suspended: SuspendedLogin<unknown>,
  request: ContinueRequest,
  currentUser: PostLoginEventWithoutSecrets["user"] | undefined,
): PostLoginEventWithoutSecrets {
  const { event, commands } = suspended;
  const ip = request.ip ?? event.request?.ip;
  const userAgent = request.user_agent ?? event.request?.user_agent;
  const hostname = request.hostname ?? event.request?.hostname;
  const continueRequest: PostLoginRequest = {
    ...(ip === undefined ? {} : { ip }),
    ...(hostname === undefined ? {} : { hostname }),
    ...(userAgent === undefined ? {} : { user_agent: userAgent }),
    method: request.method ?? "GET",
    query: { ...request.query },
    body: { ...request.body },
  };
  return {
    ...structuredClone(event),
    user: structuredClone(currentUser ?? event.user),
    ...(event.transaction
      ? {
          transaction: {
            ...structuredClone(event.transaction),
            metadata: { ...commands.transactionMetadata },
          },
        }
      : {}),
    request: continueRequest,
  };
}

/**
 * Both halves of one Action's transaction, as one execution: metadata set on either side is
 * applied at the end (Auth0 aggregates it "before the flow is completed"), and setPrimaryUser
 * is still once per transaction.
 */
export function mergeExecutions(before: ExecutionResult, after: ExecutionResult): ExecutionResult {
  if (after.error !== undefined) return after;
  if (before.primaryUserId !== undefined && after.primaryUserId !== undefined) {
    return {
      ...after,
      appMetadata: {},
      userMetadata: {},
      error: "setPrimaryUser can be called once per transaction",
      errorCode: "primary_user_already_set",
    };
  }
  const denied = before.denied ?? after.denied;
  const primaryUserId = before.primaryUserId ?? after.primaryUserId;
  return {
    ...after,
    appMetadata: { ...before.appMetadata, ...after.appMetadata },
    userMetadata: { ...before.userMetadata, ...after.userMetadata },
    ...(denied === undefined ? {} : { denied }),
    ...(primaryUserId === undefined ? {} : { primaryUserId }),
    durationMs: before.durationMs + after.durationMs,
  };
}
