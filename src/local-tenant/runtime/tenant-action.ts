import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { load } from "js-yaml";
import { keywordMappingsFromEnv, replaceKeywords } from "./keyword-replace";
import type { ActionDependency } from "./load-action";

export const postLoginTrigger = "post-login";

export interface TenantAction {
  name: string;
  code: string;
  filename: string;
  dependencies: ActionDependency[];
  secrets: Record<string, string>;
  runtime: string;
}

interface TenantYamlAction {
  name: string;
  code: string;
  runtime?: string;
  dependencies?: ActionDependency[];
  secrets?: { name: string; value: unknown }[];
}

interface TenantYaml {
  actions?: TenantYamlAction[];
  triggers?: Record<string, { action_name: string }[] | undefined>;
}

export type TenantActionErrorCode = "no_post_login_binding" | "bound_action_not_defined";

export class TenantActionError extends Error {
  constructor(
    readonly code: TenantActionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads the Action bound to post-login from a deploy-CLI `tenant.yaml` as the CLI would deploy it:
 * keywords replaced in the YAML and in the code file, the code path relative to the YAML's folder.
 */
export function readActionFromTenantYaml(
  tenantYamlPath: string,
  env: Record<string, string | undefined>,
): TenantAction {
  const mappings = keywordMappingsFromEnv(env);
  const tenant = (load(replaceKeywords(readFileSync(tenantYamlPath, "utf8"), mappings)) ??
    {}) as TenantYaml;

  const binding = tenant.triggers?.[postLoginTrigger]?.[0];
  if (!binding) {
    throw new TenantActionError(
      "no_post_login_binding",
      `${tenantYamlPath} binds no action to triggers.${postLoginTrigger}`,
    );
  }
  const action = tenant.actions?.find(({ name }) => name === binding.action_name);
  if (!action) {
    throw new TenantActionError(
      "bound_action_not_defined",
      `${tenantYamlPath} binds ${binding.action_name} to ${postLoginTrigger} but defines no such action`,
    );
  }

  const filename = resolve(dirname(tenantYamlPath), action.code);
  return {
    name: action.name,
    code: replaceKeywords(readFileSync(filename, "utf8"), mappings),
    filename,
    dependencies: (action.dependencies ?? []).map(({ name, version }) => ({
      name,
      version: String(version),
    })),
    secrets: Object.fromEntries(
      (action.secrets ?? []).map(({ name, value }) => [name, String(value)]),
    ),
    runtime: action.runtime ?? "node22",
  };
}
