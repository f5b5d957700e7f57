import { describe, expect } from "vitest";
import { googleLogin, playFaultThenRecovery, startLinkableScenario } from "../support/fault-play";
import { faultSuite } from "../support/recorder";
import { linkingLine } from "../support/scenario";

const suite = faultSuite("rate-limited-with-reset-headers");

const endpoints = ["token", "users-by-email", "patch-user", "link-identity"] as const;

describe("429 with X-RateLimit-Reset on each endpoint", () => {
  for (const endpoint of endpoints) {
    suite.injects(
      `one 429 on ${endpoint} resetting in 1 s: the Action waits for the reset within its budget`,
      async (record) => {
        const scenario = await startLinkableScenario();
        const { faulty } = await playFaultThenRecovery(record, scenario, {
          inject: ({ tenant }) =>
            tenant.api.faults.inject(
              endpoint,
              { kind: "rate-limit", resetInSeconds: 1 },
              { times: 1 },
            ),
        });
        expect(linkingLine(faulty)).toMatchObject({ outcome: "linked" });
        expect(faulty.managementApiCalls.some((call) => call.status === 429)).toBe(true);
      },
    );

    suite.injects(
      `429 on ${endpoint} resetting in 60 s, past the budget: the Action gives up at once`,
      async (record) => {
        const scenario = await startLinkableScenario();
        const { faulty } = await playFaultThenRecovery(record, scenario, {
          inject: ({ tenant }) =>
            tenant.api.faults.inject(endpoint, { kind: "rate-limit", resetInSeconds: 60 }),
        });
        expect(linkingLine(faulty)).toMatchObject({ outcome: "error", links: 0 });
        expect(faulty.sessionUserId).toBe(
          scenario.userId("google-oauth2", googleLogin.providerUserId),
        );
        // One attempt: waiting for a reset past the budget would only hold the person up.
        expect(faulty.managementApiCalls.filter((call) => call.status === 429)).toHaveLength(1);
      },
    );
  }
});
