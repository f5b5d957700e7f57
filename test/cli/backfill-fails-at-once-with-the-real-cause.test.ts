import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { backfillEnvironment, outDir } from "../backfill/support/backfill-cli";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { runProjectScript } from "../support/project-script";
import { runOnTerminal } from "../support/terminal-script";

// With retries, a lost answer waits 0.5 + 1 + 2 + 4 + 8 + 16 s (about 47 s with the token's
// own retries); a cause that no retry changes must come back well within that.
const atOnceMs = 8_000;

async function timed(args: string[], env: Record<string, string | undefined>) {
  const started = Date.now();
  const run = await runProjectScript("backfill", args, env);
  return { ...run, ms: Date.now() - started };
}

it("a-domain-that-does-not-resolve-fails-at-once-and-blames-no-scope", async () => {
  const run = await timed(["--out", await outDir()], {
    PATH: process.env.PATH,
    AUTH0_DOMAIN: "tenant.invalid",
    AUTH0_CLIENT_ID: "client-id",
    AUTH0_CLIENT_SECRET: "client-secret",
  });
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toContain("tenant.invalid: the name does not resolve");
  expect(run.stderr).not.toContain("read:connections");
  expect(run.ms).toBeLessThan(atOnceMs);
});

it("a-certificate-this-machine-does-not-trust-fails-at-once-as-tls", async () => {
  const server = await startDemoTenant();
  const env = await backfillEnvironment(server, { NODE_EXTRA_CA_CERTS: undefined });
  const run = await timed(["--out", await outDir()], env);
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toContain("the TLS handshake failed");
  expect(run.ms).toBeLessThan(atOnceMs);
});

it("a-wrong-secret-fails-at-once-with-401-and-one-token-request", async () => {
  const server = await startDemoTenant();
  const env = await backfillEnvironment(server, { AUTH0_CLIENT_SECRET: "not-the-secret" });
  const run = await timed(["--out", await outDir()], env);
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toContain("401: the client secret does not match the client id");
  expect(run.stderr).not.toContain("read:connections");
  expect(server.requestLog.entries().map((entry) => entry.endpointKey)).toEqual(["token"]);
  expect(run.ms).toBeLessThan(atOnceMs);
});

it("a-source-file-that-holds-no-account-exits-1-and-names-it", async () => {
  const server = await startDemoTenant();
  const out = await outDir();
  const file = join(out, "empty.json");
  await writeFile(file, "not json\n");
  const run = await runProjectScript(
    "backfill",
    ["--source", file, "--out", out],
    await backfillEnvironment(server),
  );
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toContain(`${file} holds no account`);
});

it("apply-without-a-terminal-or-yes-refuses-with-2-before-any-request", async () => {
  const server = await startDemoTenant();
  const run = await runProjectScript(
    "backfill",
    ["--apply", "--out", await outDir()],
    await backfillEnvironment(server),
  );
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain("pass --yes");
  expect(server.requestLog.entries()).toEqual([]);
});

it("apply-on-a-terminal-names-the-tenant-and-changes-nothing-unless-confirmed", async () => {
  const server = await startDemoTenant();
  const before = server.state.snapshot();
  const run = await runOnTerminal(
    "scripts/backfill.ts",
    ["--apply", "--out", await outDir()],
    await backfillEnvironment(server),
    { question: "Link them?", typed: "n" },
  );
  expect(run.stdout).toMatch(
    new RegExp(
      `--apply will link [1-9][0-9]* account\\(s\\) into [1-9][0-9]* primary user\\(s\\) on the tenant ${server.domain}`,
    ),
  );
  expect(run.stdout).toContain("not confirmed: nothing was changed");
  expect(run.exitCode).toBe(1);
  expect(server.state.snapshot()).toEqual(before);
});
