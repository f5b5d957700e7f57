import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProjectFile } from "../support/project-script";

// Every command's three answers: --help (0), a usage error naming the bad argument (2), and a
// runtime failure with its cause (1). Runtime failures use a `.invalid` domain (RFC 6761: never
// resolves) or a local file or port, so no test reaches any other address.
const invalidTenant = {
  AUTH0_DOMAIN: "tenant.invalid",
  AUTH0_CLIENT_ID: "client-id",
  AUTH0_CLIENT_SECRET: "client-secret",
  LINKING_MODE: "dry-run",
  LINKING_AUTH0_DOMAIN: "tenant.invalid",
  LINKING_CLIENT_ID: "client-id",
  LINKING_CLIENT_SECRET: "client-secret",
};

let busyPort: Server;
beforeAll(async () => {
  busyPort = createServer();
  await new Promise<void>((resolve) => busyPort.listen(0, "127.0.0.1", resolve));
});
afterAll(() => {
  busyPort?.close();
});
const portInUse = () => String((busyPort.address() as { port: number }).port);

interface Command {
  name: string;
  file: string;
  /** Arguments every run of it takes (the backfill benchmark is `bench/main.ts --backfill`). */
  base?: string[];
  runtime?: { args: () => string[]; cause: RegExp };
}

const commands: Command[] = [
  {
    name: "backfill",
    file: "scripts/backfill.ts",
    runtime: { args: () => [], cause: /tenant\.invalid: the name does not resolve/ },
  },
  {
    name: "links",
    file: "scripts/links.ts",
    runtime: { args: () => ["auth0|1"], cause: /the name does not resolve/ },
  },
  {
    name: "unlink",
    file: "scripts/unlink.ts",
    runtime: {
      args: () => ["--primary", "auth0|1", "--secondary", "google-oauth2|1"],
      cause: /the name does not resolve/,
    },
  },
  {
    name: "deploy",
    file: "scripts/deploy.ts",
    runtime: { args: () => [], cause: /ENOTFOUND tenant\.invalid/ },
  },
  {
    name: "doctor",
    file: "scripts/doctor.ts",
    runtime: { args: () => [], cause: /tenant\.invalid: the name does not resolve/ },
  },
  {
    name: "local-tenant",
    file: "scripts/local-tenant.ts",
    runtime: { args: () => ["--port", portInUse()], cause: /is already in use/ },
  },
  {
    name: "start",
    file: "scripts/start.ts",
    runtime: { args: () => ["--scenario", "/no/such/story.json"], cause: /ENOENT/ },
  },
  {
    name: "bench",
    file: "bench/main.ts",
    runtime: { args: () => ["--backfill", "--work-dir", "/dev/null/work"], cause: /ENOTDIR/ },
  },
  { name: "bench --backfill", file: "bench/main.ts", base: ["--backfill"] },
  {
    name: "package-release",
    file: "scripts/package-release.mjs",
    runtime: { args: () => ["--out", "/dev/null/release"], cause: /ENOTDIR/ },
  },
  // Its only runtime failure is a failing security suite, which this test cannot stage.
  { name: "security-report", file: "scripts/security-report.mjs" },
];

const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...invalidTenant };

describe.each(commands)("$name", ({ file, base = [], runtime }) => {
  it("prints its usage for --help and exits 0", async () => {
    const run = await runProjectFile(file, [...base, "--help"], env);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/usage: |npm (run|start)/i);
  });

  it("exits 2 for a usage error and names the bad argument", async () => {
    const run = await runProjectFile(file, [...base, "--no-such-flag"], env);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--no-such-flag");
  });

  if (runtime) {
    it("exits 1 for a runtime failure and names its cause", async () => {
      const run = await runProjectFile(file, runtime.args(), env);
      expect(run.exitCode).toBe(1);
      expect(`${run.stdout}${run.stderr}`).toMatch(runtime.cause);
    });
  }
});
