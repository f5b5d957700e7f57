import { describe, expect, it } from "vitest";
import { toDatabaseKinds } from "../../src/linking/database-kinds";

describe("toDatabaseKinds", () => {
  it("tells-custom-databases-from-built-in-ones", () => {
    expect(
      toDatabaseKinds([
        {
          name: "Username-Password-Authentication",
          strategy: "auth0",
          options: { passwordPolicy: "good", brute_force_protection: true },
        },
        { name: "legacy", strategy: "auth0", options: { enabledDatabaseCustomization: true } },
        { name: "migrating", strategy: "auth0", options: { import_mode: true } },
        { name: "google-oauth2", strategy: "google-oauth2", options: {} },
      ]),
    ).toEqual({
      ok: true,
      kinds: {
        "Username-Password-Authentication": "built_in",
        legacy: "custom",
        migrating: "custom",
      },
    });
  });

  // Auth0 leaves `options` out for a token without read:connections_options (or may send it
  // empty: undocumented): the connection may be a custom database as well as the built-in one.
  it("reads-a-database-listed-without-its-options-as-options-withheld-never-built-in", () => {
    expect(
      toDatabaseKinds([
        { name: "Username-Password-Authentication", strategy: "auth0" },
        { name: "null-options", strategy: "auth0", options: null },
        { name: "text-options", strategy: "auth0", options: "hidden" },
        { name: "empty-options", strategy: "auth0", options: {} },
      ]),
    ).toEqual({
      ok: true,
      kinds: {
        "Username-Password-Authentication": "options_withheld",
        "null-options": "options_withheld",
        "text-options": "options_withheld",
        "empty-options": "options_withheld",
      },
    });
  });

  it("reads-a-checkpoint-page-too", () => {
    expect(
      toDatabaseKinds({
        connections: [{ name: "db", strategy: "auth0", options: { passwordPolicy: "fair" } }],
      }),
    ).toEqual({ ok: true, kinds: { db: "built_in" } });
  });

  it("leaves-a-connection-without-a-name-unknown", () => {
    expect(toDatabaseKinds([{ strategy: "auth0" }, "db"])).toEqual({ ok: true, kinds: {} });
  });

  it("refuses-an-answer-that-is-not-a-list", () => {
    expect(toDatabaseKinds({ message: "nope" })).toMatchObject({ ok: false });
  });
});
