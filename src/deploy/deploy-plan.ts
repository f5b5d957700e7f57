import type { TenantDeployment } from "./tenant-deployment-reader";
import type { TenantYamlDeployment } from "./tenant-yaml-deployment";

export interface TriggerBindingChange {
  triggerId: string;
  added: string[];
  removed: string[];
  kept: string[];
}

/** What `a0deploy import` would do to the tenant's Actions and bindings. */
export interface DeployPlan {
  actionsCreated: string[];
  actionsUpdated: string[];
  bindings: TriggerBindingChange[];
}

export function planDeploy(wanted: TenantYamlDeployment, current: TenantDeployment): DeployPlan {
  const names = wanted.actions.map(({ name }) => name);
  return {
    actionsCreated: names.filter((name) => !current.actionNames.includes(name)),
    actionsUpdated: names.filter((name) => current.actionNames.includes(name)),
    // The deploy CLI replaces each listed trigger's whole binding list.
    bindings: Object.entries(wanted.bindings).map(([triggerId, wantedNames]) => {
      const currentNames = current.bindings[triggerId] ?? [];
      return {
        triggerId,
        added: wantedNames.filter((name) => !currentNames.includes(name)),
        removed: currentNames.filter((name) => !wantedNames.includes(name)),
        kept: wantedNames.filter((name) => currentNames.includes(name)),
      };
    }),
  };
}

/** Bindings the tenant has and the deploy would drop. */
export function bindingsRemoved(plan: DeployPlan): { triggerId: string; actionName: string }[] {
  return plan.bindings.flatMap(({ triggerId, removed }) =>
    removed.map((actionName) => ({ triggerId, actionName })),
  );
}

export function describePlan(plan: DeployPlan): string[] {
  const list = (names: string[]) => (names.length > 0 ? names.join(", ") : "none");
  return [
    `actions created: ${list(plan.actionsCreated)}`,
    `actions updated: ${list(plan.actionsUpdated)}`,
    ...plan.bindings.flatMap(({ triggerId, added, removed, kept }) => [
      `${triggerId} bindings added: ${list(added)}`,
      `${triggerId} bindings removed: ${list(removed)}`,
      `${triggerId} bindings kept: ${list(kept)}`,
    ]),
  ];
}
