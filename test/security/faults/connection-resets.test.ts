import { describe, expect } from "vitest";
import { playFaultThenRecovery, startLinkableScenario } from "../support/fault-play";
import { faultSuite } from "../support/recorder";
import { linkingLine } from "../support/scenario";

const suite = faultSuite("connection-resets");

const endpoints = ["token", "users-by-email", "patch-user", "link-identity"] as const;

describe("connections reset before an answer", () => {
  for (const endpoint of endpoints) {
    suite.injects(`every ${endpoint} connection reset during one login`, async (record) => {
      const scenario = await startLinkableScenario();
      const { faulty } = await playFaultThenRecovery(record, scenario, {
        inject: ({ tenant }) => tenant.api.faults.inject(endpoint, { kind: "reset" }),
      });
      expect(linkingLine(faulty)).toMatchObject({ outcome: "error", failure: { kind: "network" } });
    });
  }

  suite.injects("one reset on users-by-email, retried within the login", async (record) => {
    const scenario = await startLinkableScenario();
    const { faulty } = await playFaultThenRecovery(record, scenario, {
      inject: ({ tenant }) =>
        tenant.api.faults.inject("users-by-email", { kind: "reset" }, { times: 1 }),
    });
    expect(linkingLine(faulty)).toMatchObject({ outcome: "linked", links: 1 });
  });
});
