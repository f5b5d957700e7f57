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
  runCostShard,
} from "./phases/cost";
import { type LatencyFigures, type LatencyOptions, runLatencyPhase } from "./phases/latency";
import {
  type RateLimitFigures,
  type RateLimitOptions,
  runRateLimitPhase,
} from "./phases/rate-limit";

/** Work `npm run bench` hands to a child process: each child has its own tenant and Action. */
export type ChildPhase =
  | ({ kind: "cost-shard" } & CostShardRequest)
  | {
      kind: "latency-and-rate-limit";
      action: ActionUnderTest;
      latency: LatencyOptions;
      rateLimit: RateLimitOptions;
    };

export interface LatencyAndRateLimit {
  latency: LatencyFigures;
  rateLimit: RateLimitFigures;
}

type ChildPhaseResult<P extends ChildPhase> = P extends { kind: "cost-shard" }
  ? CostShardCounts
  : LatencyAndRateLimit;

const childEntryPath = new URL("./child-phase-entry.ts", import.meta.url);

/** Runs `phase` in this process: what a child process does with the work it is handed. */
export async function runChildPhase<P extends ChildPhase>(phase: P): Promise<ChildPhaseResult<P>> {
  if (phase.kind === "cost-shard") return (await runCostShard(phase)) as ChildPhaseResult<P>;
  const latency = await runLatencyPhase(phase.action, phase.latency);
  const rateLimit = await runRateLimitPhase(phase.action, phase.rateLimit);
  return { latency, rateLimit } as ChildPhaseResult<P>;
}

/** Runs `phase` in a new Node process (with tsx), and resolves with what it sent back. */
export function runInChildProcess<P extends ChildPhase>(phase: P): Promise<ChildPhaseResult<P>> {
  return new Promise((resolve, reject) => {
    const child = fork(childEntryPath, [JSON.stringify(phase)], {
      cwd: projectRoot,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: ChildPhaseResult<P> | undefined;
    child.once("message", (message) => {
      result = message as ChildPhaseResult<P>;
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (result !== undefined && code === 0) resolve(result);
      else
        reject(new Error(`bench child (${phase.kind}, ${phase.action}) ended: ${signal ?? code}`));
    });
  });
}

/**
 * The cost phase with the people shared out to `workers` processes. No login changes anything
 * another person's logins see (people never share an address), so their counts add up; each
 * process is its own Action instance, so ours fetches one token per process.
 */
export async function runCostPhaseInProcesses(
  action: ActionUnderTest,
  options: CostOptions,
  workers: number,
): Promise<CostFigures> {
  const startedAt = performance.now();
  const shards = await Promise.all(
    Array.from({ length: workers }, (_, index) =>
      runInChildProcess({ kind: "cost-shard", action, options, shard: { index, count: workers } }),
    ),
  );
  return combineCostShards(shards, { users: options.users, startedAt });
}
