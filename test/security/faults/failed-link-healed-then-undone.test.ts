import { describe, expect } from "vitest";
import { readLinkRecords } from "../../../src/linking/link-records";
import type { Fault } from "../../../src/local-tenant/management-api/faults";
import type { StoredUser } from "../../../src/local-tenant/tenant-state";
import { person, playFaultThenRecovery, startLinkableScenario } from "../support/fault-play";
import { faultSuite } from "../support/recorder";
import { databaseConnection, linkingLine, type Scenario } from "../support/scenario";
import { unlinkRestoresBoth } from "../support/undo-play";

// The carry's PATCH writes the metadata and the audit record; the link then fails, and a later
// login links. The keys the first attempt carried already sit on the primary with the same
// values when the later login carries again: the record must still name them as carried, or the
// undo would leave them on the primary and give the secondary back without them.
const suite = faultSuite("failed-link-healed-then-undone");

const carriedKeys = ["locale", "newsletter"];

function carriedInRecord(scenario: Scenario, primaryId: string, secondaryId: string) {
  const { links } = readLinkRecords(scenario.user(primaryId)?.app_metadata ?? {});
  const record = links.find((link) => link.secondary === secondaryId);
  return Object.keys(record?.carried.user_metadata ?? {}).sort();
}

const linkFaults: [string, Fault][] = [
  ["every link-identity answers 503", { kind: "status", status: 503 }],
  ["every link-identity connection is reset before it lands", { kind: "reset" }],
];

describe("a link that failed after its carry, healed by a later login, then undone", () => {
  for (const [fault, linkFault] of linkFaults) {
    suite.injects(
      `the carry and its audit record land, then ${fault}; the next login links; npm run unlink restores both`,
      async (record) => {
        const scenario = await startLinkableScenario();
        const primaryId = scenario.userId(databaseConnection, person.databaseId);
        const secondaryId = scenario.userId("google-oauth2", person.googleId);
        const primaryBefore = scenario.user(primaryId) as StoredUser;
        const secondaryBefore = scenario.user(secondaryId) as StoredUser;

        const { faulty, next } = await playFaultThenRecovery(record, scenario, {
          inject: ({ tenant }) => tenant.api.faults.inject("link-identity", linkFault),
          settle: async () => {
            expect(carriedInRecord(scenario, primaryId, secondaryId)).toEqual(carriedKeys);
            expect(scenario.user(secondaryId)?.user_metadata).toEqual(
              secondaryBefore.user_metadata,
            );
          },
        });
        expect(linkingLine(faulty)).toMatchObject({ outcome: "error", reason: "link_failed" });
        expect(faulty.sessionUserId).toBe(secondaryId);
        expect(linkingLine(next)).toMatchObject({ outcome: "linked", links: 1 });
        expect(carriedInRecord(scenario, primaryId, secondaryId)).toEqual(carriedKeys);

        await unlinkRestoresBoth(record, scenario, {
          primaryId,
          secondaryId,
          primaryBefore,
          secondaryBefore,
        });
        expect(scenario.user(secondaryId)?.user_metadata).toEqual({
          locale: "en",
          newsletter: { weekly: true },
        });
      },
    );
  }
});
