import { deployedActionsOf } from "../../../src/local-tenant/deployed-actions";
import type { CaseContext } from "./case";

/** The post-login Action named `name`, made (and deployed, if asked) the first time: its id. */
export function actionNamed(
  context: CaseContext,
  name: string,
  options: { deployed: boolean },
): { id: string } {
  const deployed = deployedActionsOf(context.server.state);
  const existing = deployed.list({ actionName: name })[0];
  if (existing) return { id: existing.id };
  const created = deployed.create({
    name,
    code: "exports.onExecutePostLogin = async () => {};",
    supported_triggers: [{ id: "post-login", version: "v3" }],
  });
  if (!created.ok) throw new Error(created.error.message);
  if (options.deployed) deployed.deploy(created.value.id);
  return { id: created.value.id };
}
