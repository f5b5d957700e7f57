import { describe, expect } from "vitest";
import { attackSuite } from "../support/recorder";
import { linkingLine } from "../support/scenario";
import { linkThenUndo } from "../support/undo-play";

// app_metadata is never carried unless allowed by name (roles must not travel), so a billing id
// or a points balance on the secondary lived nowhere once linked, and the log named none of it.
const suite = attackSuite("uncarried-app-metadata");

describe("app_metadata the carry is not allowed to move", () => {
  suite.tries("stripe_customer_id, loyalty_points and plan on the secondary", async (record) => {
    const { login, primaryLinked } = await linkThenUndo(record, {
      appMetadata: { stripe_customer_id: "cus_4f9", loyalty_points: 1200, plan: "pro" },
    });
    expect(primaryLinked.app_metadata).not.toHaveProperty("stripe_customer_id");
    expect(linkingLine(login).copied_metadata_keys).toEqual([
      "app_metadata.stripe_customer_id",
      "app_metadata.loyalty_points",
      "app_metadata.plan",
    ]);
  });

  suite.tries("control: an allowed key is carried, the others still copied", async (record) => {
    const { primaryLinked } = await linkThenUndo(record, {
      appMetadata: { stripe_customer_id: "cus_4f9", loyalty_points: 1200 },
      settings: { MERGE_APP_METADATA_KEYS: "stripe_customer_id" },
    });
    expect(primaryLinked.app_metadata.stripe_customer_id).toBe("cus_4f9");
  });
});
