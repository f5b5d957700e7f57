import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalTenantSummary } from "../../../src/local-tenant/cli/summary";
import { appClientName, loadDemoSeed } from "../../../src/local-tenant/local-tenant";
import { trustCertificateAuthority } from "../../../src/local-tenant/trust";
import { projectRoot } from "../../../src/project-root";
import { CookieClient, formAction } from "../login-side/support/cookie-client";

const tsxCli = join(projectRoot, "node_modules/tsx/dist/cli.mjs");
const appCallback = "http://localhost:3000/callback";

function startCommand(args: string[]): ChildProcess {
  return spawn(process.execPath, [tsxCli, "scripts/local-tenant.ts", ...args], {
    cwd: projectRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stderr })));
}

async function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  for await (const line of lines) return line;
  throw new Error("the command printed nothing");
}

describe("npm run local-tenant", () => {
  let child: ChildProcess;
  let exited: Promise<{ code: number | null; stderr: string }>;
  let summary: LocalTenantSummary;

  let stdoutAfterTheSummary = "";

  beforeAll(async () => {
    child = startCommand(["--json", "--rate-limit", "enterprise"]);
    exited = exitOf(child);
    summary = JSON.parse(await firstLine(child)) as LocalTenantSummary;
    child.stdout?.on("data", (chunk: Buffer) => {
      stdoutAfterTheSummary += chunk.toString();
    });
    trustCertificateAuthority(await readFile(summary.caPath, "utf8"));
  }, 60_000);

  afterAll(async () => {
    child?.kill("SIGINT");
    await exited;
  });

  it("prints-its-origin-its-authority-and-the-seeded-clients-with-their-scopes", () => {
    expect(summary.origin).toMatch(/^https:\/\/localhost:\d+$/);
    expect(summary.rateLimit).toBe("enterprise");
    expect(summary.clients).toContainEqual(
      expect.objectContaining({
        name: "linking-action",
        scope: [
          "read:users",
          "update:users",
          "read:connections",
          "read:connections_options",
          "read:organizations",
          "read:roles",
        ],
      }),
    );
    expect(summary.clients.map(({ name }) => name)).not.toContain(appClientName);
  });

  it("prints-the-seeded-application-its-credentials-and-the-callbacks-it-signs-in-to", async () => {
    const seeded = (await loadDemoSeed({ withUsers: false })).clients.find(
      ({ name }) => name === appClientName,
    );
    expect(summary.applications).toContainEqual({
      name: appClientName,
      client_id: seeded?.client_id,
      client_secret: seeded?.client_secret,
      callbacks: [appCallback],
    });
    const prompt = summary.applications.find(({ name }) => name === "account-linking-prompt");
    expect(prompt?.callbacks).toEqual([`https://${new URL(summary.origin).host}/continue`]);
  });

  it("answers-the-management-api-over-https-with-a-seeded-client-and-the-plans-limits", async () => {
    const client = summary.clients.find(({ name }) => name === "linking-action");
    const token = await fetch(`${summary.origin}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: client?.client_id,
        client_secret: client?.client_secret,
        audience: `${summary.origin}/api/v2/`,
      }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const users = await fetch(`${summary.origin}/api/v2/users-by-email?email=bob@example.com`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(users.status).toBe(200);
    expect(users.headers.get("x-ratelimit-limit")).toBe("50");
    expect(((await users.json()) as { user_id: string }[]).map(({ user_id }) => user_id)).toEqual([
      "auth0|65b2e1d3c4b5a69788796a5c",
    ]);
  });

  it("runs-the-action-in-tenant-yaml-at-logins-linking-alice-and-leaving-unverified-bob-alone", async () => {
    const app = (await loadDemoSeed({ withUsers: false })).clients.find(
      ({ name }) => name === appClientName,
    );
    const authorize = (prompt: string) => {
      const url = new URL("/authorize", summary.origin);
      url.search = new URLSearchParams({
        client_id: app?.client_id ?? "",
        response_type: "code",
        redirect_uri: appCallback,
        scope: "openid email",
        connection: "google-oauth2",
        prompt,
      }).toString();
      return url.toString();
    };
    const signInWithGoogle = async (browser: CookieClient, userId: string, email: string) => {
      const page = await browser.follow(authorize("login"));
      return browser.follow(formAction(page, "google-oauth2"), appCallback, {
        form: { connection: "google-oauth2", user_id: userId, email, email_verified: "true" },
      });
    };
    // The control: Bob's database account never verified its address, so his Google sign-up
    // stays apart. Alice's verified Google account links into her older database account.
    const bob = await signInWithGoogle(new CookieClient(), "bob-google-1", "bob@example.com");
    expect(new URL(bob.location ?? "").searchParams.get("code")).toBeTruthy();
    const alice = await signInWithGoogle(
      new CookieClient(),
      "104857362910473829104",
      "alice@example.com",
    );
    const code = new URL(alice.location ?? "").searchParams.get("code");
    const application = summary.applications.find(({ name }) => name === appClientName);
    const exchange = await fetch(`${summary.origin}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: code ?? "",
        redirect_uri: appCallback,
        client_id: application?.client_id ?? "",
        client_secret: application?.client_secret ?? "",
      }),
    });
    expect(exchange.status).toBe(200);
    expect(((await exchange.json()) as { id_token?: string }).id_token).toBeTruthy();
    const admin = summary.clients.find(({ name }) => name === "linking-action");
    const token = await fetch(`${summary.origin}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: admin?.client_id,
        client_secret: admin?.client_secret,
        audience: `${summary.origin}/api/v2/`,
      }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const lookup = async (email: string) =>
      (await (
        await fetch(`${summary.origin}/api/v2/users-by-email?email=${email}`, {
          headers: { authorization: `Bearer ${access_token}` },
        })
      ).json()) as { user_id: string; identities: { provider: string }[] }[];
    expect((await lookup("alice@example.com")).map(({ user_id }) => user_id)).toEqual([
      "auth0|65a1f0c2d4e5f60718293a4b",
    ]);
    expect((await lookup("bob@example.com")).length).toBe(2);
  });

  it("stops-cleanly-when-interrupted-having-printed-nothing-but-the-summary-to-stdout", async () => {
    child.kill("SIGINT");
    expect((await exited).code).toBe(0);
    expect(stdoutAfterTheSummary).toBe("");
  });
});

describe("npm run local-tenant with bad flags", () => {
  it("names-each-bad-flag-and-starts-nothing", async () => {
    const child = startCommand(["--port", "http", "--rate-limit", "turbo", "--json"]);
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const { code, stderr } = await exitOf(child);
    expect(code).toBe(2);
    expect(stderr).toContain('--port: "http" is not a port number');
    expect(stderr).toContain(
      '--rate-limit: "turbo" is not one of free, essentials, enterprise, off',
    );
    expect(stdout).toBe("");
  }, 30_000);

  it("names-a-seed-file-it-cannot-use", async () => {
    const dir = await mkdtemp(join(tmpdir(), "local-tenant-cli-"));
    const seedPath = join(dir, "bad.json");
    await writeFile(
      seedPath,
      JSON.stringify({
        connections: [{ id: "x", name: "db", strategy: "auth0" }],
        clients: [],
        users: [],
      }),
    );
    const { code, stderr } = await exitOf(startCommand(["--seed", seedPath]));
    expect(code).toBe(2);
    expect(stderr).toContain("--seed: connection db: id x is not con_ + 16 letters or digits");
    expect(stderr).toContain('--seed: no client named "linking-action"');
  }, 30_000);
});
