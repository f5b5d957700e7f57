import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { BackfillBenchResults } from "../../bench/backfill/results";
import { projectRoot } from "../../src/project-root";

const run = promisify(execFile);
let workDir: string | undefined;

afterEach(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
  workDir = undefined;
});

// `npm run bench -- --backfill` end to end on tiny tenants: the real CLI as a child process for
// every phase. No timing assertions: timing claims live in the benchmark's reports.
describe("npm run bench -- --backfill", () => {
  it("plans files, applies under a rate limit, resumes after kills, and writes the reports", async () => {
    workDir = await mkdtemp(join(tmpdir(), "backfill-bench-"));
    const outDir = join(workDir, "reports");
    const flags = ["--plan-users", "1500", "--growth-sizes", "600", "--apply-users", "300"];
    const more = [
      "--rps",
      "60",
      "--burst",
      "30",
      "--kills",
      "2",
      "--kill-runs",
      "2",
      "--seed",
      "11",
    ];
    await run(
      process.execPath,
      [
        "--import",
        "tsx",
        "bench/main.ts",
        "--backfill",
        ...flags,
        ...more,
        "--out-dir",
        outDir,
        "--work-dir",
        workDir,
      ],
      { cwd: projectRoot },
    );

    const results = JSON.parse(
      await readFile(join(outDir, "backfill.json"), "utf8"),
    ) as BackfillBenchResults;
    expect(results.plan.runs.map((r) => r.exitCode)).toEqual([0, 0]);
    expect(results.plan.runs[1]?.users).toBeGreaterThanOrEqual(1500);
    expect(results.plan.runs[1]?.planLines).toBeGreaterThan(0);
    expect(results.plan.runs[1]?.tally.correct).toBeGreaterThan(0);
    expect(results.plan.runs[1]?.tally.wrong).toBe(0);
    expect(results.plan.runs[1]?.tally.missed).toBe(0);
    expect(results.plan.memoryGrowth).toBeDefined();

    expect(results.apply.exitCode).toBe(0);
    expect(results.apply.summaryWritten).toBe(true);
    expect(results.apply.requestsByEndpoint["link-identity"]).toBeGreaterThan(0);
    expect(results.apply.tally.correct).toBeGreaterThan(0);
    expect(results.apply.tally.wrong).toBe(0);
    expect(results.apply.tally.missed).toBe(0);

    expect(results.killResume.map((run) => run.run)).toEqual([1, 2]);
    for (const run of results.killResume) {
      expect(run.kills).toHaveLength(2);
      expect(run.finalExitCode).toBe(0);
      // Every user, audit records included, ends as in the uninterrupted run.
      expect(run.differences).toEqual([]);
      expect(run.differingUsers).toBe(0);
      expect(run.differingUsersBesideAuditRecords).toBe(0);
      expect(run.sameFinalState).toBe(true);
    }
    // The two runs kill at other points.
    expect(results.killResume[0]?.kills.map((kill) => kill.afterJournalLines)).not.toEqual(
      results.killResume[1]?.kills.map((kill) => kill.afterJournalLines),
    );
    expect(results.targets).toHaveLength(8);
    expect(results.targets[7]?.pass).toBe(true);

    const markdown = await readFile(join(outDir, "backfill.md"), "utf8");
    expect(markdown).toContain("## Kill and resume");
    expect(markdown).toContain("Every run left the same final state as the uninterrupted run.");
    expect(markdown).toContain("| mfa-primary |");
    const svg = await readFile(join(outDir, "backfill.svg"), "utf8");
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  }, 300_000);
});
