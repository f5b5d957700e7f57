import { groupKinds } from "../ground-truth";
import type { BackfillBenchResults } from "../results";

/** `reports/backfill.md`: the targets, then each phase's figures. */
export function renderBackfillMarkdown(results: BackfillBenchResults): string {
  const { machine, options, plan, apply, killResume } = results;
  const count = (value: number) => value.toLocaleString("en-US");
  const lines = [
    "# Backfill benchmark",
    "",
    `${results.generatedAt}; ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform} (load ${machine.loadAverageAtStart} at start); seed ${options.seed}; ${results.wallSeconds} s in all.`,
    "The CLI ran as a child process (`npm run backfill`'s entry under node), as an administrator runs it.",
    "",
    "## Targets",
    "",
    "| target | measured | |",
    "| --- | --- | --- |",
    ...results.targets.map(
      (t) => `| ${t.target} | ${t.measured} | ${t.pass ? "met" : "**not met**"} |`,
    ),
    "",
    "## Planning an export file (dry run, `--source FILE`)",
    "",
    "Wall time of the whole CLI process (start, read, plan, write the outputs), the CPU time it used (user and system: on a shared machine, wall time also counts the time other work held the cores), and its peak resident memory.",
    "",
    "| users | file (gzipped) | wall time | CPU time | peak memory | plan lines | would link: correct / wrong / missed of expected |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...plan.runs.map(
      (run) =>
        `| ${count(run.users)} | ${(run.fileBytes / 1e6).toFixed(1)} MB | ${run.exitCode === 0 ? `${run.wallSeconds} s` : `exit ${run.exitCode}`} | ${run.cpuSeconds ?? "?"} s | ${run.peakRssMB ?? "?"} MB | ${count(run.planLines)} | ${run.tally.correct} / ${run.tally.wrong} / ${run.tally.missed} of ${run.tally.expected} |`,
    ),
    "",
    plan.memoryGrowth
      ? `Memory grows by about **${plan.memoryGrowth.bytesPerUser} bytes per user** over a base of ${plan.memoryGrowth.baseMB} MB (least squares over the runs above): **10 million users would need about ${count(plan.memoryGrowth.projected10MMB)} MB**.`
      : "Too few successful runs to fit how memory grows.",
    "",
    "![planning](backfill.svg)",
    "",
    "## Apply against the local tenant, rate limited",
    "",
    `${count(apply.users)} users; the tenant's Management API limited to ${apply.rateLimit.rps} requests/s with a burst of ${apply.rateLimit.burst} (token bucket, Auth0's headers and 429s). Source: a users-export job, as by default.`,
    "",
    "| figure | value |",
    "| --- | ---: |",
    `| exit status | ${apply.exitCode} |`,
    `| wall time | ${apply.wallSeconds} s |`,
    `| Management API requests | ${count(apply.requests)} |`,
    `| by endpoint | ${Object.entries(apply.requestsByEndpoint)
      .map(([key, value]) => `${key} ${value}`)
      .join(", ")} |`,
    `| apply window (first re-read to last request) | ${apply.applyWindowSeconds} s, ${count(apply.applyWindowRequests)} requests |`,
    `| requests per second in the window | ${apply.achievedRps} (limit ${apply.rateLimit.rps}) |`,
    `| share of what the bucket allowed in the window (burst + rate x time) | ${(apply.shareOfLimit * 100).toFixed(1)}% |`,
    `| 429 answers | ${apply.tooManyRequests} (${(apply.tooManyRequestsShare * 100).toFixed(2)}%) |`,
    `| summary.md written | ${apply.summaryWritten ? "yes" : "no"} |`,
    "",
    "Links found in the tenant afterwards, against the ground truth (decided when the tenant was made up, not by the planner):",
    "",
    "| group kind | expected | correct | wrong | missed |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...groupKinds.map((kind) => {
      const c = apply.tally.byKind[kind];
      return `| ${kind} | ${c.expected} | ${c.correct} | ${c.wrong} | ${c.missed} |`;
    }),
    `| **all** (${apply.tally.linkableGroups} linkable groups) | ${apply.tally.expected} | ${apply.tally.correct} | ${apply.tally.wrong} | ${apply.tally.missed} |`,
    "",
    "## Kill and resume",
    "",
    `The same tenant and \`--apply\`, killed with SIGKILL ${killResume.kills.length} times (each restart with the same \`--out\`), then let finish. Each kill comes once the journal reaches a point spread over the uninterrupted run's journal, plus a random 0 to 400 ms, so it can fall between two steps or in the middle of one.`,
    "",
    "| run | killed at journal line | after | outcome |",
    "| ---: | ---: | ---: | --- |",
    ...killResume.kills.map(
      (kill, index) =>
        `| ${index + 1} | ${kill.afterJournalLines} | ${kill.afterSeconds} s | ${kill.killed ? "killed" : `ended by itself before the kill (exit ${kill.exitCode})`} |`,
    ),
    `| final | | | exit ${killResume.finalExitCode} |`,
    "",
    `Final state against the uninterrupted run: **${killResume.differingUsers} users differ** (identities, root fields and metadata compared; write times left out), ${killResume.differingUsersBesideAuditRecords} of them in more than the links' audit records (\`app_metadata.account_link_*\`). Link requests: ${killResume.linkRequests}, of which ${killResume.linkConflicts} answered 409 "already exists". Links against the ground truth: ${killResume.tally.correct} correct, ${killResume.tally.wrong} wrong, ${killResume.tally.missed} missed.`,
    "",
  ];
  return lines.join("\n");
}
