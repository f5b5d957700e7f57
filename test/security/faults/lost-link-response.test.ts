import { describe, expect } from "vitest";
import { person, playFaultThenRecovery, startLinkableScenario } from "../support/fault-play";
import { faultSuite } from "../support/recorder";
import { databaseConnection, linkingLine } from "../support/scenario";

const suite = faultSuite("lost-link-response");

const lostResponse = { kind: "lose-response" } as const;

describe("a request that succeeded but whose response was lost", () => {
  suite.injects(
    "the link of the logging-in account lands, its response is lost once",
    async (record) => {
      const scenario = await startLinkableScenario();
      const { faulty } = await playFaultThenRecovery(record, scenario, {
        inject: ({ tenant }) =>
          tenant.api.faults.inject("link-identity", lostResponse, { times: 1 }),
      });
      // The retry is told the identity is already there: done, and the session moves over.
      expect(linkingLine(faulty)).toMatchObject({ outcome: "linked", links: 1 });
      expect(faulty.sessionUserId).toBe(scenario.userId(databaseConnection, person.databaseId));
    },
  );

  suite.injects(
    "the link of another account into the logging-in primary lands, its response is lost once",
    async (record) => {
      const scenario = await startLinkableScenario();
      const { faulty } = await playFaultThenRecovery(record, scenario, {
        login: {
          connection: databaseConnection,
          providerUserId: person.databaseId,
          email: person.email,
          emailVerified: true,
        },
        inject: ({ tenant }) =>
          tenant.api.faults.inject("link-identity", lostResponse, { times: 1 }),
      });
      expect(linkingLine(faulty)).toMatchObject({ outcome: "linked", links: 1 });
    },
  );

  suite.injects("the metadata carry lands, its response is lost once", async (record) => {
    const scenario = await startLinkableScenario();
    const { faulty } = await playFaultThenRecovery(record, scenario, {
      inject: ({ tenant }) => tenant.api.faults.inject("patch-user", lostResponse, { times: 1 }),
    });
    expect(linkingLine(faulty)).toMatchObject({ outcome: "linked", links: 1 });
  });

  suite.injects(
    "the link of the logging-in account lands, and every answer of the login's retries is lost",
    async (record) => {
      const scenario = await startLinkableScenario();
      // The account the person logged in as is gone either way: the session must follow it.
      await playFaultThenRecovery(record, scenario, {
        inject: ({ tenant }) => tenant.api.faults.inject("link-identity", lostResponse),
      });
    },
  );
});
