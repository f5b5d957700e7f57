import type { ConformanceCase } from "./case";
import type { ServedRoute } from "./conformance-tenant";

/**
 * The refusals every Management API operation shares, made from its first successful case (for
 * valid path parameters): no token (401), a token without an accepted scope (403), and the
 * rate limit reached (429, by an injected fault).
 */
export function sharedRefusals(
  served: readonly ServedRoute[],
  cases: readonly ConformanceCase[],
): ConformanceCase[] {
  return served.flatMap(({ route, operationId }) => {
    if (!operationId || route.api !== "management") return [];
    const valid = cases.find((c) => c.operationId === operationId && c.expectStatus < 300);
    if (!valid) return [];
    const base = {
      operationId,
      ...(valid.params ? { params: valid.params } : {}),
      ...(valid.query ? { query: valid.query } : {}),
    };
    return [
      { ...base, name: "without a token", caller: "no-token", expectStatus: 401 },
      { ...base, name: "without an accepted scope", caller: "unrelated-scope", expectStatus: 403 },
      {
        ...base,
        name: "past the rate limit",
        before: (context) =>
          context.server.faults.inject(
            route.endpointKey,
            { kind: "rate-limit", resetInSeconds: 2 },
            { times: 1 },
          ),
        expectStatus: 429,
      },
    ] satisfies ConformanceCase[];
  });
}
