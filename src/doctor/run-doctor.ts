import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { formatSettingProblems } from "../admin/settings";
import { projectRoot, tenantYamlPath } from "../project-root";
import { checkBindings } from "./checks/bindings";
import { checkConnections } from "./checks/connections";
import { checkDeployedAction } from "./checks/deployed-action";
import { checkPromptClient } from "./checks/prompt-client";
import { checkRateLimit } from "./checks/rate-limit";
import { checkActionScopes } from "./checks/scopes";
import { doctorContext } from "./context";
import { type CheckRow, exitCodeOf } from "./report";
import { readDoctorSettings } from "./settings";
import { checkToken } from "./token";

export type DoctorOutcome =
  | { kind: "settings_invalid"; message: string }
  | { kind: "checked"; rows: CheckRow[]; exitCode: number };

async function localBundle(): Promise<string | undefined> {
  try {
    return await readFile(join(projectRoot, "actions/link-accounts/code.js"), "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Reads a real tenant with the deploy's environment and reports, check by check, whether the
 * Action can work there. It writes nothing: every request is a GET, or the token request.
 */
export async function runDoctor(env: Record<string, string | undefined>): Promise<DoctorOutcome> {
  const read = readDoctorSettings(env, tenantYamlPath);
  if (!read.ok) return { kind: "settings_invalid", message: formatSettingProblems(read.problems) };
  const { settings } = read;

  const admin = await checkToken("administrator", settings.admin, {
    domain: "AUTH0_DOMAIN",
    credentials: "AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET",
  });
  const action = settings.oneApplication
    ? { row: undefined, token: admin.token }
    : await checkToken("Action", settings.action, {
        domain: "LINKING_AUTH0_DOMAIN",
        credentials: "LINKING_CLIENT_ID and LINKING_CLIENT_SECRET",
      });
  const context = doctorContext(
    settings,
    { admin: admin.token, action: action.token },
    await localBundle(),
  );
  const rows: CheckRow[] = [admin.row, ...(action.row ? [action.row] : [])];
  rows.push(...(await checkActionScopes(context)));
  rows.push(...(await checkConnections(context)));
  rows.push(...(await checkPromptClient(context)));
  rows.push(...(await checkDeployedAction(context)));
  rows.push(...(await checkBindings(context)));
  rows.push(...checkRateLimit(context));
  return { kind: "checked", rows, exitCode: exitCodeOf(rows) };
}
