import type { ManagementApiServer } from "../../../src/local-tenant/management-api";

/** Which token a case sends. */
export type Caller =
  /**
   * A client granted every scope the served operations accept, and `read:connections_options`,
   * which no operation's `security` names but a connection's `options` need.
   */
  | "admin"
  /** A client granted `read:connections` alone: connections without their `options`. */
  | "connections-reader"
  /** A valid token whose only scope no served operation accepts. */
  | "unrelated-scope"
  | "no-token";

/** The tenant a case runs on, and what earlier steps made on it. */
export interface CaseContext {
  server: ManagementApiServer;
  tokens: Record<Exclude<Caller, "no-token">, string>;
}

/** One request to one operation of the specification, and the status it must get. */
export interface ConformanceCase {
  /** The specification's operationId: its method and path template come from there. */
  operationId: string;
  name: string;
  /** Values for the path template's `{name}` placeholders, computed just before the request. */
  params?: (context: CaseContext) => Record<string, string> | Promise<Record<string, string>>;
  query?: Record<string, string>;
  body?: unknown;
  /** The body, when it depends on what earlier steps made. */
  bodyFrom?: (context: CaseContext) => unknown;
  /** Sent as is, instead of `body`. */
  rawBody?: { text: string; contentType: string };
  caller?: Caller;
  /** Run just before the request, e.g. to inject a fault. */
  before?: (context: CaseContext) => void | Promise<void>;
  expectStatus: number;
  /** What the answer's body must show beyond its schema: each problem, empty when it does. */
  bodyProblems?: (body: unknown) => string[];
}

/**
 * A status Auth0 answers that the specification does not declare for the operation, with where
 * that is documented. The suite accepts only these beyond the declared ones.
 */
export interface KnownUndeclaredStatus {
  operationId: string;
  status: number;
  source: string;
}
