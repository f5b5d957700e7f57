import { deployedActionsOf } from "../../../src/local-tenant/deployed-actions";
import type { TenantState } from "../../../src/local-tenant/tenant-state";

/** Deploys an Action straight into the tenant state and binds it to post-login first. */
export function bindActionTheTenantAlreadyHas(state: TenantState, name: string): void {
  const deployed = deployedActionsOf(state);
  const created = deployed.create({
    name,
    code: "exports.onExecutePostLogin = async () => {};",
    supported_triggers: [{ id: "post-login", version: "v3" }],
  });
  if (!created.ok) throw new Error(created.error.message);
  const version = deployed.deploy(created.value.id);
  if (!version.ok) throw new Error(version.error.message);
  const bound = deployed.replaceBindings("post-login", [
    { ref: { type: "action_name", value: name } },
  ]);
  if (!bound.ok) throw new Error(bound.error.message);
}

export function postLoginBindingNames(state: TenantState): string[] {
  const deployed = deployedActionsOf(state);
  const bindings = deployed.bindings("post-login");
  if (!bindings.ok) throw new Error(bindings.error.message);
  return bindings.value.map(({ action_id }) => deployed.get(action_id)?.name ?? action_id);
}
