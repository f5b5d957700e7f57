// `npm run bench -- --backfill`: the backfill CLI, as a child process, over export files and
// against a rate-limited local tenant.
import { mkdir } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { readCommandLine } from "../../src/cli/usage-exit";
import { describeMachine } from "../machine";
import { backfillUsage, parseBackfillBenchOptions } from "./options";
import { runApplyPhase } from "./phases/apply";
import { type KillResumeFigures, runKillResumePhase } from "./phases/kill-resume";
import { runPlanFilePhase } from "./phases/plan-file";
import { writeBackfillReports } from "./report/write-reports";
import { checkBackfillTargets } from "./results";

export async function runBackfillBench(args: readonly string[]): Promise<void> {
  const startedAt = performance.now();
  const machine = describeMachine();
  const { outDir, workDir, ...options } = readCommandLine(
    () => parseBackfillBenchOptions(args),
    `Usage: ${backfillUsage}`,
  );
  await mkdir(workDir, { recursive: true });
  const log = (line: string) => console.log(line);
  const tenantOptions = {
    seed: options.seed,
    users: options.applyUsers,
    rps: options.rps,
    burst: options.burst,
    workDir,
    log,
  };

  const plan = await runPlanFilePhase({
    seed: options.seed,
    sizes: [...options.growthSizes, options.planUsers],
    workDir,
    log,
  });
  const apply = await runApplyPhase(tenantOptions);
  const killResume: KillResumeFigures[] = [];
  for (let run = 1; run <= options.killRuns; run++) {
    killResume.push(
      await runKillResumePhase({
        ...tenantOptions,
        run,
        kills: options.kills,
        journalLines: apply.journalLines,
        uninterrupted: apply.finalState,
      }),
    );
  }
  const measured = {
    generatedAt: new Date().toISOString(),
    machine,
    options,
    wallSeconds: Math.round((performance.now() - startedAt) / 100) / 10,
    plan,
    apply: apply.figures,
    killResume,
  };
  const results = { ...measured, targets: checkBackfillTargets(measured) };
  const written = await writeBackfillReports(results, outDir);
  for (const target of results.targets) {
    console.log(`${target.pass ? "met    " : "NOT MET"}  ${target.target}: ${target.measured}`);
  }
  console.log(`wrote ${written.join(", ")} in ${results.wallSeconds} s (runs' logs in ${workDir})`);
}
