import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { projectRoot } from "../../src/project-root";

export interface CliRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  wallMs: number;
  /** Peak resident memory of the CLI's process, when it exited by itself. */
  peakRssBytes: number | undefined;
  /** CPU time (user and system) of the CLI's process, when it exited by itself. */
  cpuSeconds: number | undefined;
  /** Whether the benchmark killed it. */
  killed: boolean;
}

export interface CliInvocation {
  args: string[];
  env: Record<string, string>;
  /** Receives the CLI's stdout and stderr. */
  logPath: string;
  /** SIGKILL when the promise it returns resolves, if the CLI is still running then. */
  killWhen?: (stillRunning: () => boolean) => Promise<void>;
}

/**
 * How `npm run backfill` starts the CLI, run directly with node so that the process timed,
 * measured and killed is the CLI itself and not npm's shell around it.
 */
export async function backfillCommand(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(projectRoot, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const script = manifest.scripts?.backfill;
  const match = script ? /^tsx\s+(\S+)$/.exec(script.trim()) : null;
  if (!match?.[1]) {
    throw new Error(
      `package.json's "backfill" script must read "tsx <entry>" for the benchmark to start it (found ${JSON.stringify(script)})`,
    );
  }
  return ["--import", "tsx", match[1]];
}

const peakMemoryPreload = join(projectRoot, "bench/backfill/peak-memory.cjs");

// Settings of the bench's shell that would change what the CLI does.
const inheritedSettings =
  /^(AUTH0_|TRUSTED_CONNECTIONS$|MERGE_APP_METADATA_KEYS$|LINKING_|NODE_OPTIONS$|NODE_EXTRA_CA_CERTS$)/;

/** Runs the backfill CLI as a child process, as an administrator would, and measures it. */
export async function runBackfillCli(invocation: CliInvocation): Promise<CliRun> {
  const command = await backfillCommand();
  const memoryFile = `${invocation.logPath}.peak-memory`;
  await rm(memoryFile, { force: true });
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !inheritedSettings.test(name)) env[name] = value;
  }
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...command, ...invocation.args], {
    cwd: projectRoot,
    env: {
      ...env,
      ...invocation.env,
      NODE_OPTIONS: `--require ${peakMemoryPreload}`,
      BENCH_PEAK_MEMORY_FILE: memoryFile,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(invocation.logPath, { flags: "a" });
  // Each line stamped with the seconds since the start, to see where a run spends its time.
  for (const output of [child.stdout, child.stderr]) {
    if (!output) continue;
    createInterface({ input: output, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => {
      log.write(`[${((performance.now() - startedAt) / 1000).toFixed(1)} s] ${line}\n`);
    });
  }
  let killed = false;
  let running = true;
  void invocation
    .killWhen?.(() => running)
    .then(() => {
      if (running) killed = child.kill("SIGKILL");
    });
  const { exitCode, signal } = await exited(child);
  running = false;
  const wallMs = performance.now() - startedAt;
  await new Promise<void>((resolve) => log.end(resolve));
  return { exitCode, signal, wallMs, ...(await resourceUse(memoryFile)), killed };
}

function exited(
  child: ChildProcess,
): Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode, signal) => resolve({ exitCode, signal }));
  });
}

async function resourceUse(file: string): Promise<Pick<CliRun, "peakRssBytes" | "cpuSeconds">> {
  const text = await readFile(file, "utf8").catch(() => "");
  const lines = text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { maxRssKb: number; cpuMicros: number });
  if (lines.length === 0) return { peakRssBytes: undefined, cpuSeconds: undefined };
  return {
    peakRssBytes: Math.max(...lines.map((line) => line.maxRssKb)) * 1024,
    cpuSeconds: lines.reduce((sum, line) => sum + line.cpuMicros, 0) / 1e6,
  };
}
