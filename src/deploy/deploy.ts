import { tenantYamlPath as defaultTenantYamlPath, projectRoot } from "../project-root";
import { runA0deployImport } from "./a0deploy-import";
import { redactor, runChild } from "./child-process";
import { bindingsRemoved, type DeployPlan, describePlan, planDeploy } from "./deploy-plan";
import { readDeploySettings, type SettingProblem } from "./deploy-settings";
import { readTenantDeployment } from "./tenant-deployment-reader";
import { readTenantYamlDeployment } from "./tenant-yaml-deployment";

export interface DeployOptions {
  /** Where the credentials and keyword values come from; also the child processes' environment. */
  env: Record<string, string | undefined>;
  tenantYamlPath?: string;
  /** Print what would change and change nothing. */
  preview?: boolean;
  /** Deploy even when it drops bindings the tenant has and tenant.yaml does not list. */
  allowUnbinding?: boolean;
  /** One line of the deploy's own report. */
  log: (line: string) => void;
  /** The child processes' output, secrets redacted. */
  output: (chunk: string) => void;
}

export type DeployErrorCode =
  | "settings_invalid"
  | "build_failed"
  | "token_request_failed"
  | "management_api_failed"
  | "unreachable"
  | "would_unbind"
  | "a0deploy_failed";

export type DeployOutcome =
  | { ok: true; plan: DeployPlan; applied: boolean }
  | {
      ok: false;
      code: DeployErrorCode;
      message: string;
      problems?: SettingProblem[];
      plan?: DeployPlan;
    };

/**
 * `npm run deploy`: check the settings, build, read what the tenant has bound, refuse to unbind
 * what tenant.yaml does not list, then `a0deploy import` the Action and its bindings.
 */
export async function runDeploy(options: DeployOptions): Promise<DeployOutcome> {
  const tenantYamlPath = options.tenantYamlPath ?? defaultTenantYamlPath;
  const wanted = readTenantYamlDeployment(tenantYamlPath);
  const read = readDeploySettings(options.env, wanted);
  if (!read.ok) {
    return {
      ok: false,
      code: "settings_invalid",
      message: `Missing or malformed settings: ${read.problems.map(({ name }) => name).join(", ")}`,
      problems: read.problems,
    };
  }
  const { settings } = read;
  const secretKeywordValues = Object.entries(settings.keywords)
    .filter(([name]) => name.includes("SECRET"))
    .map(([, value]) => value);
  const redact = redactor([settings.clientSecret, ...secretKeywordValues]);
  const output = (chunk: string) => options.output(redact(chunk));

  const build = await runChild(process.execPath, ["scripts/build.mjs"], {
    cwd: projectRoot,
    env: options.env,
    output,
  });
  if (build.exitCode !== 0) {
    return { ok: false, code: "build_failed", message: "npm run build failed" };
  }

  const current = await readTenantDeployment(settings, Object.keys(wanted.bindings));
  if (!current.ok) return { ok: false, ...current.error };
  const plan = planDeploy(wanted, current.deployment);
  for (const line of describePlan(plan)) options.log(line);

  const removed = bindingsRemoved(plan);
  if (removed.length > 0 && !options.allowUnbinding) {
    const names = removed.map(({ triggerId, actionName }) => `${actionName} (${triggerId})`);
    return {
      ok: false,
      code: "would_unbind",
      message: `The deploy would unbind ${names.join(", ")}, which tenant.yaml does not list. Add them to tenant.yaml, or pass --allow-unbinding to drop them.`,
      plan,
    };
  }
  if (options.preview) return { ok: true, plan, applied: false };

  const imported = await runA0deployImport({ settings, tenantYamlPath, env: options.env, output });
  if (!imported.ok) return { ok: false, ...imported.error, plan };
  return { ok: true, plan, applied: true };
}
