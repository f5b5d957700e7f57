import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

export interface BackfillBenchOptions {
  seed: number;
  /** Users in the export file whose planning is timed. */
  planUsers: number;
  /** Smaller files planned too, to see how memory grows with the number of users. */
  growthSizes: number[];
  /** Users in the local tenant the apply and kill-and-resume phases run against. */
  applyUsers: number;
  /** The tenant's Management API rate limit: sustained requests per second, and burst. */
  rps: number;
  burst: number;
  /** Times the resumed run is killed (SIGKILL) before it is let finish. */
  kills: number;
  /** Kill-and-resume runs, each on a fresh tenant with kill points of its own. */
  killRuns: number;
  outDir: string;
  /** Where the export files and the runs' output folders go. */
  workDir: string;
}

export const defaultBackfillBenchOptions: BackfillBenchOptions = {
  seed: 20_240_601,
  planUsers: 1_000_000,
  growthSizes: [125_000, 250_000, 500_000],
  applyUsers: 4_000,
  rps: 20,
  burst: 20,
  kills: 4,
  killRuns: 1,
  outDir: "reports",
  workDir: join(tmpdir(), "backfill-bench"),
};

export const backfillUsage = `npm run bench -- --backfill [--plan-users N] [--growth-sizes N,N,...]
                    [--apply-users N] [--rps N] [--burst N] [--kills N] [--kill-runs N]
                    [--seed N]
                    [--out-dir DIR] [--work-dir DIR]`;

type IntegerFlag = "seed" | "plan-users" | "apply-users" | "rps" | "burst" | "kills" | "kill-runs";

export function parseBackfillBenchOptions(args: readonly string[]): BackfillBenchOptions {
  const { values } = parseArgs({
    args: args.filter((arg) => arg !== "--backfill"),
    options: {
      seed: { type: "string" },
      "plan-users": { type: "string" },
      "growth-sizes": { type: "string" },
      "apply-users": { type: "string" },
      rps: { type: "string" },
      burst: { type: "string" },
      kills: { type: "string" },
      "kill-runs": { type: "string" },
      "out-dir": { type: "string" },
      "work-dir": { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(backfillUsage);
    process.exit(0);
  }
  const parseInteger = (flag: string, raw: string, minimum: number) => {
    const value = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(value >= minimum)) throw new RangeError(`--${flag} must be an integer >= ${minimum}`);
    return value;
  };
  const integer = (flag: IntegerFlag, fallback: number, minimum: number) => {
    const raw = values[flag];
    return typeof raw === "string" ? parseInteger(flag, raw, minimum) : fallback;
  };
  const d = defaultBackfillBenchOptions;
  const growth = values["growth-sizes"];
  return {
    seed: integer("seed", d.seed, 0),
    planUsers: integer("plan-users", d.planUsers, 10),
    growthSizes:
      typeof growth === "string"
        ? growth
            .split(",")
            .filter(Boolean)
            .map((size) => parseInteger("growth-sizes", size.trim(), 10))
        : d.growthSizes,
    applyUsers: integer("apply-users", d.applyUsers, 10),
    rps: integer("rps", d.rps, 1),
    burst: integer("burst", d.burst, 1),
    kills: integer("kills", d.kills, 0),
    killRuns: integer("kill-runs", d.killRuns, 1),
    outDir: typeof values["out-dir"] === "string" ? values["out-dir"] : d.outDir,
    workDir: typeof values["work-dir"] === "string" ? values["work-dir"] : d.workDir,
  };
}
