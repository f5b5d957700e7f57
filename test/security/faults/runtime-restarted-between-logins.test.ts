import { describe, expect } from "vitest";
import {
  googleLogin,
  person,
  playFaultThenRecovery,
  startLinkableScenario,
} from "../support/fault-play";
import { faultSuite } from "../support/recorder";
import { databaseConnection, linkingLine } from "../support/scenario";

const suite = faultSuite("runtime-restarted-between-logins");

describe("the Actions runtime restarted between logins", () => {
  suite.injects(
    "a login fails at the link, the runtime restarts (module scope and cache gone), then the next login",
    async (record) => {
      const scenario = await startLinkableScenario();
      const { next } = await playFaultThenRecovery(record, scenario, {
        inject: ({ tenant }) =>
          tenant.api.faults.inject("link-identity", { kind: "status", status: 500 }),
        settle: async ({ tenant }) => tenant.action.restart(),
      });
      // A fresh instance has no token: it must ask for one again, and then finish.
      expect(linkingLine(next)).toMatchObject({ outcome: "linked", token_requests: 1 });
    },
  );

  suite.injects(
    "linked, then the runtime restarts: the marker in app_metadata still spares the next login",
    async (record) => {
      const scenario = await startLinkableScenario();
      const linked = await scenario.login(googleLogin);
      scenario.tenant.action.restart();
      const next = await scenario.login(googleLogin);
      record.outcome = `after restart: ${linkingLine(next).outcome}: ${linkingLine(next).reason}, ${next.managementApiCalls.length} Management API calls`;

      expect(linkingLine(linked)).toMatchObject({ outcome: "linked" });
      expect(next.sessionUserId).toBe(scenario.userId(databaseConnection, person.databaseId));
      expect(linkingLine(next)).toMatchObject({ reason: "already_checked" });
      expect(next.managementApiCalls).toEqual([]);
    },
  );
});
