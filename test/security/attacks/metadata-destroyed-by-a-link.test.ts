import { describe, expect } from "vitest";
import { readLinkRecords } from "../../../src/linking/link-records";
import { attackSuite } from "../support/recorder";
import { linkThenUndo } from "../support/undo-play";

// Auth0 discards a secondary's metadata when it is linked: what the primary does not take in
// must be kept where an undo can read it.
const suite = attackSuite("metadata-destroyed-by-a-link");

describe("a secondary's metadata, destroyed by Auth0 when it is linked", () => {
  suite.tries("user_metadata and app_metadata of every kind on the secondary", async (record) => {
    const { primaryLinked, secondaryId } = await linkThenUndo(record, {
      userMetadata: { locale: "en", newsletter: { weekly: true }, tags: ["a", "b"] },
      appMetadata: { signup_source: "google", crm: { id: 42 } },
    });
    const [linkRecord] = readLinkRecords(primaryLinked.app_metadata).links;
    expect(linkRecord).toMatchObject({
      path: "login",
      secondary: secondaryId,
      copy: { in: "app_metadata", app_metadata: { signup_source: "google", crm: { id: 42 } } },
    });
    expect(Object.keys(linkRecord?.carried.user_metadata ?? {}).sort()).toEqual([
      "locale",
      "newsletter",
      "tags",
    ]);
  });

  suite.tries("control: a secondary with no metadata links and undoes", async (record) => {
    const { primaryLinked } = await linkThenUndo(record, {});
    expect(readLinkRecords(primaryLinked.app_metadata).links).toMatchObject([
      { copy: { in: "none" } },
    ]);
  });
});
