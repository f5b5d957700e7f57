import { groupKinds } from "../ground-truth";
import { describeField, type KillResumeFigures } from "../phases/kill-resume";
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
    ...killResumeSection(killResume),
  ];
  return lines.join("\n");
}

/** The kill-and-resume section: each run, then every user and field that differs. */
export function killResumeSection(runs: readonly KillResumeFigures[]): string[] {
  const [first] = runs;
  const lines = [
    "## Kill and resume",
    "",
    `The same tenant and \`--apply\`, killed with SIGKILL ${first?.kills.length ?? 0} times (each restart with the same \`--out\`), then let finish; ${runs.length === 1 ? "one run" : `${runs.length} runs, each on a fresh copy of the tenant with kill points of its own`}. Each kill comes once the journal reaches a point spread over the uninterrupted run's journal, plus a random 0 to 400 ms, so it can fall between two steps or in the middle of one. The final state (identities, root fields and metadata; only the write times left out: each audit record's \`at\`, the marker's \`checked_at\`, \`updated_at\`, \`last_login\`) is compared with the uninterrupted run's.`,
    "",
    "| run | killed at journal lines | final exit | users differing (beside the audit records) | link requests (409) | links correct / wrong / missed |",
    "| ---: | --- | ---: | ---: | ---: | --- |",
    ...runs.map(
      (run) =>
        `| ${run.run} | ${run.kills.map((kill) => (kill.killed ? `${kill.afterJournalLines} (${kill.afterSeconds} s)` : "ended before the kill")).join(", ")} | ${run.finalExitCode} | ${run.differingUsers} (${run.differingUsersBesideAuditRecords}) | ${run.linkRequests} (${run.linkConflicts}) | ${run.tally.correct} / ${run.tally.wrong} / ${run.tally.missed} |`,
    ),
    "",
  ];
  const differing = runs.filter((run) => run.differences.length > 0);
  if (differing.length === 0) {
    return [...lines, "Every run left the same final state as the uninterrupted run.", ""];
  }
  return [
    ...lines,
    "Every user and field that differs from the uninterrupted run (each address as `email:` and a hash keyed for this comparison alone):",
    "",
    "| run | user | field: what each run left |",
    "| ---: | --- | --- |",
    ...differing.flatMap((run) =>
      run.differences.flatMap((difference) =>
        difference.fields.map(
          (field) =>
            `| ${run.run} | ${markdownCell(`\`${difference.user}\``)} | ${markdownCell(describeField(field))} |`,
        ),
      ),
    ),
    "",
  ];
}

function markdownCell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}
