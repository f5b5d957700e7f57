import { describe, expect } from "vitest";
import { readLinkRecords } from "../../../src/linking/link-records";
import { attackSuite } from "../support/recorder";
import { linkThenUndo } from "../support/undo-play";

// The primary's value wins a collision, so the secondary's would vanish without a copy.
const suite = attackSuite("colliding-metadata-values");

describe("metadata keys both accounts hold with different values", () => {
  suite.tries("theme in user_metadata and plan in app_metadata collide", async (record) => {
    const { primaryLinked } = await linkThenUndo(record, {
      userMetadata: { theme: "light", locale: "en" },
      appMetadata: { plan: "enterprise" },
    });
    expect(primaryLinked.user_metadata).toEqual({ theme: "dark", locale: "en" });
    expect(primaryLinked.app_metadata.plan).toBe("free");
    expect(readLinkRecords(primaryLinked.app_metadata).links[0]?.copy).toEqual({
      in: "app_metadata",
      user_metadata: { theme: "light", locale: "en" },
      app_metadata: { plan: "enterprise" },
    });
  });
});
