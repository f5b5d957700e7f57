import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  keywordMappingsFromEnv,
  replaceKeywords,
} from "../../../src/local-tenant/runtime/keyword-replace";
import { readActionFromTenantYaml } from "../../../src/local-tenant/runtime/tenant-action";

const tenantYaml = `
actions:
  - name: unrelated
    code: ./actions/unrelated/code.js
    supported_triggers: [{ id: post-login, version: v3 }]
  - name: link-accounts
    code: ./actions/link-accounts/code.js
    runtime: node22
    dependencies:
      - name: auth0
        version: 7.1.0
    secrets:
      - name: AUTH0_DOMAIN
        value: '##AUTH0_DOMAIN##'
      - name: TRUSTED_CONNECTIONS
        value: @@TRUSTED_CONNECTIONS@@
    supported_triggers: [{ id: post-login, version: v3 }]
    deployed: true
triggers:
  post-login:
    - action_name: link-accounts
      display_name: Link accounts
`;

function tenantFolder(code: string): string {
  const folder = mkdtempSync(join(tmpdir(), "tenant-action-"));
  mkdirSync(join(folder, "actions", "link-accounts"), { recursive: true });
  writeFileSync(join(folder, "tenant.yaml"), tenantYaml);
  writeFileSync(join(folder, "actions", "link-accounts", "code.js"), code);
  return folder;
}

describe("readActionFromTenantYaml", () => {
  it("reads-the-action-bound-to-post-login-with-keywords-replaced-in-yaml-and-code", () => {
    const folder = tenantFolder(`const domain = "##AUTH0_DOMAIN##";`);
    const action = readActionFromTenantYaml(join(folder, "tenant.yaml"), {
      AUTH0_DOMAIN: "localhost:8443",
      AUTH0_KEYWORD_REPLACE_MAPPINGS: JSON.stringify({ TRUSTED_CONNECTIONS: "google-oauth2" }),
    });
    expect(action).toEqual({
      name: "link-accounts",
      code: `const domain = "localhost:8443";`,
      filename: join(folder, "actions", "link-accounts", "code.js"),
      dependencies: [{ name: "auth0", version: "7.1.0" }],
      secrets: { AUTH0_DOMAIN: "localhost:8443", TRUSTED_CONNECTIONS: "google-oauth2" },
      runtime: "node22",
    });
  });

  it("refuses-a-tenant-with-no-post-login-binding", () => {
    const folder = mkdtempSync(join(tmpdir(), "tenant-action-"));
    writeFileSync(join(folder, "tenant.yaml"), "actions: []\n");
    expect(() => readActionFromTenantYaml(join(folder, "tenant.yaml"), {})).toThrow(
      expect.objectContaining({ code: "no_post_login_binding" }),
    );
  });
});

describe("deploy CLI keyword replacement", () => {
  it("replaces-hash-markers-literally-and-at-markers-with-json-eating-their-quotes", () => {
    const mappings = { NAME: "a$&b", LIST: ["x", "y"] };
    expect(replaceKeywords(`n: ##NAME##\nl: "@@LIST@@"\nm: @@LIST@@`, mappings)).toBe(
      `n: a$&b\nl: ["x","y"]\nm: ["x","y"]`,
    );
  });

  it("lets-an-environment-variable-win-over-the-configured-mapping", () => {
    const mappings = keywordMappingsFromEnv({
      AUTH0_KEYWORD_REPLACE_MAPPINGS: JSON.stringify({ MODE: "configured", LIST: [1] }),
      MODE: "from-env",
    });
    expect(mappings).toMatchObject({ MODE: "from-env", LIST: [1] });
  });
});
