import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { load } from "js-yaml";
import { expect, it } from "vitest";
import { projectRoot } from "../../src/project-root";

interface TenantYamlAction {
  dependencies: { name: string; version: string }[];
  secrets: { name: string }[];
}

it("the-terraform-example-declares-the-dependencies-tenant-yaml-declares-and-only-its-secrets", async () => {
  const terraform = await readFile(join(projectRoot, "examples/terraform/main.tf"), "utf8");
  const [action] = (
    load(await readFile(join(projectRoot, "tenant.yaml"), "utf8")) as {
      actions: TenantYamlAction[];
    }
  ).actions as [TenantYamlAction];

  const blocks = (kind: string) =>
    [...terraform.matchAll(new RegExp(`${kind} \\{([^}]*)\\}`, "g"))].map((m) => m[1] as string);
  const field = (block: string, name: string) =>
    block.match(new RegExp(`${name}\\s*=\\s*"([^"]+)"`))?.[1];

  expect(
    blocks("dependencies").map((block) => ({
      name: field(block, "name"),
      version: field(block, "version"),
    })),
  ).toEqual(action.dependencies);
  const declared = new Set(action.secrets.map(({ name }) => name));
  const secrets = blocks("secrets").map((block) => field(block, "name"));
  expect(secrets.length).toBeGreaterThan(0);
  for (const name of secrets) expect(declared).toContain(name);
});
