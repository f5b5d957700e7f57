import { describe, expect, it } from "vitest";
import { knownDatabaseKinds, learnDatabaseKinds } from "../../src/action/database-kinds";
import { FakeManagementPort } from "./support/fake-management-port";
import { recordingApi } from "./support/post-login-fixtures";

describe("what the Action remembers of the database connections", () => {
  // A tenant that withholds the options keeps withholding them until the scope is granted: asking
  // again at every login would only cost a request.
  it("remembers-a-database-listed-without-its-options-until-the-entry-expires", async () => {
    const { api } = recordingApi();
    const port = new FakeManagementPort(
      [],
      [{ name: "Username-Password-Authentication", strategy: "auth0" }],
    );
    const now = 1_000_000;
    const learned = await learnDatabaseKinds(port, api.cache, () => now);
    expect(learned).toEqual({
      ok: true,
      kinds: { "Username-Password-Authentication": "options_withheld" },
    });
    expect(knownDatabaseKinds(api.cache, now + 1)).toEqual({
      "Username-Password-Authentication": "options_withheld",
    });
    expect(knownDatabaseKinds(api.cache, now + 10 * 60_000)).toEqual({});
  });

  it("forgets-a-kind-it-does-not-know", () => {
    const { api } = recordingApi();
    api.cache.set("linking:database-kinds", JSON.stringify({ db: "built-in", other: "custom" }), {
      expires_at: Number.MAX_SAFE_INTEGER,
    });
    expect(knownDatabaseKinds(api.cache)).toEqual({ other: "custom" });
  });
});
