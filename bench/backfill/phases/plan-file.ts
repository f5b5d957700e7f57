import { mkdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { createRandom } from "../../random";
import { runBackfillCli } from "../backfill-cli";
import { writeExportFile } from "../export-file";
import type { BackfillTally } from "../ground-truth";
import { plannedLinks } from "../plan-file-links";
import { backfillTenant, trustedConnections } from "../synthetic-tenant";

export interface PlanFileRun {
  users: number;
  fileBytes: number;
  exitCode: number | null;
  wallSeconds: number;
  /** CPU time of the CLI's process (user and system). */
  cpuSeconds: number | undefined;
  peakRssMB: number | undefined;
  /** The dry run's plan against the ground truth. */
  tally: BackfillTally;
  planLines: number;
}

export interface PlanFileFigures {
  runs: PlanFileRun[];
  /** Least-squares line through (users, peak memory): the cost of one more user, and the base. */
  memoryGrowth: { bytesPerUser: number; baseMB: number; projected10MMB: number } | undefined;
}

// The CLI checks its settings before anything else, also when it plans a file: these are
// well-formed and point nowhere. With no tenant to say which database connections are built-in,
// no database connection is trusted unless listed, so the administrator planning offline lists
// the connections the tenant trusts, as README's "Backfill" says.
const offlineSettings = {
  AUTH0_DOMAIN: "backfill-bench.invalid.example.com",
  AUTH0_CLIENT_ID: "BackfillBenchOfflineClient000001",
  AUTH0_CLIENT_SECRET: "backfill-bench-offline-secret-used-only-as-the-address-hash-key",
  TRUSTED_CONNECTIONS: trustedConnections.join(","),
};

/** Writes export files of each size and times the CLI's dry run over each (`--source FILE`). */
export async function runPlanFilePhase(options: {
  seed: number;
  sizes: number[];
  workDir: string;
  log: (line: string) => void;
}): Promise<PlanFileFigures> {
  const runs: PlanFileRun[] = [];
  for (const users of [...new Set(options.sizes)].sort((a, b) => a - b)) {
    const file = join(options.workDir, `export-${users}.json.gz`);
    const out = join(options.workDir, `plan-${users}`);
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    const { accounts, truth } = backfillTenant({ users, random: createRandom(options.seed) });
    await writeExportFile(file, accounts);
    const fileBytes = (await stat(file)).size;
    const run = await runBackfillCli({
      args: ["--source", file, "--out", out],
      env: offlineSettings,
      logPath: join(options.workDir, `plan-${users}.log`),
    });
    const plan = await plannedLinks(join(out, "plan.jsonl")).catch(() => ({
      links: [],
      groups: 0,
    }));
    const figures: PlanFileRun = {
      users: truth.accounts,
      fileBytes,
      exitCode: run.exitCode,
      wallSeconds: round(run.wallMs / 1000, 2),
      cpuSeconds: run.cpuSeconds === undefined ? undefined : round(run.cpuSeconds, 2),
      peakRssMB: run.peakRssBytes === undefined ? undefined : round(run.peakRssBytes / 1e6, 1),
      tally: truth.tally(plan.links),
      planLines: plan.groups,
    };
    runs.push(figures);
    options.log(
      `plan ${users} users: exit ${run.exitCode}, ${figures.wallSeconds} s (CPU ${figures.cpuSeconds} s), ${figures.peakRssMB} MB peak`,
    );
    await rm(file, { force: true });
  }
  return { runs, memoryGrowth: fitMemory(runs) };
}

function fitMemory(runs: PlanFileRun[]): PlanFileFigures["memoryGrowth"] {
  const points = runs.flatMap((run) =>
    run.peakRssMB === undefined ? [] : [[run.users, run.peakRssMB * 1e6] as const],
  );
  if (points.length < 2) return undefined;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const slope =
    points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0) /
    points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  const base = meanY - slope * meanX;
  return {
    bytesPerUser: round(slope, 0),
    baseMB: round(base / 1e6, 1),
    projected10MMB: round((base + slope * 10_000_000) / 1e6, 0),
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
