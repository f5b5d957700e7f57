import { describe, expect, it } from "vitest";
import { toDatabaseKinds } from "../../src/linking/database-kinds";

describe("toDatabaseKinds", () => {
  it("tells-custom-databases-from-built-in-ones", () => {
    expect(
      toDatabaseKinds([
        { name: "Username-Password-Authentication", strategy: "auth0", options: {} },
        { name: "legacy", strategy: "auth0", options: { enabledDatabaseCustomization: true } },
        { name: "migrating", strategy: "auth0", options: { import_mode: true } },
        { name: "no-options", strategy: "auth0" },
        { name: "google-oauth2", strategy: "google-oauth2", options: {} },
      ]),
    ).toEqual({
      ok: true,
      kinds: {
        "Username-Password-Authentication": "built_in",
        legacy: "custom",
        migrating: "custom",
        "no-options": "built_in",
      },
    });
  });

  it("reads-a-checkpoint-page-too", () => {
    expect(
      toDatabaseKinds({ connections: [{ name: "db", strategy: "auth0", options: {} }] }),
    ).toEqual({ ok: true, kinds: { db: "built_in" } });
  });

  it("leaves-a-connection-without-a-name-unknown", () => {
    expect(toDatabaseKinds([{ strategy: "auth0" }, "db"])).toEqual({ ok: true, kinds: {} });
  });

  it("refuses-an-answer-that-is-not-a-list", () => {
    expect(toDatabaseKinds({ message: "nope" })).toMatchObject({ ok: false });
  });
});
