import { fork } from "node:child_process";
import { performance } from "node:perf_hooks";
import { projectRoot } from "../src/project-root";
import type { ActionUnderTest } from "./actions-under-test";
import {
  type CostFigures,
  type CostOptions,
  type CostShardCounts,
  type CostShardRequest,
  combineCostShards,
} from "./phases/cost";

const workerEntryPath = new URL("./cost-worker-entry.ts", import.meta.url);

/**
 * The cost phase with the people shared out to `workers` processes, each with its own tenant and
 * Action instance. No login changes anything another person's logins see (people never share an
 * address), so their counts add up; ours fetches one token per process.
 */
export async function runCostPhaseInProcesses(
  action: ActionUnderTest,
  options: CostOptions,
  workers: number,
): Promise<CostFigures> {
  const startedAt = performance.now();
  const shards = await Promise.all(
    Array.from({ length: workers }, (_, index) =>
      runCostShardInProcess({ action, options, shard: { index, count: workers } }),
    ),
  );
  return combineCostShards(shards, { users: options.users, startedAt });
}

/** Plays one shard in a new Node process (with tsx) and resolves with the counts it sent back. */
function runCostShardInProcess(request: CostShardRequest): Promise<CostShardCounts> {
  return new Promise((resolve, reject) => {
    const child = fork(workerEntryPath, [JSON.stringify(request)], {
      cwd: projectRoot,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let counts: CostShardCounts | undefined;
    child.once("message", (message) => {
      counts = message as CostShardCounts;
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (counts !== undefined && code === 0) resolve(counts);
      else reject(new Error(`cost worker ${request.shard.index} ended: ${signal ?? code}`));
    });
  });
}
