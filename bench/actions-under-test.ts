import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { withActionKeywordDefaults } from "../src/action-settings";
import { localActionKeywords } from "../src/local-tenant/local-tenant";
import type { ManagementApiServer } from "../src/local-tenant/management-api";
import type { ActionDependency } from "../src/local-tenant/runtime/load-action";
import { readActionFromTenantYaml } from "../src/local-tenant/runtime/tenant-action";
import type { TenantSeed } from "../src/local-tenant/tenant-state";
import { projectRoot, tenantYamlPath } from "../src/project-root";

export const actionsUnderTest = ["baseline", "link-accounts"] as const;
export type ActionUnderTest = (typeof actionsUnderTest)[number];

/**
 * Whether a login leaves anything the Action reads at a later login (ours: the marker and the
 * token cache). The baseline reads nothing it wrote, and the synthetic tenant seeds one account
 * per person, so a pass of first logins changes nothing it later meets.
 */
export const keepsStateBetweenLogins: Record<ActionUnderTest, boolean> = {
  baseline: false,
  "link-accounts": true,
};

export const actionLabels: Record<ActionUnderTest, string> = {
  baseline: "baseline (rule template port)",
  "link-accounts": "link-accounts (this project)",
};

export const baselineActionPath = resolve(projectRoot, "bench/baseline/link-users-by-email.js");

export interface DeployableAction {
  code: string;
  filename: string;
  dependencies: ActionDependency[];
  secrets: Record<string, string>;
}

/**
 * The Action as tenant.yaml deploys it (the built bundle), or the baseline with the same `auth0`
 * dependency and the three secrets it shares with ours, both pointed at the local tenant.
 */
export function deployAction(
  which: ActionUnderTest,
  api: ManagementApiServer,
  seed: TenantSeed,
): DeployableAction {
  const keywords = localActionKeywords(api, seed);
  const ours = readActionFromTenantYaml(tenantYamlPath, withActionKeywordDefaults(keywords));
  if (which === "link-accounts") return ours;
  return {
    code: readFileSync(baselineActionPath, "utf8"),
    filename: baselineActionPath,
    dependencies: ours.dependencies,
    secrets: {
      AUTH0_DOMAIN: keywords.LINKING_AUTH0_DOMAIN ?? "",
      AUTH0_CLIENT_ID: keywords.LINKING_CLIENT_ID ?? "",
      AUTH0_CLIENT_SECRET: keywords.LINKING_CLIENT_SECRET ?? "",
    },
  };
}

/** The file each Action ships as its code, for its size and cold load. */
export function actionCodePath(which: ActionUnderTest): string {
  return which === "baseline"
    ? baselineActionPath
    : resolve(projectRoot, "actions/link-accounts/code.js");
}
