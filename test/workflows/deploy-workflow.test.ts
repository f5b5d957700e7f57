import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { readTenantYamlDeployment } from "../../src/deploy/tenant-yaml-deployment";
import { projectRoot } from "../../src/project-root";

interface Job {
  env?: Record<string, string>;
}

async function deployJob(): Promise<Job> {
  const text = await readFile(join(projectRoot, ".github/workflows/deploy-tenant.yml"), "utf8");
  const { jobs } = load(text) as { jobs: Record<string, Job> };
  return jobs.deploy as Job;
}

const deploySettings = [
  "AUTH0_DOMAIN",
  "AUTH0_CLIENT_ID",
  "AUTH0_CLIENT_SECRET",
  ...readTenantYamlDeployment(join(projectRoot, "tenant.yaml")).keywords,
];
const isCredential = (name: string) => /SECRET|CLIENT_ID|DOMAIN/.test(name);

describe(".github/workflows/deploy-tenant.yml", () => {
  it.each(deploySettings)("passes %s to the deploy", async (name) => {
    const { env } = await deployJob();
    const source = isCredential(name) ? "secrets" : "vars";
    expect(env?.[name]).toBe(`\${{ ${source}.${name} }}`);
  });

  it.each(deploySettings)("the README's deploy table names %s", async (name) => {
    const readme = await readFile(join(projectRoot, "README.md"), "utf8");
    const deploySection = readme.slice(readme.indexOf("## Deploy"));
    expect(deploySection).toContain(`\`${name}\``);
  });

  it("passes nothing the deploy does not read", async () => {
    const { env } = await deployJob();
    expect(Object.keys(env ?? {}).sort()).toEqual([...deploySettings].sort());
  });
});
