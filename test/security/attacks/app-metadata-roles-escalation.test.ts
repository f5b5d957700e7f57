import { describe, expect } from "vitest";
import { isLinkRecordsKey } from "../../../src/linking/link-records";
import { MARKER_KEY } from "../../../src/linking/marker";
import { linkSecondaryCarrying } from "../support/metadata-play";
import { attackSuite } from "../support/recorder";

// app_metadata holds what the application grants (roles, plans): a secondary's must not reach
// the primary, whose grants the login ends with.
const suite = attackSuite("app-metadata-roles-escalation");

// The marker and the audit records are the project's, not grants.
function withoutBookkeeping(appMetadata: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(appMetadata).filter(([key]) => key !== MARKER_KEY && !isLinkRecordsKey(key)),
  );
}

const grants = { roles: ["admin"], permissions: ["delete:everything"], plan: "enterprise" };

describe("roles in a secondary's app_metadata", () => {
  suite.tries("secondary with admin roles, default settings", async (record) => {
    const { primaryBefore, primaryAfter } = await linkSecondaryCarrying(
      { appMetadata: grants },
      record,
    );
    const appMetadata = withoutBookkeeping(primaryAfter.app_metadata);
    record.outcome = `linked; primary app_metadata ${JSON.stringify(appMetadata)}`;
    expect(appMetadata).toEqual(primaryBefore.app_metadata);
  });

  suite.tries(
    "secondary with admin roles while MERGE_APP_METADATA_KEYS opts in an unrelated key",
    async (record) => {
      const { primaryAfter } = await linkSecondaryCarrying(
        {
          appMetadata: { ...grants, signup_source: "google" },
          settings: { MERGE_APP_METADATA_KEYS: "signup_source" },
        },
        record,
      );
      const appMetadata = withoutBookkeeping(primaryAfter.app_metadata);
      record.outcome = `linked; primary app_metadata ${JSON.stringify(appMetadata)}`;
      expect(appMetadata).toEqual({ plan: "free", signup_source: "google" });
    },
  );
});
