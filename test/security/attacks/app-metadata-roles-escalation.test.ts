import { describe, expect } from "vitest";
import { linkSecondaryCarrying } from "../support/metadata-play";
import { attackSuite } from "../support/recorder";

// app_metadata holds what the application grants (roles, plans): a secondary's must not reach
// the primary, whose grants the login ends with.
const suite = attackSuite("app-metadata-roles-escalation");

const grants = { roles: ["admin"], permissions: ["delete:everything"], plan: "enterprise" };

describe("roles in a secondary's app_metadata", () => {
  suite.tries("secondary with admin roles, default settings", async (record) => {
    const { primaryBefore, primaryAfter } = await linkSecondaryCarrying(
      { appMetadata: grants },
      record,
    );
    record.outcome = `linked; primary app_metadata ${JSON.stringify({ ...primaryAfter.app_metadata, account_linking: "(marker)", account_links: "(records)" })}`;
    const {
      account_linking: _marker,
      account_links: _records,
      ...appMetadata
    } = primaryAfter.app_metadata;
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
      const {
        account_linking: _marker,
        account_links: _records,
        ...appMetadata
      } = primaryAfter.app_metadata;
      record.outcome = `linked; primary app_metadata ${JSON.stringify(appMetadata)}`;
      expect(appMetadata).toEqual({ plan: "free", signup_source: "google" });
    },
  );
});
