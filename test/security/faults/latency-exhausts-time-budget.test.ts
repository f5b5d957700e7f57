import { describe, expect } from "vitest";
import { playFaultThenRecovery, settleLatency, startLinkableScenario } from "../support/fault-play";
import { faultSuite } from "../support/recorder";
import { linkingLine, type Scenario } from "../support/scenario";

const suite = faultSuite("latency-exhausts-time-budget");

// The smallest budget the Action accepts, and a delay no single request can wait out.
const budget = { TIME_BUDGET_MS: "1000" };
const delay = { kind: "latency", ms: 1_500 } as const;

// A sign-up of someone else first, so the instance holds its token and knows the tenant's
// database connections (steady state): the delayed request is then the one the budget meets.
async function warmUp(scenario: Scenario): Promise<void> {
  const result = await scenario.login({
    connection: "google-oauth2",
    providerUserId: "warm-up-google-1",
    email: "warm-up@example.org",
    emailVerified: true,
  });
  expect(linkingLine(result)).toMatchObject({ reason: "no_candidates" });
}

describe("latency that exhausts the time budget", () => {
  for (const endpoint of ["token", "users-by-email", "patch-user"] as const) {
    suite.injects(`${endpoint} answers after 1.5 s with a 1 s budget`, async (record) => {
      const scenario = await startLinkableScenario(budget);
      if (endpoint === "patch-user") await warmUp(scenario);
      const { faulty } = await playFaultThenRecovery(record, scenario, {
        inject: ({ tenant }) => tenant.api.faults.inject(endpoint, delay, { times: 1 }),
        settle: (played) => settleLatency(played),
      });
      expect(linkingLine(faulty)).toMatchObject({ outcome: "error" });
    });
  }

  // Once sent, the link of the logging-in account is waited for past the budget (up to a hard
  // limit): abandoning it could delete the account the session stands on.
  suite.injects("link-identity answers after 1.5 s with a 1 s budget", async (record) => {
    const scenario = await startLinkableScenario(budget);
    await warmUp(scenario);
    const { faulty } = await playFaultThenRecovery(record, scenario, {
      inject: ({ tenant }) => tenant.api.faults.inject("link-identity", delay, { times: 1 }),
      settle: (played) => settleLatency(played),
    });
    expect(linkingLine(faulty)).toMatchObject({ outcome: "linked", links: 1 });
  });

  suite.injects("users-by-email answers after 1.5 s with ON_ERROR=deny", async (record) => {
    const scenario = await startLinkableScenario({ ...budget, ON_ERROR: "deny" });
    const { faulty } = await playFaultThenRecovery(record, scenario, {
      expectDenied: true,
      inject: ({ tenant }) => tenant.api.faults.inject("users-by-email", delay, { times: 1 }),
      settle: (played) => settleLatency(played),
    });
    expect(linkingLine(faulty)).toMatchObject({ outcome: "error", reason: "budget_exhausted" });
  });
});
