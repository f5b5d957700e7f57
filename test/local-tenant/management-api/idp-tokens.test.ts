import { gunzipSync } from "node:zlib";
import { expect, it } from "vitest";
import { loadDemoSeed } from "../../../src/local-tenant/local-tenant";
import { type StoredUser, TenantState } from "../../../src/local-tenant/tenant-state";
import {
  idpTokenReader,
  providerTokens,
  withIdpTokenReader,
} from "../../backfill/support/idp-token-reader";
import {
  aliceGoogleId,
  callManagementApi,
  linkingAction,
  managementToken,
  startDemoTenant,
} from "./harness";

// The specification's user and identity schemas: access_token, access_token_secret and
// refresh_token are each "returned only if scope read:user_idp_tokens is defined".
async function startWithProviderTokens() {
  const seed = withIdpTokenReader(await loadDemoSeed({ withUsers: true }));
  const users = seed.users.map((user): StoredUser => {
    if (user.user_id !== aliceGoogleId) return user;
    const [main, ...rest] = user.identities;
    return {
      ...user,
      identities: [{ ...(main as StoredUser["identities"][0]), ...providerTokens }, ...rest],
    };
  });
  return startDemoTenant({ state: TenantState.fromSeed({ ...seed, users }) });
}

async function answersOf(server: Awaited<ReturnType<typeof startDemoTenant>>, token: string) {
  const read = async (path: string) =>
    JSON.stringify(await (await callManagementApi(server, token, path)).json());
  const job = (await (
    await callManagementApi(server, token, "/api/v2/jobs/users-exports", {
      method: "POST",
      body: { format: "json", fields: [{ name: "user_id" }, { name: "identities" }] },
    })
  ).json()) as { id: string };
  server.exportJobs.configure({ pendingMs: 0, processingMs: 0 });
  let location: string | undefined;
  while (!location) {
    const current = (await (
      await callManagementApi(server, token, `/api/v2/jobs/${job.id}`)
    ).json()) as {
      location?: string;
    };
    location = current.location;
  }
  return {
    getUser: await read(`/api/v2/users/${encodeURIComponent(aliceGoogleId)}`),
    search: await read(
      `/api/v2/users?q=${encodeURIComponent(`user_id:"${aliceGoogleId}"`)}&search_engine=v3`,
    ),
    byEmail: await read("/api/v2/users-by-email?email=alice%40example.com"),
    exportFile: gunzipSync(Buffer.from(await (await fetch(location)).arrayBuffer())).toString(
      "utf8",
    ),
  };
}

it("identity-provider-tokens-are-answered-only-to-read-user-idp-tokens", async () => {
  const server = await startWithProviderTokens();

  const withScope = await answersOf(server, await managementToken(server, idpTokenReader));
  const without = await answersOf(server, await managementToken(server, linkingAction));

  for (const [answer, text] of Object.entries(withScope)) {
    for (const value of Object.values(providerTokens)) {
      expect(text, `${answer} with read:user_idp_tokens`).toContain(value);
    }
  }
  for (const [answer, text] of Object.entries(without)) {
    expect(text, `${answer} without read:user_idp_tokens`).toContain("google-oauth2");
    expect(text, `${answer} without read:user_idp_tokens`).not.toMatch(
      /access_token|refresh_token/,
    );
  }
});
