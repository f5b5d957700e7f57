// `npm run bench`: both Actions, under the same seed, through the local tenant.
import { performance } from "node:perf_hooks";
import { readCommandLine } from "../src/cli/usage-exit";
import { type ActionUnderTest, actionsUnderTest } from "./actions-under-test";
import { runCostPhaseInProcesses } from "./cost-workers";
import { describeMachine } from "./machine";
import { parseBenchOptions, usage } from "./options";
import { type BundleFigures, measureBundle } from "./phases/bundle";
import { type CostFigures, runCostPhase } from "./phases/cost";
import { type LatencyFigures, runLatencyPhase } from "./phases/latency";
import { type RateLimitFigures, runRateLimitPhase } from "./phases/rate-limit";
import { writeReports } from "./report/write-reports";
import { type ActionResults, type BenchResults, checkTargets } from "./results";

const startedAt = performance.now();
const machine = describeMachine();
const { outDir, ...options } = readCommandLine(
  () => parseBenchOptions(process.argv.slice(2)),
  `Usage: ${usage}`,
);
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const inOneProcess = options.workers === 1;

async function timedPhase<T>(label: string, work: () => Promise<T>): Promise<T> {
  const phaseStart = performance.now();
  const result = await work();
  console.log(`${label}: ${seconds(performance.now() - phaseStart)} s`);
  return result;
}

function eachAction<T>(work: (action: ActionUnderTest) => T | Promise<T>) {
  return async (): Promise<Record<ActionUnderTest, T>> => {
    const results = {} as Record<ActionUnderTest, T>;
    for (const action of actionsUnderTest) results[action] = await work(action);
    return results;
  };
}

// Cost counts and times nothing: each Action in turn, its people shared out to the workers.
const costOptions = { seed: options.seed, users: options.users, logins: options.logins };
const cost = await timedPhase(
  "cost",
  eachAction<CostFigures>((action) =>
    inOneProcess
      ? runCostPhase(action, costOptions)
      : runCostPhaseInProcesses(action, costOptions, options.workers),
  ),
);

// Latency and rate limit are timed: each Action in turn, alone, as cold loads are.
const latency = await timedPhase(
  "latency",
  eachAction<LatencyFigures>((action) =>
    runLatencyPhase(action, {
      seed: options.seed,
      users: options.users,
      samplePerKind: options.sample,
      requestLatencyMs: options.latencyMs,
      concurrency: options.concurrency,
    }),
  ),
);
const rateLimit = await timedPhase(
  "rate limit",
  eachAction<RateLimitFigures>((action) =>
    runRateLimitPhase(action, { seed: options.seed, users: options.users, burst: options.burst }),
  ),
);

const bundle = await timedPhase(
  "bundle",
  eachAction<BundleFigures>((action) => measureBundle(action, options.coldLoadRuns)),
);

const actions = Object.fromEntries(
  actionsUnderTest.map((action) => [
    action,
    {
      cost: cost[action],
      latency: latency[action],
      rateLimit: rateLimit[action],
      bundle: bundle[action],
    },
  ]),
) as Record<ActionUnderTest, ActionResults>;

const results: BenchResults = {
  generatedAt: new Date().toISOString(),
  machine,
  options,
  wallSeconds: Number(seconds(performance.now() - startedAt)),
  actions,
  targets: checkTargets(actions),
};
const written = await writeReports(results, outDir);
for (const target of results.targets) {
  console.log(`${target.pass ? "pass" : "FAIL"}  ${target.target}: ${target.measured}`);
}
console.log(`wrote ${written.join(", ")} in ${results.wallSeconds} s`);
