import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import type { ExportJobs } from "../export-jobs/export-jobs";
import type { TenantState } from "../tenant-state";
import type { IssuedAccessToken } from "./access-tokens";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/**
 * `management`: `/api/v2/*`, bearer token required, Management API rate limit, error bodies
 * `{ statusCode, error, message }`. `authentication`: `/oauth/token` and the like, its own rate
 * limit, OAuth error bodies `{ error, error_description }`.
 */
export type ApiKind = "management" | "authentication";

export type EndpointKey =
  | "token"
  | "users-by-email"
  | "get-user"
  | "patch-user"
  | "link-identity"
  | "unlink-identity"
  | (string & {});

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Bytes sent as they are produced, instead of `body` as JSON (the export file). */
  stream?: () => Readable;
}

export interface RouteContext {
  state: TenantState;
  exportJobs: ExportJobs;
  /** `localhost:PORT` */
  domain: string;
  /** `https://localhost:PORT/api/v2/` */
  managementAudience: string;
  params: Record<string, string>;
  /** The access token's scopes; none on the Authentication API. */
  scopes: readonly string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /**
   * The scopes of the request's access token; empty for the authentication API. For answers
   * whose fields depend on a scope of their own (a connection's `options`).
   */
  grantedScopes: readonly string[];
  /** Parsed JSON or form body; `undefined` when the request had none. */
  body: unknown;
  issueAccessToken(grant: {
    clientId: string;
    audience: string;
    scope: string[];
  }): IssuedAccessToken;
}

export interface Route {
  method: HttpMethod;
  /** Path with `:name` segments, e.g. `/api/v2/users/:id/identities`. */
  pattern: string;
  endpointKey: EndpointKey;
  api: ApiKind;
  /**
   * For an operation the specification does not describe only: the token needs any one of these
   * scopes. A specified operation takes its scopes from the specification's `security`.
   */
  scope?: readonly string[];
  /** For such an operation only: scopes the token needs as well, every one of them. */
  requiredScopes?: readonly string[];
  handler(context: RouteContext): ApiResponse | Promise<ApiResponse>;
}
