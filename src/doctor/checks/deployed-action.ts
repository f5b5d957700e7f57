import { linkingActionName } from "../../deploy/deploy-settings";
import { type DoctorContext, describeAnswer, listIn } from "../context";
import { type CheckRow, fail, pass, warn } from "../report";

interface DeployedAction {
  id?: unknown;
  all_changes_deployed?: unknown;
  code?: unknown;
  secrets?: { name?: unknown }[];
}

/** Found by name: deployed, the same code as this checkout's bundle, every secret present by name. */
export async function checkDeployedAction(context: DoctorContext): Promise<CheckRow[]> {
  if (!context.tokens.admin) return [];
  const answer = await context.get(
    `/api/v2/actions/actions?actionName=${encodeURIComponent(linkingActionName)}`,
    "admin",
  );
  const actions =
    answer.answered && answer.status === 200 ? listIn(answer.body, "actions") : undefined;
  if (!actions) {
    return [
      warn(
        "deployed Action",
        `could not read the tenant's Actions (${describeAnswer(answer)})`,
        "grant read:actions to the administrator's application",
      ),
    ];
  }
  const action = actions[0] as DeployedAction | undefined;
  if (!action) {
    return [
      warn(
        "deployed Action",
        `no Action named ${linkingActionName} yet`,
        "deploy it: LINKING_MODE=dry-run npm run deploy",
      ),
    ];
  }
  const rows: CheckRow[] = [
    action.all_changes_deployed === true
      ? pass("deployed Action", "present and deployed")
      : fail(
          "deployed Action",
          "present, but its latest version is not deployed",
          "deploy it again (npm run deploy), or Deploy it in the Dashboard's Actions library",
        ),
  ];
  if (context.localBundle === undefined) {
    rows.push(
      warn(
        "deployed code",
        "no local bundle to compare with",
        "run npm run build, then the doctor again",
      ),
    );
  } else {
    rows.push(
      action.code === context.localBundle
        ? pass("deployed code", "the same as this checkout's bundle")
        : warn(
            "deployed code",
            "differs from this checkout's bundle",
            "deploy this checkout (npm run deploy), or check out the version the tenant runs",
          ),
    );
  }
  const present = new Set((action.secrets ?? []).map(({ name }) => String(name)));
  const missing = context.settings.secretNames.filter((name) => !present.has(name));
  rows.push(
    missing.length === 0
      ? pass("Action secrets", `all ${context.settings.secretNames.length} present by name`)
      : fail(
          "Action secrets",
          `missing: ${missing.join(", ")}`,
          "deploy again (npm run deploy sets every secret), or add them in the Action's Secrets",
        ),
  );
  return rows;
}
