import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runChild } from "./child-process";
import type { DeploySettings } from "./deploy-settings";

/** Only the Action and its bindings; nothing is ever deleted from the tenant. */
export const a0deployConfig = {
  AUTH0_INCLUDED_ONLY: ["actions", "triggers"],
  AUTH0_ALLOW_DELETE: false,
} as const;

export type A0deployResult =
  | { ok: true }
  | { ok: false; error: { code: "a0deploy_failed"; message: string } };

const a0deployBin = join(
  dirname(createRequire(import.meta.url).resolve("auth0-deploy-cli/package.json")),
  "lib/index.js",
);

/**
 * Runs `a0deploy import -c <config> -i <tenant.yaml>` as a child process. Credentials and keyword
 * values travel in its environment, not in the config file; every inherited `AUTH0_*` variable
 * is dropped so none can override the config (the CLI lets the environment win).
 */
export async function runA0deployImport(options: {
  settings: DeploySettings;
  tenantYamlPath: string;
  env: Record<string, string | undefined>;
  output: (chunk: string) => void;
}): Promise<A0deployResult> {
  const configDir = await mkdtemp(join(tmpdir(), "a0deploy-"));
  const configPath = join(configDir, "config.json");
  try {
    await writeFile(configPath, JSON.stringify(a0deployConfig), { mode: 0o600 });
    const { settings } = options;
    const inherited = Object.fromEntries(
      Object.entries(options.env).filter(([name]) => !name.startsWith("AUTH0_")),
    );
    const run = await runChild(
      process.execPath,
      [a0deployBin, "import", "-c", configPath, "-i", options.tenantYamlPath],
      {
        cwd: dirname(options.tenantYamlPath),
        env: {
          ...inherited,
          ...settings.keywords,
          AUTH0_DOMAIN: settings.domain,
          AUTH0_CLIENT_ID: settings.clientId,
          AUTH0_CLIENT_SECRET: settings.clientSecret,
        },
        output: options.output,
      },
    );
    if (run.exitCode === 0) return { ok: true };
    return {
      ok: false,
      error: { code: "a0deploy_failed", message: `a0deploy import exited with ${run.exitCode}` },
    };
  } finally {
    await rm(configDir, { recursive: true, force: true });
  }
}
