import { type AdminSettings, readAdminSettings, type SettingProblem } from "../admin/settings";
import { readConfig } from "../linking/config";
import type { LinkingRules } from "./plan-group";

export interface BackfillSettings {
  admin: AdminSettings;
  /** The tenant's connection facts are read once the settings are known good. */
  rules: Omit<LinkingRules, "databaseKinds">;
  /** AUTOMATIC_LINKING as the Action reads it: off, every link must be proven by a sign-in. */
  automaticLinking: boolean;
}

export type BackfillSettingsResult =
  | { ok: true; settings: BackfillSettings }
  | { ok: false; problems: SettingProblem[] };

type Environment = Record<string, string | undefined>;

// readConfig also needs credentials and reports its first problem only; these stand in for the
// credentials, which readAdminSettings checks itself, so that a bad linking setting is named
// alongside a bad credential.
const credentialsForReadConfig = {
  AUTH0_DOMAIN: "tenant.example.com",
  AUTH0_CLIENT_ID: "checked-separately",
  AUTH0_CLIENT_SECRET: "checked-separately",
};

/**
 * The application the backfill acts as, and the Action's own linking settings read by the
 * Action's own code (`readConfig`): the same defaults, the same validation, the same rules.
 */
export function readBackfillSettings(env: Environment): BackfillSettingsResult {
  const admin = readAdminSettings(env);
  const problems: SettingProblem[] = admin.ok ? [] : [...admin.problems];
  const linking = readConfig({
    ...credentialsForReadConfig,
    TRUSTED_CONNECTIONS: env.TRUSTED_CONNECTIONS,
    MERGE_APP_METADATA_KEYS: env.MERGE_APP_METADATA_KEYS,
  });
  if (!linking.ok) {
    problems.push({
      code: "setting_malformed",
      name: linking.error.secret,
      message: linking.error.message,
    });
  }
  const automatic = (env.AUTOMATIC_LINKING ?? "").trim().toLowerCase();
  if (!["", "on", "off"].includes(automatic)) {
    problems.push({
      code: "setting_malformed",
      name: "AUTOMATIC_LINKING",
      message: "AUTOMATIC_LINKING must be one of on, off",
    });
  }
  if (!admin.ok || !linking.ok || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      admin: admin.settings,
      rules: {
        trust: linking.config.trust,
        mergeAppMetadataKeys: linking.config.mergeAppMetadataKeys,
      },
      automaticLinking: automatic !== "off",
    },
  };
}
