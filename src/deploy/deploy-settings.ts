import { requiredActionKeywords, withActionKeywordDefaults } from "../action-settings";
import { isTenantDomain, readConfig } from "../linking/config";
import type { TenantYamlDeployment } from "./tenant-yaml-deployment";

export type SettingProblemCode = "setting_missing" | "setting_malformed";

/** Names the setting; never carries its value. */
export interface SettingProblem {
  code: SettingProblemCode;
  name: string;
  message: string;
}

export interface DeploySettings {
  /** The tenant's domain, `my-tenant.eu.auth0.com` or `localhost:PORT`. */
  domain: string;
  clientId: string;
  clientSecret: string;
  /** The values for tenant.yaml's keywords, optional ones filled with their defaults. */
  keywords: Record<string, string>;
}

export type DeploySettingsResult =
  | { ok: true; settings: DeploySettings }
  | { ok: false; problems: SettingProblem[] };

/** The Action in tenant.yaml whose secrets are this project's linking config. */
export const linkingActionName = "link-accounts-by-email";

const domainSettings = new Set(["AUTH0_DOMAIN", "LINKING_AUTH0_DOMAIN"]);
const credentialSettings = ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET"] as const;

/**
 * Checks everything a deploy needs from the environment before any call is made: the deploying
 * application's credentials, every keyword tenant.yaml uses, and the Action's own reading of
 * the secrets those keywords fill.
 */
export function readDeploySettings(
  env: Record<string, string | undefined>,
  tenantYaml: TenantYamlDeployment,
): DeploySettingsResult {
  const modeProblems = explicitModeProblems(env);
  if (modeProblems.length > 0) return { ok: false, problems: modeProblems };
  const filled = withActionKeywordDefaults(env);
  const keywordNames = [...new Set([...requiredActionKeywords, ...tenantYaml.keywords])];
  const problems = [...credentialSettings, ...keywordNames].flatMap((name) =>
    checkSetting(name, filled[name]),
  );
  if (problems.length > 0) return { ok: false, problems };

  const keywords = Object.fromEntries(keywordNames.map((name) => [name, filled[name] ?? ""]));
  problems.push(...actionConfigProblems(tenantYaml, keywords));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      domain: filled.AUTH0_DOMAIN ?? "",
      clientId: filled.AUTH0_CLIENT_ID ?? "",
      clientSecret: filled.AUTH0_CLIENT_SECRET ?? "",
      keywords,
    },
  };
}

/**
 * A deploy must say what the Action will do: the Action's own default is `link`, and a first deploy
 * that links before the administrator has read what it would do is the unsafe road.
 */
function explicitModeProblems(env: Record<string, string | undefined>): SettingProblem[] {
  if ((env.LINKING_MODE ?? "").trim() !== "") return [];
  return [
    {
      code: "setting_missing",
      name: "LINKING_MODE",
      message:
        "LINKING_MODE is not set: a deploy must say what the Action does. Use dry-run for a first deploy (it logs what it would link and changes nothing), then link once the logs and the backfill's dry run look right",
    },
  ];
}

function checkSetting(name: string, value: string | undefined): SettingProblem[] {
  if (value === undefined) {
    return [{ code: "setting_missing", name, message: `${name} is not set` }];
  }
  // Optional keywords may be empty ("the Action's default"); their defaults are filled above.
  const mayBeEmpty =
    !(credentialSettings as readonly string[]).includes(name) &&
    !(requiredActionKeywords as readonly string[]).includes(name);
  if (value.trim() === "" && !mayBeEmpty) {
    return [{ code: "setting_missing", name, message: `${name} is empty` }];
  }
  if (domainSettings.has(name) && !isTenantDomain(value)) {
    return [
      {
        code: "setting_malformed",
        name,
        message: `${name} must be a host name such as my-tenant.eu.auth0.com (optionally :port), without https:// or a path`,
      },
    ];
  }
  if (value !== value.trim()) {
    return [{ code: "setting_malformed", name, message: `${name} has surrounding whitespace` }];
  }
  return [];
}

/** The Action reads its secrets at every login; a value it would reject stops the deploy now. */
function actionConfigProblems(
  tenantYaml: TenantYamlDeployment,
  keywords: Record<string, string>,
): SettingProblem[] {
  const linkingActions = tenantYaml.actions.filter(({ name }) => name === linkingActionName);
  return linkingActions.flatMap(({ secretKeywords }) => {
    const secrets = Object.fromEntries(
      Object.entries(secretKeywords).map(([secret, keyword]) => [secret, keywords[keyword]]),
    );
    const result = readConfig(secrets);
    if (result.ok) return [];
    const keyword = secretKeywords[result.error.secret] ?? result.error.secret;
    return [
      { code: "setting_malformed", name: keyword, message: `${keyword}: ${result.error.message}` },
    ];
  });
}
