import type { IncomingHttpHeaders } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { ExportJobs } from "../export-jobs/export-jobs";
import type { TenantState } from "../tenant-state";
import type { AccessTokenAuthority, AccessTokenClaims } from "./access-tokens";
import {
  fromManagementApiError,
  invalidTokenError,
  isManagementApiError,
  managementError,
  serverError,
  tooManyRequests,
} from "./errors";
import type { Fault, FaultInjector } from "./faults";
import { findOperation, type OperationMatch } from "./openapi/operations";
import { validateRequest } from "./openapi/request-validation";
import { acceptedScopes, type ScopeAnswers, scopesAllow } from "./openapi/scopes";
import { errorCodeOf } from "./openapi/validation-message";
import {
  defaultRateLimits,
  type RateLimitDecision,
  type RateLimiter,
  rateLimitHeaders,
} from "./rate-limiter";
import { parseBody } from "./request-body";
import type { ApiKind, ApiResponse, EndpointKey, Route } from "./route";
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
  scopeAnswers: ScopeAnswers;
}

export async function handleRequest(
  services: TenantServices,
  request: IncomingApiRequest,
): Promise<RequestHandlingResult> {
  const match = matchRoute(services.routes, request.method, request.path);
  if (!match) {
    const api: ApiKind = request.path.startsWith("/api/") ? "management" : "authentication";
    const response = unservedRoute(services, api, request);
    return {
      endpointKey: "unmatched",
      outcome: { kind: "answer", response: withHeaders(response, services.rateLimiter.peek(api)) },
    };
  }
  const { route, params } = match;
  const fault = services.faults.take(route.endpointKey);
  const faultOutcome = fault
    ? await applyFaultBeforeHandling(fault, route, services, request.path)
    : undefined;
  const result = (outcome: RequestOutcome): RequestHandlingResult => ({
    endpointKey: route.endpointKey,
    outcome,
    ...(fault ? { fault: fault.kind } : {}),
  });
  if (faultOutcome) return result(faultOutcome);

  const decision = services.rateLimiter.take(route.api);
  if (!decision.allowed) {
    return result({ kind: "answer", response: withHeaders(tooManyRequests(route.api), decision) });
  }
  const response = await answerRoute(services, route, params, request);
  if (fault?.kind === "lose-response") {
    return result({ kind: "destroy-socket", status: response.status });
  }
  return result({ kind: "answer", response: withHeaders(response, decision) });
}

/**
 * A Management API route this emulator does not serve: as on Auth0, a missing or bad token is
 * refused first (401); with a valid one the answer says plainly that the operation is not
 * emulated (501), so that it is never read as "no such resource".
 */
function unservedRoute(
  services: TenantServices,
  api: ApiKind,
  request: IncomingApiRequest,
): ApiResponse {
  if (api !== "management") return managementError(404, "Not Found");
  const claims = authenticate(services, request.headers.authorization);
  if (!claims.ok) return claims.response;
  return managementError(
    501,
    `${request.method} ${request.path} is not emulated by the local tenant (see docs/local-tenant.md).`,
    "not_emulated",
  );
}

function withHeaders(response: ApiResponse, decision: RateLimitDecision): ApiResponse {
  return { ...response, headers: { ...response.headers, ...rateLimitHeaders(decision) } };
}

async function applyFaultBeforeHandling(
  fault: Fault,
  route: Route,
  services: TenantServices,
  path: string,
): Promise<RequestOutcome | undefined> {
  switch (fault.kind) {
    case "latency":
      await sleep(fault.ms);
      return undefined;
    case "reset":
      return { kind: "destroy-socket", status: 0 };
    case "status":
      return {
        kind: "answer",
        response: withHeaders(serverError(fault.status), services.rateLimiter.peek(route.api)),
      };
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
    case "interleave":
      fault.change(path);
      return undefined;
  }
}

async function answerRoute(
  services: TenantServices,
  route: Route,
  params: Record<string, string>,
  request: IncomingApiRequest,
): Promise<ApiResponse> {
  const specified =
    route.api === "management" ? findOperation(request.method, request.path) : undefined;
  const claims =
    route.api === "management" ? authenticate(services, request.headers.authorization) : undefined;
  if (claims && !claims.ok) return claims.response;
  const body = parseBody(request.rawBody, request.headers["content-type"]);
  if (!body.parsed) return managementError(400, "Invalid request payload JSON format");
  if (claims) {
    const refusal = authorize(
      route,
      specified,
      claims.claims,
      params,
      body.body,
      services.scopeAnswers,
    );
    if (refusal) return refusal;
  }
  if (specified) {
    const invalid = validateRequest(specified, {
      query: request.query,
      body: body.body,
      contentType: request.headers["content-type"],
    });
    if (invalid) return managementError(400, invalid.message, errorCodeOf[invalid.part]);
  }
  try {
    return await route.handler({
      state: services.state,
      exportJobs: services.exportJobs,
      domain: services.domain,
      managementAudience: services.managementAudience,
      params,
      scopes: claims ? claims.claims.scope.split(" ") : [],
      query: request.query,
      headers: request.headers,
      grantedScopes: claims?.ok ? claims.claims.scope.split(" ").filter(Boolean) : [],
      body: body.body,
      issueAccessToken: (grant) => services.accessTokens.issue(grant),
    });
  } catch (error) {
    return isManagementApiError(error) ? fromManagementApiError(error) : serverError(500);
  }
}

function authenticate(
  services: TenantServices,
  authorization: string | undefined,
): { ok: true; claims: AccessTokenClaims } | { ok: false; response: ApiResponse } {
  if (!authorization)
    return { ok: false, response: managementError(401, "Missing authentication") };
  const bearer = /^Bearer (\S+)$/i.exec(authorization);
  if (!bearer?.[1]) {
    return { ok: false, response: managementError(401, "Bad HTTP authentication header format") };
  }
  const verification = services.accessTokens.verify(bearer[1], services.managementAudience);
  if (!verification.valid) return { ok: false, response: invalidTokenError(verification.message) };
  return { ok: true, claims: verification.claims };
}

/**
 * The scopes the specification's `security` accepts for the operation; a route the
 * specification does not describe declares its own.
 */
function authorize(
  route: Route,
  specified: OperationMatch | undefined,
  claims: AccessTokenClaims,
  params: Record<string, string>,
  body: unknown,
  answers: ScopeAnswers,
): ApiResponse | undefined {
  const granted = claims.scope.split(" ");
  const accepted = specified
    ? acceptedScopes(specified.operation, answers)
    : [...(route.scope ?? [])];
  const required = specified ? [] : [...(route.requiredScopes ?? [])];
  const allowed = specified
    ? scopesAllow(specified.operation, {
        granted,
        answers,
        subject: claims.sub,
        targetId: params.id,
        body,
      })
    : (accepted.length === 0 || accepted.some((scope) => granted.includes(scope))) &&
      required.every((scope) => granted.includes(scope));
  if (allowed) return undefined;
  return managementError(
    403,
    `Insufficient scope, expected ${[...required.map((scope) => `${scope} and `), `any of: ${accepted.join(",")}`].join("")}`,
    "insufficient_scope",
  );
}
