import { expect, it } from "vitest";
import { finalState, stateDifferences } from "../../bench/backfill/tenant-digest";
import { hasValidMarker, markerEmailHash } from "../../src/linking/marker";
import type { ManagementApiServer } from "../../src/local-tenant/management-api";
import { type StoredUser, TenantState } from "../../src/local-tenant/tenant-state";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli, startBackfill } from "./support/backfill-cli";
import { account, seedWith, writeExportFile } from "./support/duplicates-tenant";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Groups whose verified, trusted accounts link; beside them, one group keeps an unverified
// account and one an account on an untrusted connection, which stay apart. "alone" is the
// control (no account left apart); "trio" links two secondaries whose metadata collides.
const groups = ["unverified", "untrusted", "alone", "trio"] as const;
const links = 5;

function tenantUsers(): StoredUser[] {
  return groups.flatMap((name) => {
    const email = `${name}@example.com`;
    const at = (year: number) => `${year}-01-01T00:00:00.000Z`;
    return [
      account({
        provider: "google-oauth2",
        id: `${name}-google`,
        email,
        createdAt: at(2021),
        userMetadata: { theme: name },
      }),
      account({
        provider: "apple",
        id: `${name}-apple`,
        email,
        createdAt: at(2022),
        userMetadata: { locale: "apple", theme: "apple" },
        appMetadata: { plan: "pro" },
      }),
      ...(name === "unverified"
        ? [account({ provider: "auth0", id: "apart", email, verified: false, createdAt: at(2020) })]
        : []),
      ...(name === "untrusted"
        ? [account({ provider: "okta", id: "apart", email, createdAt: at(2020) })]
        : []),
      ...(name === "trio"
        ? [
            account({
              provider: "email",
              id: "trio-email",
              email,
              createdAt: at(2023),
              userMetadata: { locale: "email", city: "Lyon" },
            }),
          ]
        : []),
    ];
  });
}

async function tenant(): Promise<ManagementApiServer> {
  return startDemoTenant({ state: TenantState.fromSeed(await seedWith(tenantUsers())) });
}

function linkRequests(server: ManagementApiServer) {
  return server.requestLog.entries().filter((entry) => entry.endpointKey === "link-identity");
}

/**
 * Applies the export to a fresh tenant killed `links` times, then let finish; and to another,
 * uninterrupted. Before each start, `arm` sets the tenant's faults and returns when to kill.
 */
async function killedAndUninterrupted(
  arm: (server: ManagementApiServer, start: number) => () => boolean,
) {
  const exportFile = await writeExportFile(tenantUsers());
  const argsFor = (out: string) => ["--apply", "--source", exportFile, "--out", out];
  const uninterrupted = await tenant();
  const clean = await runBackfillCli(
    argsFor(await outDir()),
    await backfillEnvironment(uninterrupted),
  );
  expect(clean.exitCode).toBe(0);

  const interrupted = await tenant();
  const env = await backfillEnvironment(interrupted);
  const args = [...argsFor(await outDir()), "--concurrency", "1"];
  for (let start = 1; start <= links; start++) {
    interrupted.faults.clear();
    const killNow = arm(interrupted, start);
    const running = startBackfill(args, env);
    while (!killNow()) await sleep(10);
    running.child.kill("SIGKILL");
    expect((await running.done).signal).toBe("SIGKILL");
  }
  interrupted.faults.clear();
  const resumed = await runBackfillCli(args, env);
  expect(resumed.exitCode).toBe(0);
  return { uninterrupted, interrupted };
}

function expectSameFinalState(
  uninterrupted: ManagementApiServer,
  interrupted: ManagementApiServer,
): void {
  expect(
    stateDifferences(
      finalState(uninterrupted.state.listUsers(), uninterrupted.domain),
      finalState(interrupted.state.listUsers(), interrupted.domain),
    ),
  ).toEqual([]);
  for (const name of groups) {
    const primary = interrupted.state.getUser(`google-oauth2|${name}-google`);
    expect(primary?.identities.map((identity) => identity.user_id)).toEqual([
      `${name}-google`,
      `${name}-apple`,
      ...(name === "trio" ? ["trio-email"] : []),
    ]);
    // The marker a finished link leaves, so the person's next login costs no lookup.
    expect(
      hasValidMarker(
        primary?.app_metadata,
        markerEmailHash(`${name}@example.com`, interrupted.domain),
      ),
    ).toBe(true);
  }
}

it("killed-right-after-each-link-then-resumed-leaves-what-an-uninterrupted-run-leaves", async () => {
  // Each link is made, then its answer lost; the check that follows (a read of the primary)
  // is held, and the CLI is killed while it waits: the link is in the tenant, and nothing
  // after it (the journal's "done", the marker) is.
  const { uninterrupted, interrupted } = await killedAndUninterrupted((server, start) => {
    server.faults.inject("link-identity", { kind: "lose-response" }, { times: 1 });
    server.faults.inject("get-user", { kind: "latency", ms: 5_000 });
    return () =>
      linkRequests(server).filter((entry) => entry.fault === "lose-response").length >= start;
  });
  // Every link was sent once (each made, its answer lost), none sent again on resuming.
  expect(linkRequests(interrupted).map((entry) => entry.fault)).toEqual(
    Array(links).fill("lose-response"),
  );
  expectSameFinalState(uninterrupted, interrupted);
}, 180_000);

it("killed-after-each-carry-before-its-link-then-resumed-leaves-what-an-uninterrupted-run-leaves", async () => {
  // Each start lets the link a previous start was killed before through, then the next link
  // request is refused unanswered, with no effect, and the CLI is killed before it tries again:
  // the carry (metadata and audit records) is on the primary, the link is not made.
  const { uninterrupted, interrupted } = await killedAndUninterrupted((server, start) => {
    if (start > 1) server.faults.inject("link-identity", { kind: "latency", ms: 1 }, { times: 1 });
    server.faults.inject("link-identity", { kind: "reset" }, { times: 7 });
    const refused = () => linkRequests(server).filter((entry) => entry.fault === "reset").length;
    const before = refused();
    return () => refused() > before;
  });
  // Every link was made once, none sent again after it was made.
  const answered = linkRequests(interrupted).filter((entry) => entry.fault !== "reset");
  expect(answered.map((entry) => entry.status)).toEqual(Array(links).fill(201));
  expectSameFinalState(uninterrupted, interrupted);
}, 180_000);
