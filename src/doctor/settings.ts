import { withActionKeywordDefaults } from "../action-settings";
import { type AdminSettings, readAdminSettings, type SettingProblem } from "../admin/settings";
import { linkingActionName } from "../deploy/deploy-settings";
import { readTenantYamlDeployment } from "../deploy/tenant-yaml-deployment";
import { type LinkingConfig, readConfig } from "../linking/config";

export interface DoctorSettings {
  /** The administrator's application: reads clients, connections, Actions. */
  admin: AdminSettings;
  /** The application the Action calls the Management API with (its secrets at login). */
  action: AdminSettings;
  /** One application serves both: LINKING_CLIENT_ID was not given. */
  oneApplication: boolean;
  /** The Action's configuration, as it will read its secrets. */
  config: LinkingConfig;
  /** Secret names the deploy gives the Action (tenant.yaml). */
  secretNames: string[];
}

export type DoctorSettingsResult =
  | { ok: true; settings: DoctorSettings }
  | { ok: false; problems: SettingProblem[] };

type Environment = Record<string, string | undefined>;

/**
 * The environment `npm run deploy` and `npm run backfill` already use: AUTH0_* for the
 * administrator's application, and the keywords the deploy turns into the Action's secrets.
 * Without LINKING_CLIENT_ID the administrator's application stands for the Action's.
 */
export function readDoctorSettings(env: Environment, tenantYamlPath: string): DoctorSettingsResult {
  const admin = readAdminSettings(env);
  if (!admin.ok) return admin;
  const oneApplication = (env.LINKING_CLIENT_ID ?? "").trim() === "";
  const keywords = withActionKeywordDefaults({
    ...env,
    LINKING_AUTH0_DOMAIN: env.LINKING_AUTH0_DOMAIN || admin.settings.domain,
    ...(oneApplication
      ? {
          LINKING_CLIENT_ID: admin.settings.clientId,
          LINKING_CLIENT_SECRET: admin.settings.clientSecret,
        }
      : {}),
  });
  const deployment = readTenantYamlDeployment(tenantYamlPath);
  const action = deployment.actions.find(({ name }) => name === linkingActionName);
  if (!action) {
    return {
      ok: false,
      problems: [
        {
          code: "setting_malformed",
          name: "tenant.yaml",
          message: `tenant.yaml has no action named ${linkingActionName}`,
        },
      ],
    };
  }
  const secrets = Object.fromEntries(
    Object.entries(action.secretKeywords).map(([secret, keyword]) => [secret, keywords[keyword]]),
  );
  const read = readConfig(secrets);
  if (!read.ok) {
    const keyword = action.secretKeywords[read.error.secret] ?? read.error.secret;
    return {
      ok: false,
      problems: [
        { code: "setting_malformed", name: keyword, message: `${keyword}: ${read.error.message}` },
      ],
    };
  }
  return {
    ok: true,
    settings: {
      admin: admin.settings,
      action: {
        domain: read.config.domain,
        clientId: read.config.clientId,
        clientSecret: read.config.clientSecret,
      },
      oneApplication,
      config: read.config,
      secretNames: Object.keys(action.secretKeywords),
    },
  };
}
