import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { privateFolderOf } from "../../src/backfill/private-folder";
import { hashEmail } from "../../src/linking/email-hash";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { linkingAction, startDemoTenant } from "../local-tenant/management-api/harness";
import {
  backfillEnvironment,
  type CliRun,
  outDir,
  runBackfillCli,
  startBackfill,
} from "./support/backfill-cli";
import {
  account,
  duplicateUsers,
  expectLinkableGroupsLinked,
  identitiesOf,
  seedWith,
} from "./support/duplicates-tenant";
import { filesUnder } from "./support/files-under";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// An enterprise user id that embeds the person's NameID, linked as a secondary, whose metadata
// names another address of hers.
const carolDb = "auth0|carol-db";
const carolOkta = "okta|carol.doe@corp.example";
const carol = [
  account({
    provider: "auth0",
    id: "carol-db",
    email: "carol@example.com",
    createdAt: "2020-01-01T00:00:00.000Z",
  }),
  account({
    provider: "okta",
    id: "carol.doe@corp.example",
    email: "carol@example.com",
    createdAt: "2022-01-01T00:00:00.000Z",
    userMetadata: { backup_email: "Carol.Backup@example.org" },
  }),
];

/** Every address anywhere in the tenant: root addresses, ids, metadata, profiles. */
function addressesIn(value: unknown): string[] {
  return [...new Set(JSON.stringify(value).match(/[^\s|@"\\]+@[^\s|@"\\]+/g) ?? [])];
}

async function expectNoAddress(out: string, runs: CliRun[], addresses: readonly string[]) {
  const written = new Map([
    ...(await filesUnder(out)),
    ...runs.map((run, index) => [`run ${index}'s output`, run.stdout + run.stderr] as const),
  ]);
  for (const [file, text] of written) {
    for (const address of addresses) {
      expect(text.toLowerCase(), `${address} in ${file}`).not.toContain(address.toLowerCase());
    }
  }
}

async function journalLines(path: string): Promise<number> {
  try {
    return (await readFile(path, "utf8")).split("\n").length - 1;
  } catch {
    return 0;
  }
}

it("no-address-reaches-out-after-a-dry-run-an-apply-stopped-by-kill-9-and-its-resume", async () => {
  const users = [...duplicateUsers(), ...carol];
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const addresses = addressesIn(users);
  expect(addresses).toEqual(
    expect.arrayContaining([
      "carol.doe@corp.example",
      "Carol.Backup@example.org",
      "Zoe@Example.com",
    ]),
  );
  const env = await backfillEnvironment(server, {
    TRUSTED_CONNECTIONS: "Username-Password-Authentication,google-oauth2,apple,email,acme-okta",
  });
  const dryRun = await outDir();
  const applied = await outDir();
  const args = ["--apply", "--source", "export", "--out", applied, "--concurrency", "1"];

  const planned = await runBackfillCli(["--source", "export", "--out", dryRun], env);
  expect(planned.exitCode).toBe(0);
  await expectNoAddress(dryRun, [planned], addresses);
  // The plan names Carol's secondary, its address as the Action logs it.
  const hashed = `okta|email:${hashEmail("carol.doe@corp.example", linkingAction.clientSecret)}`;
  expect(await readFile(join(dryRun, "plan.jsonl"), "utf8")).toContain(hashed);
  // A finished run deletes the users file it read.
  expect(await filesUnder(privateFolderOf(dryRun, env)).catch(() => new Map())).toEqual(new Map());

  server.faults.inject("*", { kind: "latency", ms: 150 });
  const killed = startBackfill(args, env);
  while ((await journalLines(join(applied, "journal.jsonl"))) < 8) await sleep(10);
  killed.child.kill("SIGKILL");
  expect((await killed.done).signal).toBe("SIGKILL");
  await expectNoAddress(applied, [], addresses);
  // The users file waits for the resume in the private folder, readable by its owner only.
  const privateDir = privateFolderOf(applied, env);
  expect((await stat(privateDir)).mode & 0o777).toBe(0o700);
  expect(
    [...(await filesUnder(privateDir)).keys()].map((path) => path.slice(privateDir.length)),
  ).toEqual(expect.arrayContaining(["/users-export.json.gz", "/journal.jsonl"]));
  server.faults.clear();

  const resumed = await runBackfillCli(args, env);

  expect(resumed.exitCode).toBe(0);
  expectLinkableGroupsLinked(server.state);
  expect(identitiesOf(server.state, carolDb)).toEqual([carolDb, carolOkta]);
  await expectNoAddress(applied, [resumed], addresses);
  expect(await readFile(join(applied, "journal.jsonl"), "utf8")).toContain(hashed);
  // What an undo needs stays whole in the private journal; the users file is gone.
  const kept = await filesUnder(privateDir);
  expect([...kept.keys()]).toEqual([join(privateDir, "journal.jsonl")]);
  expect(kept.get(join(privateDir, "journal.jsonl"))).toContain(carolOkta);
  expect(kept.get(join(privateDir, "journal.jsonl"))).toContain("Carol.Backup@example.org");
  expect(resumed.stdout).toContain(join(privateDir, "journal.jsonl"));
}, 60_000);
