import type { SpecifiedOperation } from "../../../src/local-tenant/management-api/openapi/operations";
import { checkAgainst } from "../../../src/local-tenant/management-api/openapi/schema-validator";
import type { KnownUndeclaredStatus } from "./case";

/**
 * Auth0's error body. The specification declares error statuses without a schema, so the
 * shape is the one Auth0's Management API answers with (and its SDK reads).
 */
const auth0ErrorBody = {
  type: "object",
  required: ["statusCode", "error", "message"],
  properties: {
    statusCode: { type: "integer" },
    error: { type: "string" },
    message: { type: "string" },
    errorCode: { type: "string" },
  },
};

const rateLimitHeaders = ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"];

export interface AnsweredRequest {
  status: number;
  headers: Headers;
  /** Parsed JSON, or `undefined` for an empty body. */
  body: unknown;
}

/** Every way an answer departs from the specification; empty when it conforms. */
export function conformanceProblems(
  operation: SpecifiedOperation,
  answer: AnsweredRequest,
  knownUndeclared: readonly KnownUndeclaredStatus[],
): string[] {
  const problems: string[] = [];
  const declared = operation.operation.responses[String(answer.status)];
  const known = knownUndeclared.some(
    (entry) => entry.operationId === operation.operationId && entry.status === answer.status,
  );
  if (!declared && !known) {
    problems.push(`status ${answer.status} is not declared for ${operation.operationId}`);
  }
  const schema = declared?.content?.["application/json"]?.schema;
  const key = `${operation.operationId} response ${answer.status}`;
  if (schema) {
    const check = checkAgainst(key, schema, answer.body);
    if (!check.valid) problems.push(`body: ${describe(check.error)}`);
  } else if (answer.status >= 400) {
    const check = checkAgainst("auth0 error body", auth0ErrorBody, answer.body);
    if (!check.valid) problems.push(`error body: ${describe(check.error)}`);
    else if ((answer.body as { statusCode: number }).statusCode !== answer.status) {
      problems.push("error body: statusCode differs from the HTTP status");
    }
  }
  for (const header of rateLimitHeaders) {
    if (!/^\d+$/.test(answer.headers.get(header) ?? "")) problems.push(`header ${header} missing`);
  }
  return problems;
}

function describe(error: { instancePath: string; message?: string }): string {
  return `${error.instancePath || "/"} ${error.message ?? "is invalid"}`;
}
