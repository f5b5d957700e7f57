import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { conformanceCases, knownUndeclaredStatuses } from "./cases";
import type { CaseContext } from "./support/case";
import { conformanceProblems } from "./support/check-response";
import { servedRoutes, startConformanceTenant } from "./support/conformance-tenant";
import { sharedRefusals } from "./support/generated-cases";
import { operationOf, runCase } from "./support/run-case";

const cases = [...conformanceCases, ...sharedRefusals(servedRoutes(), conformanceCases)];
const results: { name: string; ok: boolean }[] = [];
let context: CaseContext;

beforeAll(async () => {
  context = await startConformanceTenant();
});

afterAll(async () => {
  await context?.server.close();
  const failed = results.filter((result) => !result.ok);
  const operations = new Set(cases.map((c) => c.operationId)).size;
  console.log(
    `conformance: ${results.length} requests to ${operations} operations, ${results.length - failed.length} conform, ${failed.length} do not` +
      failed.map(({ name }) => `\n  - ${name}`).join(""),
  );
});

describe("the local tenant answers as the published specification says", () => {
  for (const testCase of cases) {
    const name = `${testCase.operationId}: ${testCase.name} -> ${testCase.expectStatus}`;
    test(name, async () => {
      const answer = await runCase(context, testCase);
      const problems = conformanceProblems(operationOf(testCase), answer, knownUndeclaredStatuses);
      const statusProblem =
        answer.status === testCase.expectStatus
          ? []
          : [
              `status ${answer.status}, expected ${testCase.expectStatus}: ${JSON.stringify(answer.body)}`,
            ];
      const bodyProblems = testCase.bodyProblems?.(answer.body) ?? [];
      const all = [...statusProblem, ...problems, ...bodyProblems];
      results.push({ name, ok: all.length === 0 });
      expect(all).toEqual([]);
    });
  }
});
