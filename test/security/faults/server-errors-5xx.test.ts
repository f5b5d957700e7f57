import { describe, expect } from "vitest";
import { playFaultThenRecovery, startLinkableScenario } from "../support/fault-play";
import { faultSuite } from "../support/recorder";
import { linkingLine } from "../support/scenario";

const suite = faultSuite("server-errors-5xx");

const endpoints = ["token", "users-by-email", "patch-user", "link-identity"] as const;

describe("5xx answers from each endpoint", () => {
  for (const endpoint of endpoints) {
    suite.injects(`503 on every ${endpoint} request during one login`, async (record) => {
      const scenario = await startLinkableScenario();
      const { faulty } = await playFaultThenRecovery(record, scenario, {
        inject: ({ tenant }) => tenant.api.faults.inject(endpoint, { kind: "status", status: 503 }),
      });
      expect(linkingLine(faulty)).toMatchObject({ outcome: "error" });
    });
  }

  suite.injects("one 502 on link-identity, retried within the login", async (record) => {
    const scenario = await startLinkableScenario();
    const { faulty } = await playFaultThenRecovery(record, scenario, {
      inject: ({ tenant }) =>
        tenant.api.faults.inject("link-identity", { kind: "status", status: 502 }, { times: 1 }),
    });
    expect(linkingLine(faulty)).toMatchObject({ outcome: "linked", links: 1 });
  });
});
