import type { Machine } from "../machine";
import type { BackfillBenchOptions } from "./options";
import type { ApplyFigures } from "./phases/apply";
import type { KillResumeFigures } from "./phases/kill-resume";
import type { PlanFileFigures } from "./phases/plan-file";

export interface BackfillBenchResults {
  generatedAt: string;
  machine: Machine;
  options: Omit<BackfillBenchOptions, "outDir" | "workDir">;
  wallSeconds: number;
  plan: PlanFileFigures;
  apply: ApplyFigures;
  /** One entry per kill-and-resume run (`--kill-runs`). */
  killResume: KillResumeFigures[];
  targets: BackfillTarget[];
}

export interface BackfillTarget {
  target: string;
  measured: string;
  pass: boolean;
}

/** The targets, each against what was measured. */
export function checkBackfillTargets(
  results: Omit<BackfillBenchResults, "targets">,
): BackfillTarget[] {
  const largest =
    results.plan.runs.find((run) => run.users >= results.options.planUsers) ??
    results.plan.runs[results.plan.runs.length - 1];
  const { apply, killResume } = results;
  const planned = largest?.tally;
  const ran = largest?.exitCode === 0;
  return [
    {
      target: `planning a ${largest?.users.toLocaleString("en-US")}-user export file: at most 15 s`,
      measured: ran
        ? `${largest?.wallSeconds} s (CPU time ${largest?.cpuSeconds} s; load ${results.machine.loadAverageAtStart} at start on ${results.machine.cores} cores)`
        : `the CLI exited ${largest?.exitCode}`,
      pass: ran && (largest?.wallSeconds ?? Number.POSITIVE_INFINITY) <= 15,
    },
    {
      target: "planning it: peak memory at most 500 MB",
      measured: largest?.peakRssMB === undefined ? "not measured" : `${largest.peakRssMB} MB`,
      pass: ran && (largest?.peakRssMB ?? Number.POSITIVE_INFINITY) <= 500,
    },
    {
      target: "the dry run's plan: 0 wrong and 0 missed links against the ground truth",
      measured: planned
        ? `${planned.correct} correct, ${planned.wrong} wrong, ${planned.missed} missed of ${planned.expected}`
        : "no plan",
      pass: ran && planned !== undefined && planned.wrong === 0 && planned.missed === 0,
    },
    {
      target: "apply: requests per second at least 90% of the rate limit",
      measured: `${apply.achievedRps} req/s, ${(apply.shareOfLimit * 100).toFixed(1)}% of what the bucket allowed (${apply.rateLimit.rps}/s, burst ${apply.rateLimit.burst})`,
      pass: apply.exitCode === 0 && apply.shareOfLimit >= 0.9,
    },
    {
      target: "apply: 429s at most 1% of requests",
      measured: `${apply.tooManyRequests} of ${apply.requests} (${(apply.tooManyRequestsShare * 100).toFixed(2)}%)`,
      pass: apply.exitCode === 0 && apply.tooManyRequestsShare <= 0.01,
    },
    {
      target: "apply: 0 wrong links",
      measured: `${apply.tally.wrong} wrong`,
      pass: apply.exitCode === 0 && apply.tally.wrong === 0,
    },
    {
      target: "apply: 0 missed links among linkable groups",
      measured: `${apply.tally.missed} missed of ${apply.tally.expected} (${apply.tally.linkableGroups} linkable groups)`,
      pass: apply.exitCode === 0 && apply.tally.missed === 0,
    },
    killResumeTarget(results.options, killResume),
  ];
}

function killResumeTarget(
  options: Pick<BackfillBenchOptions, "kills">,
  runs: readonly KillResumeFigures[],
): BackfillTarget {
  const passed = (run: KillResumeFigures) => run.finalExitCode === 0 && run.sameFinalState;
  const failed = runs.filter((run) => !passed(run));
  const each = runs.length === 1 ? "" : `, in each of ${runs.length} runs with other kill points`;
  const identical = `${runs.length - failed.length} of ${runs.length} runs identical, audit records included`;
  return {
    target: `killed ${options.kills} times and resumed${each}: the same final state as an uninterrupted run`,
    measured: [
      identical,
      ...failed.map(
        (run) =>
          `run ${run.run}: ${run.differingUsers} users differ (${run.differingUsersBesideAuditRecords} in more than the audit records: see the kill-and-resume section), final exit ${run.finalExitCode}`,
      ),
    ].join("; "),
    pass: runs.length > 0 && failed.length === 0,
  };
}
