import { expect, it } from "vitest";
import { formatSettingProblems, readAdminSettings } from "../../src/admin";

it("names-every-missing-or-malformed-setting-at-once-without-its-value", () => {
  const read = readAdminSettings({
    AUTH0_DOMAIN: "https://tenant.eu.auth0.com/secret-path",
    AUTH0_CLIENT_ID: "  ",
  });
  expect(read.ok).toBe(false);
  if (read.ok) return;
  expect(read.problems.map(({ code, name }) => `${code} ${name}`)).toEqual([
    "setting_malformed AUTH0_DOMAIN",
    "setting_missing AUTH0_CLIENT_ID",
    "setting_missing AUTH0_CLIENT_SECRET",
  ]);
  expect(formatSettingProblems(read.problems)).not.toContain("secret-path");
});

it("rejects-a-domain-with-a-path", () => {
  const read = readAdminSettings({
    AUTH0_DOMAIN: "tenant.eu.auth0.com/api",
    AUTH0_CLIENT_ID: "id",
    AUTH0_CLIENT_SECRET: "secret",
  });
  expect(read.ok ? [] : read.problems.map((problem) => problem.name)).toEqual(["AUTH0_DOMAIN"]);
});

it("accepts-a-tenant-or-a-local-tenant-and-trims-the-values", () => {
  for (const domain of ["my-tenant.eu.auth0.com", "localhost:4431"]) {
    expect(
      readAdminSettings({
        AUTH0_DOMAIN: ` ${domain} `,
        AUTH0_CLIENT_ID: "id ",
        AUTH0_CLIENT_SECRET: "secret",
      }),
    ).toEqual({ ok: true, settings: { domain, clientId: "id", clientSecret: "secret" } });
  }
});
