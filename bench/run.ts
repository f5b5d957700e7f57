// `npm run bench`: both Actions, in turn and under the same seed, through the local tenant.
import { performance } from "node:perf_hooks";
import { type ActionUnderTest, actionsUnderTest } from "./actions-under-test";
import { describeMachine } from "./machine";
import { parseBenchOptions } from "./options";
import { measureBundle } from "./phases/bundle";
import { runCostPhase } from "./phases/cost";
import { runLatencyPhase } from "./phases/latency";
import { runRateLimitPhase } from "./phases/rate-limit";
import { writeReports } from "./report/write-reports";
import { type ActionResults, type BenchResults, checkTargets } from "./results";

const startedAt = performance.now();
const machine = describeMachine();
const { outDir, ...options } = parseBenchOptions(process.argv.slice(2));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function timedPhase<T>(label: string, work: () => Promise<T> | T): Promise<T> {
  const phaseStart = performance.now();
  const result = await work();
  console.log(`  ${label}: ${seconds(performance.now() - phaseStart)} s`);
  return result;
}

async function benchAction(action: ActionUnderTest): Promise<ActionResults> {
  console.log(action);
  const cost = await timedPhase("cost", () => runCostPhase(action, options));
  const latency = await timedPhase("latency", () =>
    runLatencyPhase(action, {
      seed: options.seed,
      users: options.users,
      samplePerKind: options.sample,
      requestLatencyMs: options.latencyMs,
      concurrency: options.concurrency,
    }),
  );
  const rateLimit = await timedPhase("rate limit", () => runRateLimitPhase(action, options));
  const bundle = await timedPhase("bundle", () => measureBundle(action, options.coldLoadRuns));
  return { cost, latency, rateLimit, bundle };
}

const actions = {} as Record<ActionUnderTest, ActionResults>;
for (const action of actionsUnderTest) actions[action] = await benchAction(action);

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
