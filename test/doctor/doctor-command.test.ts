import { beforeAll, describe, expect, it } from "vitest";
import type { LocalTenant } from "../../src/local-tenant/local-tenant";
import { runProjectScript } from "../support/project-script";
import { doctorEnvironment, doctorTenant } from "./support";

// The child gets no NODE_EXTRA_CA_CERTS unless a test gives it: the local tenant's authority is
// trusted only by this process.
const baseEnvironment = { PATH: process.env.PATH };

describe("npm run doctor, as a command", () => {
  let tenant: LocalTenant;
  beforeAll(async () => {
    tenant = await doctorTenant();
  });

  it("prints-its-usage-and-the-scopes-it-needs-for-help", async () => {
    const run = await runProjectScript("doctor", ["--help"], baseEnvironment);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("read:clients");
    expect(run.stdout).toContain("read:actions");
  });

  it("exits-2-naming-an-unknown-argument", async () => {
    const run = await runProjectScript("doctor", ["--jsn"], baseEnvironment);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--jsn");
  });

  it("exits-2-naming-a-missing-setting-before-any-request", async () => {
    const before = tenant.api.requestLog.entries().length;
    const run = await runProjectScript("doctor", [], {
      ...baseEnvironment,
      ...doctorEnvironment(tenant),
      AUTH0_CLIENT_SECRET: undefined,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("[setting_missing] AUTH0_CLIENT_SECRET is not set");
    expect(tenant.api.requestLog.entries().length).toBe(before);
  });

  it("names-a-tls-failure-when-the-tenant-certificate-is-not-trusted", async () => {
    const run = await runProjectScript("doctor", ["--json"], {
      ...baseEnvironment,
      ...doctorEnvironment(tenant),
    });
    expect(run.exitCode).toBe(1);
    const { rows } = JSON.parse(run.stdout) as {
      rows: { check: string; status: string; detail: string }[];
    };
    expect(rows[0]).toMatchObject({ check: "token (administrator)", status: "fail" });
    expect(rows[0]?.detail).toContain("TLS");
  });

  it("names-a-domain-that-does-not-resolve", async () => {
    const run = await runProjectScript("doctor", [], {
      ...baseEnvironment,
      ...doctorEnvironment(tenant),
      AUTH0_DOMAIN: "no-such-tenant.invalid",
      LINKING_AUTH0_DOMAIN: "no-such-tenant.invalid",
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("no-such-tenant.invalid: the name does not resolve");
    expect(run.stdout).toMatch(/fix: check AUTH0_DOMAIN/);
  });
});
