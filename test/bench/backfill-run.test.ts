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
    const more = ["--rps", "60", "--burst", "30", "--kills", "2", "--seed", "11"];
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

    expect(results.killResume.kills).toHaveLength(2);
    expect(results.killResume.finalExitCode).toBe(0);
    // Every user, audit records included, ends as in the uninterrupted run.
    expect(results.killResume.differingUsers).toBe(0);
    expect(results.killResume.differingUsersBesideAuditRecords).toBe(0);
    expect(results.killResume.sameFinalState).toBe(true);
    expect(results.targets).toHaveLength(8);

    const markdown = await readFile(join(outDir, "backfill.md"), "utf8");
    expect(markdown).toContain("## Kill and resume");
    expect(markdown).toContain("| mfa-primary |");
    const svg = await readFile(join(outDir, "backfill.svg"), "utf8");
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  }, 300_000);
});
