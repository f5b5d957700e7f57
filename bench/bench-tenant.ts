import { startTrustedManagementApi } from "../src/local-tenant/local-tenant";
import type { ManagementApiServer, RateLimitOptions } from "../src/local-tenant/management-api";
import { routeFetchInProcess } from "../src/local-tenant/management-api/in-process-dispatcher";
import {
  type ActionInstance,
  createActionInstance,
} from "../src/local-tenant/runtime/action-instance";
import {
  createLoginSimulator,
  type LoginInput,
  type LoginResult,
} from "../src/local-tenant/simulator/login";
import { type TenantSeed, TenantState } from "../src/local-tenant/tenant-state";
import { type ActionUnderTest, deployAction } from "./actions-under-test";

export interface TimedLogin {
  result: LoginResult;
  /** How long the Action ran: the time it adds to this login. */
  actionMs: number;
}

export interface BenchTenant {
  api: ManagementApiServer;
  state: TenantState;
  login(input: LoginInput): Promise<TimedLogin>;
  close(): Promise<void>;
}

/**
 * The local tenant (HTTPS Management API emulator, Actions runtime, login simulator) running one
 * of the Actions under test, with the Action's execution time reported per login.
 */
export async function startBenchTenant(options: {
  action: ActionUnderTest;
  seed: TenantSeed;
  rateLimit?: RateLimitOptions | false;
  tokenRateLimit?: RateLimitOptions | false;
  /**
   * `in-process` hands the Action's requests to the emulator without sockets: for phases that
   * count requests and never time them.
   */
  transport?: "https" | "in-process";
}): Promise<BenchTenant> {
  const state = TenantState.fromSeed(options.seed);
  const api = await startTrustedManagementApi(state, options);
  const restoreFetch = options.transport === "in-process" ? routeFetchInProcess(api) : undefined;
  const deployed = deployAction(options.action, api, options.seed);
  const instance = createActionInstance(deployed);
  const durations = new Map<string, number>();
  const simulator = createLoginSimulator({
    state,
    action: timedByClient(instance, durations),
    requestLog: api.requestLog,
  });
  let loginSerial = 0;

  return {
    api,
    state,
    async login(input) {
      // Neither Action reads the client id, so it tags the execution to find its duration even
      // when logins run concurrently.
      const tag = `bench-login-${loginSerial++}`;
      const result = await simulator.login({ ...input, clientId: tag });
      const actionMs = durations.get(tag) ?? 0;
      durations.delete(tag);
      return { result, actionMs };
    },
    close: () => {
      restoreFetch?.();
      return api.close();
    },
  };
}

function timedByClient(instance: ActionInstance, durations: Map<string, number>): ActionInstance {
  return {
    cache: instance.cache,
    restart: () => instance.restart(),
    async execute(event) {
      const execution = await instance.execute(event);
      if (event.client) durations.set(event.client.client_id, execution.durationMs);
      return execution;
    },
    resume: (event) => instance.resume(event),
  };
}
