import { describe, expect } from "vitest";
import { maxCacheEntries } from "../../../src/local-tenant/runtime/action-cache";
import { playFaultThenRecovery, startLinkableScenario } from "../support/fault-play";
import { faultSuite } from "../support/recorder";
import { linkingLine } from "../support/scenario";

const suite = faultSuite("action-cache-evicted-or-full");

describe("api.cache evicted or full", () => {
  suite.injects(
    "the cache is filled by other Actions, so the token cannot be kept",
    async (record) => {
      const scenario = await startLinkableScenario();
      const { faulty } = await playFaultThenRecovery(record, scenario, {
        inject: ({ tenant }) => {
          for (let entry = 0; entry < maxCacheEntries; entry++) {
            tenant.action.cache.set(`other-action:${entry}`, "x".repeat(300));
          }
        },
      });
      expect(linkingLine(faulty)).toMatchObject({ outcome: "linked", token_requests: 1 });
    },
  );

  suite.injects("a failed login, then api.cache evicted before the next", async (record) => {
    const scenario = await startLinkableScenario();
    const { next } = await playFaultThenRecovery(record, scenario, {
      inject: ({ tenant }) => tenant.api.faults.inject("link-identity", { kind: "reset" }),
      settle: async ({ tenant }) => {
        tenant.action.cache.evictAll();
      },
    });
    expect(linkingLine(next)).toMatchObject({ outcome: "linked" });
  });
});
