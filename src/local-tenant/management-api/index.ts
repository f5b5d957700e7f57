export type {
  AccessTokenClaims,
  IssuedAccessToken,
} from "./access-tokens";
export type { ManagementErrorBody } from "./errors";
export { type Fault, FaultInjector, type FaultTarget } from "./faults";
export {
  defaultAuthenticationRateLimit,
  defaultManagementRateLimit,
  type RateLimitDecision,
  RateLimiter,
  type RateLimitOptions,
} from "./rate-limiter";
export { RequestLog, type RequestLogEntry, type RequestLogMark } from "./request-log";
export type { ApiKind, ApiResponse, EndpointKey, HttpMethod, Route, RouteContext } from "./route";
export { defaultRoutes } from "./routes";
export {
  type FrontChannel,
  type ManagementApiOptions,
  type ManagementApiServer,
  startManagementApi,
} from "./server";
