import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/project-root";
import { email, localTenant, loginOk, logins, logLine } from "../integration/local-tenant-fixture";

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "release-"));
  await promisify(execFile)(process.execPath, ["scripts/package-release.mjs", "--out", out], {
    cwd: projectRoot,
  });
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("the release files (npm run package-release)", () => {
  it("lists-a-checksum-that-matches-each-file", async () => {
    const sums = (await readFile(join(out, "SHA256SUMS"), "utf8")).trim().split("\n");
    expect(sums.map((line) => line.split(/\s+/)[1])).toEqual([
      "code.js",
      "code.js.map",
      "tenant.yaml",
    ]);
    for (const line of sums) {
      const [digest, name] = line.split(/\s+/) as [string, string];
      const actual = createHash("sha256")
        .update(await readFile(join(out, name)))
        .digest("hex");
      expect(actual).toBe(digest);
    }
  });

  it("deploys-the-bundle-beside-it-with-the-declared-dependencies", async () => {
    const released = load(await readFile(join(out, "tenant.yaml"), "utf8")) as {
      actions: { code: string; dependencies: unknown }[];
    };
    const repository = load(await readFile(join(projectRoot, "tenant.yaml"), "utf8")) as {
      actions: { dependencies: unknown }[];
    };
    expect(released.actions[0]?.code).toBe("./code.js");
    expect(released.actions[0]?.dependencies).toEqual(repository.actions[0]?.dependencies);
  });

  it("links-a-google-login-into-the-older-password-account-when-run-as-auth0-runs-it", async () => {
    const tenant = await localTenant({ tenantYamlPath: join(out, "tenant.yaml") });
    const first = await loginOk(tenant, logins.password());
    const google = await loginOk(tenant, logins.google());

    expect(logLine(google)).toMatchObject({ outcome: "linked", links: 1 });
    expect(google.sessionUserId).toBe(first.sessionUserId);
    expect(tenant.state.usersByEmail(email)).toHaveLength(1);
  });
});
