import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { createAdminClient } from "../../src/admin";
import { privateFolderOf } from "../../src/backfill/private-folder";
import type { Progress } from "../../src/backfill/progress";
import { exportUsers } from "../../src/backfill/sources/export-source";
import { searchUsers } from "../../src/backfill/sources/search-source";
import { TenantState } from "../../src/local-tenant/tenant-state";
import {
  callManagementApi,
  managementToken,
  startDemoTenant,
} from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli } from "./support/backfill-cli";
import {
  duplicateUsers,
  expectLinkableGroupsLinked,
  ids,
  seedWith,
} from "./support/duplicates-tenant";
import { filesUnder } from "./support/files-under";
import { idpTokenReader, providerTokens, withIdpTokenReader } from "./support/idp-token-reader";

// An application granted read:user_idp_tokens is answered every identity's provider tokens;
// whether an export job writes them too is undocumented (the local tenant writes them).
it.each([
  ["search"],
  ["export"],
])("a-backfill-from-%s-with-read-user-idp-tokens-writes-no-provider-token", async (source) => {
  const users = duplicateUsers().map((user) =>
    user.user_id === ids.janeGoogle || user.user_id === ids.trioApple
      ? {
          ...user,
          identities: user.identities.map((identity) => ({ ...identity, ...providerTokens })),
        }
      : user,
  );
  const server = await startDemoTenant({
    state: TenantState.fromSeed(withIdpTokenReader(await seedWith(users))),
  });
  const env = await backfillEnvironment(server, {
    AUTH0_CLIENT_ID: idpTokenReader.clientId,
    AUTH0_CLIENT_SECRET: idpTokenReader.clientSecret,
  });
  // The control: this application is answered the tokens.
  const token = await managementToken(server, idpTokenReader);
  const answered = await callManagementApi(
    server,
    token,
    `/api/v2/users/${encodeURIComponent(ids.janeGoogle)}`,
  );
  expect(await answered.text()).toContain(providerTokens.refresh_token);
  const dryRun = await outDir();
  const applied = await outDir();

  const planned = await runBackfillCli(["--source", source, "--out", dryRun], env);
  const apply = await runBackfillCli(["--apply", "--source", source, "--out", applied], env);

  expect(planned.exitCode).toBe(0);
  expect(apply.exitCode).toBe(0);
  expectLinkableGroupsLinked(server.state);
  const written = new Map([
    ...(await filesUnder(dryRun)),
    ...(await filesUnder(applied)),
    ...(await filesUnder(privateFolderOf(applied, env))),
    ["dry run's output", planned.stdout + planned.stderr],
    ["apply's output", apply.stdout + apply.stderr],
  ]);
  expect([...written.values()].join("\n")).toContain(ids.janeGoogle);
  for (const [file, text] of written) {
    for (const value of Object.values(providerTokens)) expect(text, file).not.toContain(value);
    expect(text, file).not.toMatch(/access_token|refresh_token/);
  }
});

const quiet: Progress = { phase() {}, update() {}, note() {}, stop() {} };

// The users file itself, which a finished run deletes: cut down as it is written.
it("the-export-and-search-files-hold-no-provider-token", async () => {
  const users = duplicateUsers().map((user) =>
    user.user_id === ids.janeGoogle
      ? {
          ...user,
          identities: user.identities.map((identity) => ({ ...identity, ...providerTokens })),
        }
      : user,
  );
  const server = await startDemoTenant({
    state: TenantState.fromSeed(withIdpTokenReader(await seedWith(users))),
  });
  server.exportJobs.configure({ pendingMs: 0, processingMs: 0 });
  const client = createAdminClient({
    settings: { domain: server.domain, ...idpTokenReader },
  });
  const folder = await mkdtemp(join(tmpdir(), "backfill-sources-"));

  const exported = await exportUsers(client, join(folder, "export.json.gz"), quiet, {
    pollIntervalMs: 10,
  });
  const searched = await searchUsers(client, join(folder, "search.ndjson.gz"), quiet);

  expect(exported.ok && searched.ok).toBe(true);
  const files = await filesUnder(folder);
  expect(files.size).toBe(2);
  for (const [file, text] of files) {
    expect(text, file).toContain(`"user_id":"jane-google","connection":"google-oauth2"`);
    for (const value of Object.values(providerTokens)) expect(text, file).not.toContain(value);
  }
});
