import { isTenantDomain } from "../linking/config";

export type SettingProblemCode = "setting_missing" | "setting_malformed";

/** Names the setting; never carries its value, which may be a secret pasted in the wrong place. */
export interface SettingProblem {
  code: SettingProblemCode;
  name: string;
  message: string;
}

/** The machine-to-machine application an administrative command-line tool acts as. */
export interface AdminSettings {
  /** `my-tenant.eu.auth0.com`, or `localhost:PORT` for the local tenant. */
  domain: string;
  clientId: string;
  clientSecret: string;
}

export type AdminSettingsResult =
  | { ok: true; settings: AdminSettings }
  | { ok: false; problems: SettingProblem[] };

type Environment = Record<string, string | undefined>;

function missing(name: string, value: string | undefined): SettingProblem | undefined {
  if (value === undefined) return { code: "setting_missing", name, message: `${name} is not set` };
  if (value.trim() === "") return { code: "setting_missing", name, message: `${name} is empty` };
  return undefined;
}

function domainProblem(value: string): SettingProblem | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())) {
    return {
      code: "setting_malformed",
      name: "AUTH0_DOMAIN",
      message: "AUTH0_DOMAIN must be a host name without a scheme: drop the leading https://",
    };
  }
  if (!isTenantDomain(value.trim())) {
    return {
      code: "setting_malformed",
      name: "AUTH0_DOMAIN",
      message:
        "AUTH0_DOMAIN must be a host name such as my-tenant.eu.auth0.com (optionally :port), without a path",
    };
  }
  return undefined;
}

/**
 * Reads AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, and names every one that is
 * missing or malformed at once, so that a tool can refuse to start before its first request.
 */
export function readAdminSettings(env: Environment): AdminSettingsResult {
  const problems: SettingProblem[] = [];
  for (const name of ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET"]) {
    const value = env[name];
    const problem =
      missing(name, value) ?? (name === "AUTH0_DOMAIN" ? domainProblem(value ?? "") : undefined);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      domain: (env.AUTH0_DOMAIN ?? "").trim(),
      clientId: (env.AUTH0_CLIENT_ID ?? "").trim(),
      clientSecret: (env.AUTH0_CLIENT_SECRET ?? "").trim(),
    },
  };
}

/** One line per problem, `[code] message`, for a tool's standard error. */
export function formatSettingProblems(problems: readonly SettingProblem[]): string {
  return problems.map((problem) => `[${problem.code}] ${problem.message}`).join("\n");
}
