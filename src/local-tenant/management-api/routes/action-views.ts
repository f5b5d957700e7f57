import type {
  ActionVersion,
  DeployedActions,
  DeployedActionsError,
  DeployedActionsErrorCode,
  StoredAction,
  TriggerBinding,
} from "../../deployed-actions";
import { managementError } from "../errors";
import type { ApiResponse } from "../route";

const statusByErrorCode: Record<DeployedActionsErrorCode, number> = {
  action_not_found: 404,
  action_name_taken: 409,
  action_not_built: 400,
  action_not_deployed: 400,
  trigger_not_supported: 400,
  unknown_trigger: 404,
  // The specification declares no 404 for PATCH bindings: a ref to nothing is a bad request.
  binding_ref_not_found: 400,
  too_many_bindings: 400,
};

export function deployedActionsError(error: DeployedActionsError): ApiResponse {
  return managementError(statusByErrorCode[error.code], error.message, error.code);
}

/** An Action as the Actions API returns it: secrets by name only, never their values. */
export function actionView(deployed: DeployedActions, action: StoredAction): object {
  const status = deployed.buildStatus(action);
  return {
    id: action.id,
    name: action.name,
    supported_triggers: action.supported_triggers,
    all_changes_deployed: action.all_changes_deployed,
    created_at: action.created_at,
    updated_at: action.updated_at,
    code: action.code,
    dependencies: action.dependencies,
    runtime: action.runtime,
    secrets: secretNames(action.secrets),
    status,
    ...(status === "built" ? { built_at: new Date(action.builtAtMs).toISOString() } : {}),
    ...(action.deployedVersion
      ? { deployed_version: versionView(action, action.deployedVersion) }
      : {}),
    deploy: false,
  };
}

export function versionView(action: StoredAction, version: ActionVersion): object {
  return {
    id: version.id,
    action_id: action.id,
    code: version.code,
    dependencies: version.dependencies,
    deployed: action.deployedVersion?.id === version.id,
    number: version.number,
    runtime: version.runtime,
    secrets: secretNames(version.secrets),
    status: "built",
    supported_triggers: version.supported_triggers,
    created_at: version.created_at,
    updated_at: version.created_at,
    built_at: version.built_at,
    action: {
      id: action.id,
      name: action.name,
      supported_triggers: action.supported_triggers,
      created_at: action.created_at,
      updated_at: action.updated_at,
      all_changes_deployed: action.all_changes_deployed,
    },
  };
}

export function bindingView(deployed: DeployedActions, binding: TriggerBinding): object {
  const action = deployed.get(binding.action_id);
  return {
    id: binding.id,
    trigger_id: binding.trigger_id,
    display_name: binding.display_name,
    created_at: binding.created_at,
    updated_at: binding.updated_at,
    ...(action ? { action: actionView(deployed, action) } : {}),
  };
}

function secretNames(secrets: { name: string; updated_at: string }[]): object[] {
  return secrets.map(({ name, updated_at }) => ({ name, updated_at }));
}
