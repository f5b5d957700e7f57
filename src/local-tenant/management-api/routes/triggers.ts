import { deployedActionsOf, knownTriggers } from "../../deployed-actions";
import type { ApiResponse, Route, RouteContext } from "../route";
import { parseBindingsPatch } from "./action-body";
import { bindingView, deployedActionsError } from "./action-views";
import { pageOf } from "./page";

export const triggerRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/api/v2/actions/triggers",
    endpointKey: "list-triggers",
    api: "management",
    handler: listTriggers,
  },
  {
    method: "GET",
    pattern: "/api/v2/actions/triggers/:triggerId/bindings",
    endpointKey: "list-trigger-bindings",
    api: "management",
    handler: listBindings,
  },
  {
    method: "PATCH",
    pattern: "/api/v2/actions/triggers/:triggerId/bindings",
    endpointKey: "replace-trigger-bindings",
    api: "management",
    handler: replaceBindings,
  },
];

function listTriggers(): ApiResponse {
  return {
    status: 200,
    body: {
      triggers: knownTriggers.map(({ id, version }) => ({
        id,
        version,
        status: "CURRENT",
        runtimes: ["node18", "node22"],
        default_runtime: "node22",
        compatible_triggers: [],
        binding_policy: "trigger-bound",
      })),
    },
  };
}

function listBindings(context: RouteContext): ApiResponse {
  const deployed = deployedActionsOf(context.state);
  const bindings = deployed.bindings(context.params.triggerId ?? "");
  if (!bindings.ok) return deployedActionsError(bindings.error);
  return pageOf("bindings", bindings.value, context.query, (binding) =>
    bindingView(deployed, binding),
  );
}

function replaceBindings(context: RouteContext): ApiResponse {
  const requested = parseBindingsPatch(context.body);
  if (!requested.ok) return requested.response;
  const deployed = deployedActionsOf(context.state);
  const bindings = deployed.replaceBindings(context.params.triggerId ?? "", requested.value);
  if (!bindings.ok) return deployedActionsError(bindings.error);
  return {
    status: 200,
    body: { bindings: bindings.value.map((binding) => bindingView(deployed, binding)) },
  };
}
