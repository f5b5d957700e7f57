import { describe, expect, test } from "vitest";
import { operationById } from "../../src/local-tenant/management-api/openapi/operations";
import { conformanceCases, unspecifiedRoutes } from "./cases";
import { servedRoutes } from "./support/conformance-tenant";

describe("the conformance suite covers every operation the local tenant serves", () => {
  const served = servedRoutes();

  test("every served route is a specified operation, or listed with what it is modelled on", () => {
    const unaccounted = served
      .filter(({ operationId }) => operationId === undefined)
      .map(({ route }) => `${route.method} ${route.pattern}`)
      .filter((route) => !(route in unspecifiedRoutes));
    expect(unaccounted).toEqual([]);
  });

  // Refusals for a missing token, a missing scope and the rate limit are made for every
  // operation; an operation that takes input also needs a case that sends it malformed or wrong.
  test("every served operation has a valid case, and one with bad input if it takes any", () => {
    const missing = served.flatMap(({ operationId }) => {
      const operation = operationId ? operationById(operationId)?.operation : undefined;
      if (!operation) return [];
      const takesInput = (operation.parameters ?? []).length > 0 || !!operation.requestBody;
      const own = conformanceCases.filter((c) => c.operationId === operationId);
      const hasBadInput = own.some((c) => c.expectStatus >= 400 && !c.caller);
      return [
        ...(own.some((c) => c.expectStatus < 300) ? [] : [`${operationId}: no valid case`]),
        ...(takesInput && !hasBadInput ? [`${operationId}: no case with bad input`] : []),
      ];
    });
    expect(missing).toEqual([]);
  });

  test("every case is for an operation the local tenant serves", () => {
    const servedIds = new Set(served.map(({ operationId }) => operationId));
    const stray = conformanceCases.filter((c) => !servedIds.has(c.operationId));
    expect(stray.map((c) => `${c.operationId}: ${c.name}`)).toEqual([]);
  });

  // A specified operation's scopes are the specification's `security`; a route's own list would
  // be ignored, and mislead whoever reads it.
  test("no route of a specified operation declares scopes of its own", () => {
    const restated = served
      .filter(({ route, operationId }) => operationId !== undefined && route.scope !== undefined)
      .map(({ route }) => `${route.method} ${route.pattern}`);
    expect(restated).toEqual([]);
  });
});
