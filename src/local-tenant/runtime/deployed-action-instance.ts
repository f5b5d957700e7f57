import { deployedActionsOf, firstBoundVersion } from "../deployed-actions";
import type { TenantState } from "../tenant-state";
import { createActionCache } from "./action-cache";
import { type ActionInstance, createActionInstance } from "./action-instance";
import { postLoginTrigger } from "./tenant-action";

export interface DeployedActionInstanceOptions {
  state: TenantState;
  timeoutMs?: number;
  clock?: () => number;
}

/**
 * Runs whatever the tenant has deployed and bound to post-login, as Auth0 does: the deployed
 * version's code, dependencies and secret values. A new deployment starts a fresh instance;
 * with nothing bound, a login runs no Action.
 */
export function createDeployedActionInstance(
  options: DeployedActionInstanceOptions,
): ActionInstance {
  const deployed = deployedActionsOf(options.state);
  const idleCache = createActionCache(options.clock);
  let current: { versionId: string; instance: ActionInstance } | undefined;

  const boundInstance = (): ActionInstance | undefined => {
    const bound = firstBoundVersion(deployed, postLoginTrigger);
    if (!bound) {
      current = undefined;
      return undefined;
    }
    if (current?.versionId !== bound.version.id) {
      const { action, version } = bound;
      current = {
        versionId: version.id,
        instance: createActionInstance({
          code: version.code,
          filename: `/deployed-actions/${action.name}/v${version.number}.js`,
          dependencies: version.dependencies.map(({ name, version }) => ({ name, version })),
          secrets: Object.fromEntries(version.secrets.map(({ name, value }) => [name, value])),
          ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
          ...(options.clock === undefined ? {} : { clock: options.clock }),
        }),
      };
    }
    return current.instance;
  };

  return {
    get cache() {
      return current?.instance.cache ?? idleCache;
    },
    restart() {
      current?.instance.restart();
    },
    async execute(event) {
      const instance = boundInstance();
      if (instance) return instance.execute(event);
      return { appMetadata: {}, userMetadata: {}, logs: [], durationMs: 0 };
    },
    // On the instance the last login ran; which version resumes after a deployment in between
    // is unconfirmed on Auth0.
    async resume(event) {
      if (current) return current.instance.resume(event);
      return {
        appMetadata: {},
        userMetadata: {},
        logs: [],
        error: "No Action is bound to resume",
        errorCode: "continue_handler_missing",
        durationMs: 0,
      };
    },
  };
}
