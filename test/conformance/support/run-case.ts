import {
  operationById,
  type SpecifiedOperation,
} from "../../../src/local-tenant/management-api/openapi/operations";
import type { CaseContext, ConformanceCase } from "./case";
import type { AnsweredRequest } from "./check-response";

export function operationOf(testCase: ConformanceCase): SpecifiedOperation {
  const operation = operationById(testCase.operationId);
  if (!operation) throw new Error(`the specification has no operation ${testCase.operationId}`);
  return operation;
}

/** Sends the case's request over HTTPS, as any client of the tenant would. */
export async function runCase(
  context: CaseContext,
  testCase: ConformanceCase,
): Promise<AnsweredRequest> {
  const operation = operationOf(testCase);
  await testCase.before?.(context);
  const params = (await testCase.params?.(context)) ?? {};
  const path = operation.pathTemplate.replaceAll(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${testCase.name}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(testCase.query ?? {}).toString();
  const caller = testCase.caller ?? "admin";
  const body = testCase.bodyFrom ? testCase.bodyFrom(context) : testCase.body;
  const payload = testCase.rawBody
    ? { text: testCase.rawBody.text, contentType: testCase.rawBody.contentType }
    : body === undefined
      ? undefined
      : { text: JSON.stringify(body), contentType: "application/json" };
  const response = await fetch(`${context.server.origin}${path}${query ? `?${query}` : ""}`, {
    method: operation.method,
    headers: {
      ...(caller === "no-token" ? {} : { authorization: `Bearer ${context.tokens[caller]}` }),
      ...(payload ? { "content-type": payload.contentType } : {}),
    },
    ...(payload ? { body: payload.text } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : (JSON.parse(text) as unknown),
  };
}
