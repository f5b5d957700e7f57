import { type DeployedActionsResult, deployedActionsOf } from "../../deployed-actions";
import type { ApiResponse, Route, RouteContext } from "../route";
import { actionDraftOf } from "./action-body";
import { actionView, deployedActionsError, versionView } from "./action-views";
import { pageOf, pageOfWhenAsked } from "./page";

export const actionRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/api/v2/actions/actions",
    endpointKey: "list-actions",
    api: "management",
    handler: listActions,
  },
  {
    method: "GET",
    pattern: "/api/v2/actions/actions/:id",
    endpointKey: "get-action",
    api: "management",
    handler: getAction,
  },
  {
    method: "POST",
    pattern: "/api/v2/actions/actions",
    endpointKey: "create-action",
    api: "management",
    handler: createAction,
  },
  {
    method: "PATCH",
    pattern: "/api/v2/actions/actions/:id",
    endpointKey: "update-action",
    api: "management",
    handler: updateAction,
  },
  {
    method: "POST",
    pattern: "/api/v2/actions/actions/:id/deploy",
    endpointKey: "deploy-action",
    api: "management",
    handler: deployAction,
  },
  {
    method: "GET",
    pattern: "/api/v2/actions/modules",
    endpointKey: "list-action-modules",
    api: "management",
    handler: (context) => pageOfWhenAsked("modules", [], context.query, (module: object) => module),
  },
];

function listActions(context: RouteContext): ApiResponse {
  const deployed = deployedActionsOf(context.state);
  const triggerId = context.query.get("triggerId");
  const actionName = context.query.get("actionName");
  const deployedOnly = context.query.get("deployed");
  const actions = deployed.list({
    ...(triggerId ? { triggerId } : {}),
    ...(actionName ? { actionName } : {}),
    ...(deployedOnly ? { deployed: deployedOnly === "true" } : {}),
  });
  return pageOf("actions", actions, context.query, (action) => actionView(deployed, action));
}

function getAction(context: RouteContext): ApiResponse {
  const deployed = deployedActionsOf(context.state);
  const id = context.params.id ?? "";
  const action = deployed.get(id);
  if (!action) {
    return deployedActionsError({
      code: "action_not_found",
      message: `The action '${id}' does not exist.`,
    });
  }
  return { status: 200, body: actionView(deployed, action) };
}

function createAction(context: RouteContext): ApiResponse {
  const draft = actionDraftOf(context.body);
  const deployed = deployedActionsOf(context.state);
  return answer(deployed.create({ ...draft, name: draft.name ?? "" }), 201, (action) =>
    actionView(deployed, action),
  );
}

function updateAction(context: RouteContext): ApiResponse {
  const deployed = deployedActionsOf(context.state);
  return answer(
    deployed.update(context.params.id ?? "", actionDraftOf(context.body)),
    200,
    (action) => actionView(deployed, action),
  );
}

function deployAction(context: RouteContext): ApiResponse {
  const deployed = deployedActionsOf(context.state);
  const id = context.params.id ?? "";
  const result = deployed.deploy(id);
  if (!result.ok) return deployedActionsError(result.error);
  const action = deployed.get(id);
  return { status: 202, body: action ? versionView(action, result.value) : {} };
}

function answer<T>(
  result: DeployedActionsResult<T>,
  status: number,
  view: (value: T) => object,
): ApiResponse {
  return result.ok ? { status, body: view(result.value) } : deployedActionsError(result.error);
}
