import { describe, expect } from "vitest";
import { person, playFaultThenRecovery, startLinkableScenario } from "../support/fault-play";
import { faultSuite } from "../support/recorder";
import { databaseConnection, linkingLine } from "../support/scenario";

const suite = faultSuite("failure-between-carry-and-link");

describe("a failure after the metadata carry", () => {
  suite.injects(
    "the carry lands on the primary, then every link-identity answers 503",
    async (record) => {
      const scenario = await startLinkableScenario();
      const primaryId = scenario.userId(databaseConnection, person.databaseId);
      const secondaryId = scenario.userId("google-oauth2", person.googleId);
      const { faulty } = await playFaultThenRecovery(record, scenario, {
        inject: ({ tenant }) => {
          tenant.api.faults.inject("link-identity", { kind: "status", status: 503 });
        },
        settle: async () => {
          // Between the two steps the keys live twice, never nowhere.
          expect(Object.keys(scenario.user(primaryId)?.user_metadata ?? {}).sort()).toEqual([
            "locale",
            "newsletter",
            "theme",
          ]);
          expect(scenario.user(secondaryId)?.user_metadata).toEqual({
            locale: "en",
            newsletter: { weekly: true },
          });
        },
      });
      expect(linkingLine(faulty)).toMatchObject({ outcome: "error", reason: "link_failed" });
      expect(faulty.sessionUserId).toBe(secondaryId);
    },
  );

  suite.injects("the link lands, then writing the marker answers 503", async (record) => {
    const scenario = await startLinkableScenario();
    const { faulty } = await playFaultThenRecovery(record, scenario, {
      inject: ({ tenant }) => {
        // The carry's PATCH goes through; every later one (the marker) fails.
        tenant.api.faults.inject("patch-user", { kind: "latency", ms: 0 }, { times: 1 });
        tenant.api.faults.inject("patch-user", { kind: "status", status: 503 });
      },
    });
    expect(linkingLine(faulty)).toMatchObject({ outcome: "linked", detail: "marker_failed" });
  });
});
