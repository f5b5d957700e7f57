import { ManagementClient } from "auth0";
import { AUTHENTICATION_METHODS_PER_PAGE } from "../linking/mfa-factors";
import type { Holding } from "../linking/secondary-holdings";
import { attempt, readBody } from "./http-attempt";
import type { AdminOutcome } from "./outcome";
import { type PacerState, RateLimitPacer } from "./rate-limit-pacer";
import { type AdminRetryPolicy, defaultAdminRetryPolicy } from "./retry-policy";
import { type SdkCall, sdkAttempt } from "./sdk-attempt";
import { type SendEnvironment, sendWithRetries } from "./send-with-retries";
import type { AdminSettings } from "./settings";
import { type ManagementToken, tokenRequestBody, toManagementToken } from "./token";

export interface AdminClientOptions {
  settings: AdminSettings;
  /** `--max-rps`: never more than this many Management API requests per second. */
  maxRequestsPerSecond?: number;
  retryPolicy?: AdminRetryPolicy;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface AdminRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Below `https://{domain}`, e.g. `/api/v2/users-by-email`; path segments already encoded. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

export interface AdminClientStats {
  /** HTTP attempts to the Management API, retries included; token requests not included. */
  requests: number;
  tokenRequests: number;
  rateLimited: number;
  /** 5xx answers, dropped connections and timeouts. */
  transientFailures: number;
}

export interface IdentityToLink {
  provider: string;
  /** The identity's `user_id`, without the `provider|` prefix. */
  user_id: string;
  connection_id?: string;
}

export interface MetadataPatch {
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
}

export interface AdminClient {
  /** A token, fetched once and kept; `not_sent` says why there is none (no retry of 401, 403, DNS, TLS). */
  accessToken(): Promise<AdminOutcome<string>>;
  request(request: AdminRequest): Promise<AdminOutcome<unknown>>;
  /** Case-sensitive, immediately consistent: ask each stored form of an address. */
  usersByEmail(email: string): Promise<AdminOutcome<unknown>>;
  getUser(userId: string, fields?: readonly string[]): Promise<AdminOutcome<unknown>>;
  /**
   * One entry at most of a user's organizations (`read:organizations`), roles (`read:roles`) or
   * permissions (`read:users`).
   */
  firstEntryOf(userId: string, holding: Holding): Promise<AdminOutcome<unknown>>;
  /** A user's authentication methods, one page of the most asked (`read:authentication_methods`). */
  authenticationMethodsOf(userId: string): Promise<AdminOutcome<unknown>>;
  updateUser(userId: string, patch: MetadataPatch): Promise<AdminOutcome<unknown>>;
  linkIdentity(primaryUserId: string, identity: IdentityToLink): Promise<AdminOutcome<unknown>>;
  unlinkIdentity(
    primaryUserId: string,
    provider: string,
    providerUserId: string,
  ): Promise<AdminOutcome<unknown>>;
  readonly stats: Readonly<AdminClientStats>;
  /** What the Management API's rate-limit headers said last. */
  readonly rateLimit: PacerState;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The Management API client of the command-line tools (backfill, undo): one token (client
 * credentials, renewed before it expires or when refused), one pacer per API (the Management
 * API and `/oauth/token` have separate buckets), and `sendWithRetries` for every request.
 * Every Management API request goes through the `auth0` SDK's `ManagementClient` (the Action's
 * SDK: its base URL and bearer token), one attempt at a time: its own retries are off
 * (`maxRetries: 0`) because they would hide the rate-limit headers the pacer reads and the lost
 * answers a write must be checked for.
 * The token stays our one `fetch` to `/oauth/token`: the SDK's token provider retries on its own
 * and turns a refused client into one error without its status, where the administrator must be
 * told "the secret does not match" (401) apart from "no grant" (403) at once.
 */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const { settings } = options;
  const now = options.now ?? Date.now;
  const origin = `https://${settings.domain}`;
  const stats: AdminClientStats = {
    requests: 0,
    tokenRequests: 0,
    rateLimited: 0,
    transientFailures: 0,
  };
  const environment = (pacer: RateLimitPacer, counted: "requests" | "tokenRequests") =>
    ({
      pacer,
      policy: options.retryPolicy ?? defaultAdminRetryPolicy,
      sleep: options.sleep ?? defaultSleep,
      random: options.random ?? Math.random,
      onAttempt: ({ status }) => {
        stats[counted]++;
        if (status === 429) stats.rateLimited++;
        else if (status === undefined || status >= 500) stats.transientFailures++;
      },
    }) satisfies SendEnvironment;
  const pacerOptions = {
    ...(options.maxRequestsPerSecond ? { maxRequestsPerSecond: options.maxRequestsPerSecond } : {}),
    now,
  };
  const managementEnv = environment(new RateLimitPacer(pacerOptions), "requests");
  const tokenEnv = environment(new RateLimitPacer({ now }), "tokenRequests");

  let token: ManagementToken | undefined;
  const management = new ManagementClient({
    domain: settings.domain,
    token: () => token?.accessToken ?? "",
    maxRetries: 0,
  });
  let tokenInFlight: Promise<AdminOutcome<string>> | undefined;

  async function requestToken(): Promise<AdminOutcome<string>> {
    const answer = await sendWithRetries(
      (timeoutMs) =>
        attempt({
          method: "POST",
          url: `${origin}/oauth/token`,
          body: tokenRequestBody(settings),
          timeoutMs,
        }),
      tokenEnv,
    );
    if (answer.kind === "not_sent") return answer;
    const status = answer.kind === "lost" ? answer.status : answer.status;
    const parsed = toManagementToken(
      status ?? 0,
      answer.kind === "ok"
        ? answer.value
        : answer.kind === "refused"
          ? { error: answer.message }
          : undefined,
      now(),
    );
    if (!parsed.ok) {
      return {
        kind: "not_sent",
        code: "token_failed",
        ...(status === undefined ? {} : { status }),
        message: answer.kind === "lost" ? answer.message : parsed.message,
      };
    }
    token = parsed.token;
    return { kind: "ok", status: 200, value: parsed.token.accessToken, lostAnswers: 0 };
  }

  function accessToken(): Promise<AdminOutcome<string>> {
    if (token && token.usableUntilMs > now()) {
      return Promise.resolve({ kind: "ok", status: 200, value: token.accessToken, lostAnswers: 0 });
    }
    // Concurrent requests share one token request.
    tokenInFlight ??= requestToken().finally(() => {
      tokenInFlight = undefined;
    });
    return tokenInFlight;
  }

  async function send(call: SdkCall): Promise<AdminOutcome<unknown>> {
    for (let tokenAttempts = 1; ; tokenAttempts++) {
      const bearer = await accessToken();
      if (bearer.kind !== "ok") return bearer as AdminOutcome<unknown>;
      const outcome = await sendWithRetries(
        (timeoutMs) => sdkAttempt(call, timeoutMs),
        managementEnv,
      );
      // A token revoked or signed with a rotated key: one new token, then the answer stands.
      if (outcome.kind === "refused" && outcome.status === 401 && tokenAttempts === 1) {
        token = undefined;
        continue;
      }
      return outcome;
    }
  }

  // The SDK's passthrough `fetch` (its base URL, its bearer token, no retries), not its named
  // methods: in auth0 7.1.0 a named method arms a timer (60 s unless `timeoutInSeconds` says
  // otherwise) that it clears only when `fetch` resolves, so after a dropped connection the timer
  // keeps a finished command alive until it fires. The passthrough arms none when given no
  // `timeoutInSeconds`; our own abort signal bounds each attempt.
  const request = (adminRequest: AdminRequest) =>
    send(async (requestOptions) => {
      const url = new URL(`${origin}${adminRequest.path}`);
      for (const [name, value] of Object.entries(adminRequest.query ?? {})) {
        if (value !== undefined) url.searchParams.set(name, String(value));
      }
      const response = await management.fetch(
        url,
        {
          method: adminRequest.method,
          headers: {
            accept: "application/json",
            ...(adminRequest.body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(adminRequest.body === undefined ? {} : { body: JSON.stringify(adminRequest.body) }),
        },
        requestOptions,
      );
      return { status: response.status, headers: response.headers, body: await readBody(response) };
    });

  const userPath = (userId: string) => `/api/v2/users/${encodeURIComponent(userId)}`;
  return {
    accessToken,
    request,
    usersByEmail: (email) =>
      request({ method: "GET", path: "/api/v2/users-by-email", query: { email } }),
    getUser: (userId, fields) =>
      request({
        method: "GET",
        path: userPath(userId),
        query: fields ? { fields: fields.join(","), include_fields: true } : {},
      }),
    firstEntryOf: (userId, holding) =>
      request({ method: "GET", path: `${userPath(userId)}/${holding}`, query: { per_page: 1 } }),
    authenticationMethodsOf: (userId) =>
      request({
        method: "GET",
        path: `${userPath(userId)}/authentication-methods`,
        query: { per_page: AUTHENTICATION_METHODS_PER_PAGE },
      }),
    updateUser: (userId, patch) =>
      request({ method: "PATCH", path: userPath(userId), body: patch }),
    linkIdentity: (primaryUserId, identity) =>
      request({ method: "POST", path: `${userPath(primaryUserId)}/identities`, body: identity }),
    unlinkIdentity: (primaryUserId, provider, providerUserId) =>
      request({
        method: "DELETE",
        path: `${userPath(primaryUserId)}/identities/${encodeURIComponent(provider)}/${encodeURIComponent(providerUserId)}`,
      }),
    get stats() {
      return { ...stats };
    },
    get rateLimit() {
      return managementEnv.pacer.state;
    },
  };
}
