import { mkdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { RequestLogEntry } from "../../../src/local-tenant/management-api";
import { startApplyTenant } from "../apply-tenant";
import { type CliRun, runBackfillCli } from "../backfill-cli";
import type { BackfillTally } from "../ground-truth";
import { type FinalState, finalState } from "../tenant-digest";

export interface ApplyFigures {
  users: number;
  rateLimit: { rps: number; burst: number };
  exitCode: number | null;
  wallSeconds: number;
  /** Every Management API request of the run (token requests and the file download aside). */
  requests: number;
  requestsByEndpoint: Record<string, number>;
  tooManyRequests: number;
  tooManyRequestsShare: number;
  /** From the first request that re-reads a group to the run's last request. */
  applyWindowSeconds: number;
  applyWindowRequests: number;
  achievedRps: number;
  /** Requests in the window over what the bucket allowed in it (burst + rps x window). */
  shareOfLimit: number;
  tally: BackfillTally;
  summaryWritten: boolean;
}

// Requests of the apply itself, after the export is read: re-reads, carries, links, markers.
const applyEndpoints = new Set(["users-by-email", "get-user", "patch-user", "link-identity"]);
const unpacedEndpoints = new Set(["token", "export-download", "unmatched"]);

/** One uninterrupted `--apply` against a rate-limited local tenant; its final state too. */
export async function runApplyPhase(options: {
  seed: number;
  users: number;
  rps: number;
  burst: number;
  workDir: string;
  log: (line: string) => void;
}): Promise<{
  figures: ApplyFigures;
  finalState: FinalState;
  journalLines: number;
}> {
  const tenant = await startApplyTenant(options);
  try {
    const out = join(options.workDir, "apply");
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    const run = await runBackfillCli({
      args: ["--apply", "--yes", "--out", out],
      env: tenant.env,
      logPath: join(options.workDir, "apply.log"),
    });
    const figures = applyFigures(run, tenant.api.requestLog.entries(), options);
    const tally = tenant.truth.tally(tenant.truth.linksIn(tenant.state.listUsers()));
    const summaryWritten = await stat(join(out, "summary.md")).then(
      () => true,
      () => false,
    );
    options.log(
      `apply ${options.users} users: exit ${run.exitCode}, ${figures.achievedRps} req/s of ${options.rps}, ${figures.tooManyRequests} 429s, links ${tally.correct} correct / ${tally.wrong} wrong / ${tally.missed} missed`,
    );
    return {
      figures: { ...figures, users: tenant.truth.accounts, tally, summaryWritten },
      finalState: finalState(tenant.state.listUsers(), tenant.api.domain),
      journalLines: await lineCount(join(out, "journal.jsonl")),
    };
  } finally {
    await tenant.close();
  }
}

function applyFigures(
  run: CliRun,
  entries: RequestLogEntry[],
  options: { rps: number; burst: number },
): Omit<ApplyFigures, "tally" | "summaryWritten" | "users"> {
  const paced = entries.filter((entry) => !unpacedEndpoints.has(entry.endpointKey));
  const requestsByEndpoint: Record<string, number> = {};
  for (const entry of paced) {
    requestsByEndpoint[entry.endpointKey] = (requestsByEndpoint[entry.endpointKey] ?? 0) + 1;
  }
  const tooManyRequests = paced.filter((entry) => entry.status === 429).length;
  const firstApply = paced.findIndex((entry) => applyEndpoints.has(entry.endpointKey));
  const window = firstApply < 0 ? [] : paced.slice(firstApply);
  const startMs = window[0] ? Date.parse(window[0].at) : 0;
  const endMs = window.length > 0 ? Date.parse(window[window.length - 1]?.at ?? "") : 0;
  const windowSeconds = Math.max(0.001, (endMs - startMs) / 1000);
  const allowed = options.burst + options.rps * windowSeconds;
  return {
    rateLimit: { rps: options.rps, burst: options.burst },
    exitCode: run.exitCode,
    wallSeconds: round(run.wallMs / 1000, 1),
    requests: paced.length,
    requestsByEndpoint,
    tooManyRequests,
    tooManyRequestsShare: paced.length === 0 ? 0 : round(tooManyRequests / paced.length, 4),
    applyWindowSeconds: round(windowSeconds, 1),
    applyWindowRequests: window.length,
    achievedRps: round(window.length / windowSeconds, 2),
    shareOfLimit: round(window.length / allowed, 3),
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

async function lineCount(path: string): Promise<number> {
  const text = await readFile(path, "utf8").catch(() => "");
  return text.split("\n").length - 1;
}
