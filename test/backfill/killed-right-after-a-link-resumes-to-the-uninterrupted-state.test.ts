import { expect, it } from "vitest";
import { finalState, stateDifferences } from "../../bench/backfill/tenant-digest";
import { hasValidMarker, markerEmailHash } from "../../src/linking/marker";
import type { ManagementApiServer } from "../../src/local-tenant/management-api";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli, startBackfill } from "./support/backfill-cli";
import { account, seedWith, writeExportFile } from "./support/duplicates-tenant";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Three groups whose verified, trusted pair links; beside it, one group keeps an unverified
// account and one an account on an untrusted connection, which stay apart. The third is the
// control: no account is left apart in it.
const pairs = [
  { name: "unverified", apart: { provider: "auth0", id: "kept-unverified", verified: false } },
  { name: "untrusted", apart: { provider: "okta", id: "kept-okta", verified: true } },
  { name: "alone", apart: undefined },
] as const;

function tenantUsers() {
  return pairs.flatMap(({ name, apart }) => {
    const email = `${name}@example.com`;
    return [
      account({
        provider: "google-oauth2",
        id: `${name}-google`,
        email,
        createdAt: "2021-01-01T00:00:00.000Z",
        userMetadata: { theme: name },
      }),
      account({
        provider: "apple",
        id: `${name}-apple`,
        email,
        createdAt: "2022-01-01T00:00:00.000Z",
        userMetadata: { locale: name },
        appMetadata: { plan: "pro" },
      }),
      ...(apart
        ? [
            account({
              provider: apart.provider,
              id: apart.id,
              email,
              verified: apart.verified,
              createdAt: "2020-01-01T00:00:00.000Z",
            }),
          ]
        : []),
    ];
  });
}

async function tenant(): Promise<ManagementApiServer> {
  return startDemoTenant({ state: TenantState.fromSeed(await seedWith(tenantUsers())) });
}

function linkRequests(server: ManagementApiServer): number {
  return server.requestLog.entries().filter((entry) => entry.endpointKey === "link-identity")
    .length;
}

it("killed-right-after-each-link-then-resumed-leaves-what-an-uninterrupted-run-leaves", async () => {
  const exportFile = await writeExportFile(tenantUsers());
  const argsFor = (out: string) => ["--apply", "--source", exportFile, "--out", out];

  const uninterrupted = await tenant();
  const clean = await runBackfillCli(
    argsFor(await outDir()),
    await backfillEnvironment(uninterrupted),
  );
  expect(clean.exitCode).toBe(0);

  // Each link is made, then its answer lost; the check that follows (a read of the primary)
  // is held, and the CLI is killed while it waits: the link is in the tenant, and nothing
  // after it (the journal's "done", the marker) is.
  const interrupted = await tenant();
  const env = await backfillEnvironment(interrupted);
  const out = await outDir();
  const args = [...argsFor(out), "--concurrency", "1"];
  for (let kill = 1; kill <= pairs.length; kill++) {
    interrupted.faults.clear();
    interrupted.faults.inject("link-identity", { kind: "lose-response" }, { times: 1 });
    interrupted.faults.inject("get-user", { kind: "latency", ms: 5_000 });
    const running = startBackfill(args, env);
    while (linkRequests(interrupted) < kill) await sleep(10);
    running.child.kill("SIGKILL");
    expect((await running.done).signal).toBe("SIGKILL");
  }
  interrupted.faults.clear();
  const resumed = await runBackfillCli(args, env);
  expect(resumed.exitCode).toBe(0);

  expect(linkRequests(interrupted)).toBe(pairs.length);
  expect(
    stateDifferences(
      finalState(uninterrupted.state.listUsers(), uninterrupted.domain),
      finalState(interrupted.state.listUsers(), interrupted.domain),
    ),
  ).toEqual([]);
  for (const { name } of pairs) {
    const primary = interrupted.state.getUser(`google-oauth2|${name}-google`);
    expect(primary?.identities.map((identity) => identity.user_id)).toEqual([
      `${name}-google`,
      `${name}-apple`,
    ]);
    // The marker a finished link leaves, so the person's next login costs no lookup.
    expect(
      hasValidMarker(
        primary?.app_metadata,
        markerEmailHash(`${name}@example.com`, interrupted.domain),
      ),
    ).toBe(true);
  }
}, 120_000);
