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
  outDir: string;
}

// Sized so that a default run stays under two minutes on a 2-core machine, with the ratio
// of five logins per user. The baseline's cost phase bounds it: its two in-process HTTPS requests
// per login take about 2.5 ms, so the issue's 10,000 users and 50,000 logins (`--users 10000
// --logins 50000`) take about three and a half minutes in all.
export const defaultBenchOptions: BenchOptions = {
  seed: 20_240_601,
  users: 4_000,
  logins: 20_000,
  sample: 150,
  latencyMs: 40,
  concurrency: 8,
  burst: 30,
  coldLoadRuns: 7,
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
  | "cold-load-runs";

export const usage = `npm run bench -- [--users N] [--logins N] [--sample N per kind] [--latency-ms MS]
                    [--concurrency N] [--burst N] [--cold-load-runs N] [--seed N] [--out-dir DIR]`;

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
    outDir: typeof values["out-dir"] === "string" ? values["out-dir"] : d.outDir,
  };
}
