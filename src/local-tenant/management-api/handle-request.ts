import type { IncomingHttpHeaders } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { ExportJobs } from "../export-jobs/export-jobs";
import type { TenantState } from "../tenant-state";
import type { AccessTokenAuthority } from "./access-tokens";
import {
  fromManagementApiError,
  invalidTokenError,
  isManagementApiError,
  managementError,
  serverError,
  tooManyRequests,
} from "./errors";
import type { Fault, FaultInjector } from "./faults";
import { defaultRateLimits, type RateLimiter, rateLimitHeaders } from "./rate-limiter";
import { parseBody } from "./request-body";
import type { ApiResponse, EndpointKey, Route } from "./route";
import { matchRoute } from "./router";

export interface IncomingApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

/** What the server does with the socket: answer, or destroy it without answering. */
export type RequestOutcome =
  | { kind: "answer"; response: ApiResponse }
  | { kind: "destroy-socket"; status: number };

export interface RequestHandlingResult {
  endpointKey: EndpointKey | "unmatched";
  outcome: RequestOutcome;
  fault?: Fault["kind"];
}

export interface TenantServices {
  state: TenantState;
  exportJobs: ExportJobs;
  domain: string;
  managementAudience: string;
  routes: readonly Route[];
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  accessTokens: AccessTokenAuthority;
  clock: () => number;
}

export async function handleRequest(
  services: TenantServices,
  request: IncomingApiRequest,
): Promise<RequestHandlingResult> {
  const match = matchRoute(services.routes, request.method, request.path);
  if (!match) {
    return {
      endpointKey: "unmatched",
      outcome: { kind: "answer", response: managementError(404, "Not Found") },
    };
  }
  const { route, params } = match;
  const fault = services.faults.take(route.endpointKey);
  const faultOutcome = fault ? await applyFaultBeforeHandling(fault, route, services) : undefined;
  const result = (outcome: RequestOutcome): RequestHandlingResult => ({
    endpointKey: route.endpointKey,
    outcome,
    ...(fault ? { fault: fault.kind } : {}),
  });
  if (faultOutcome) return result(faultOutcome);

  const decision = services.rateLimiter.take(route.api);
  const withRateLimitHeaders = (response: ApiResponse): ApiResponse =>
    decision
      ? { ...response, headers: { ...response.headers, ...rateLimitHeaders(decision) } }
      : response;
  if (decision && !decision.allowed) {
    return result({ kind: "answer", response: withRateLimitHeaders(tooManyRequests(route.api)) });
  }

  const response = await answerRoute(services, route, params, request);
  if (fault?.kind === "lose-response") {
    return result({ kind: "destroy-socket", status: response.status });
  }
  return result({ kind: "answer", response: withRateLimitHeaders(response) });
}

async function applyFaultBeforeHandling(
  fault: Fault,
  route: Route,
  services: TenantServices,
): Promise<RequestOutcome | undefined> {
  switch (fault.kind) {
    case "latency":
      await sleep(fault.ms);
      return undefined;
    case "reset":
      return { kind: "destroy-socket", status: 0 };
    case "status":
      return { kind: "answer", response: serverError(fault.status) };
    case "rate-limit": {
      const options = services.rateLimiter.options(route.api) || defaultRateLimits[route.api];
      const response = tooManyRequests(route.api);
      return {
        kind: "answer",
        response: {
          ...response,
          headers: rateLimitHeaders({
            allowed: false,
            limit: options.limit,
            remaining: 0,
            resetEpochSeconds: Math.ceil(services.clock() / 1000 + fault.resetInSeconds),
          }),
        },
      };
    }
    case "lose-response":
      return undefined;
  }
}

async function answerRoute(
  services: TenantServices,
  route: Route,
  params: Record<string, string>,
  request: IncomingApiRequest,
): Promise<ApiResponse> {
  if (route.api === "management") {
    const refusal = authorize(services, route, request.headers.authorization);
    if (refusal) return refusal;
  }
  const body = parseBody(request.rawBody, request.headers["content-type"]);
  if (!body.parsed) return managementError(400, "Invalid request payload JSON format");
  try {
    return await route.handler({
      state: services.state,
      exportJobs: services.exportJobs,
      domain: services.domain,
      managementAudience: services.managementAudience,
      params,
      query: request.query,
      headers: request.headers,
      body: body.body,
      issueAccessToken: (grant) => services.accessTokens.issue(grant),
    });
  } catch (error) {
    return isManagementApiError(error) ? fromManagementApiError(error) : serverError(500);
  }
}

function authorize(
  services: TenantServices,
  route: Route,
  authorization: string | undefined,
): ApiResponse | undefined {
  if (!authorization) return managementError(401, "Missing authentication");
  const bearer = /^Bearer (\S+)$/i.exec(authorization);
  if (!bearer?.[1]) return managementError(401, "Bad HTTP authentication header format");
  const verification = services.accessTokens.verify(bearer[1], services.managementAudience);
  if (!verification.valid) return invalidTokenError(verification.message);
  const granted = verification.claims.scope.split(" ");
  const required = route.scope ?? [];
  if (required.length > 0 && !required.some((scope) => granted.includes(scope))) {
    return managementError(
      403,
      `Insufficient scope, expected any of: ${required.join(",")}`,
      "insufficient_scope",
    );
  }
  return undefined;
}
