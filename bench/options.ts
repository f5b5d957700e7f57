import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";

export interface BenchOptions {
  seed: number;
  users: number;
  logins: number;
  sample: number;
  latencyMs: number;
  concurrency: number;
  burst: number;
  coldLoadRuns: number;
  /** Processes the cost phase shares people out to; 1 plays them all in this process. */
  workers: number;
  outDir: string;
}

// The sizes. A default run stays under two minutes on a 2-core machine because the cost
// phase, which counts requests and times nothing, shares its people out to one process per core
// and hands requests to the emulator in process.
export const defaultBenchOptions: BenchOptions = {
  seed: 20_240_601,
  users: 10_000,
  logins: 50_000,
  sample: 200,
  latencyMs: 40,
  concurrency: 8,
  burst: 30,
  coldLoadRuns: 7,
  workers: availableParallelism(),
  outDir: "reports",
};

type IntegerFlag =
  | "seed"
  | "users"
  | "logins"
  | "sample"
  | "latency-ms"
  | "concurrency"
  | "burst"
  | "cold-load-runs"
  | "workers";

export const usage = `npm run bench -- [--users N] [--logins N] [--sample N per kind] [--latency-ms MS]
                    [--concurrency N] [--burst N] [--cold-load-runs N] [--workers N] [--seed N]
                    [--out-dir DIR]`;

export function parseBenchOptions(args: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      seed: { type: "string" },
      users: { type: "string" },
      logins: { type: "string" },
      sample: { type: "string" },
      "latency-ms": { type: "string" },
      concurrency: { type: "string" },
      burst: { type: "string" },
      "cold-load-runs": { type: "string" },
      workers: { type: "string" },
      "out-dir": { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const integer = (flag: IntegerFlag, fallback: number, minimum: number) => {
    const raw = values[flag];
    if (raw === undefined) return fallback;
    const value = typeof raw === "string" && /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(value >= minimum)) throw new RangeError(`--${flag} must be an integer >= ${minimum}`);
    return value;
  };
  const d = defaultBenchOptions;
  return {
    seed: integer("seed", d.seed, 0),
    users: integer("users", d.users, 10),
    logins: integer("logins", d.logins, 1),
    sample: integer("sample", d.sample, 1),
    latencyMs: integer("latency-ms", d.latencyMs, 0),
    concurrency: integer("concurrency", d.concurrency, 1),
    burst: integer("burst", d.burst, 2),
    coldLoadRuns: integer("cold-load-runs", d.coldLoadRuns, 1),
    workers: integer("workers", d.workers, 1),
    outDir: typeof values["out-dir"] === "string" ? values["out-dir"] : d.outDir,
  };
}
