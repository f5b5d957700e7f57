import { describe, expect } from "vitest";
import { playFaultThenRecovery, startLinkableScenario } from "../support/fault-play";
import { faultSuite } from "../support/recorder";
import { linkingLine } from "../support/scenario";

const suite = faultSuite("token-endpoint-down");

describe("the token endpoint is down", () => {
  suite.injects("/oauth/token answers 503 and resets for a whole login", async (record) => {
    const scenario = await startLinkableScenario();
    const { faulty } = await playFaultThenRecovery(record, scenario, {
      inject: ({ tenant }) => {
        tenant.api.faults.inject("token", { kind: "status", status: 503 }, { times: 1 });
        tenant.api.faults.inject("token", { kind: "reset" });
      },
    });
    expect(linkingLine(faulty)).toMatchObject({ outcome: "error", reason: "token_failed" });
    // Without a token nothing else may be asked.
    expect(faulty.managementApiCalls.every((call) => call.endpointKey === "token")).toBe(true);
  });

  suite.injects("/oauth/token down with ON_ERROR=deny", async (record) => {
    const scenario = await startLinkableScenario({ ON_ERROR: "deny" });
    const { faulty } = await playFaultThenRecovery(record, scenario, {
      expectDenied: true,
      inject: ({ tenant }) => tenant.api.faults.inject("token", { kind: "status", status: 503 }),
    });
    expect(linkingLine(faulty)).toMatchObject({ outcome: "error", reason: "token_failed" });
  });
});
