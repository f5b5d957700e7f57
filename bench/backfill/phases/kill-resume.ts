import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { createRandom } from "../../random";
import { startApplyTenant } from "../apply-tenant";
import { runBackfillCli } from "../backfill-cli";
import type { BackfillTally } from "../ground-truth";
import { digestDifferences, tenantDigest } from "../tenant-digest";

export interface KillResumeFigures {
  kills: { afterSeconds: number; killed: boolean; exitCode: number | null }[];
  finalExitCode: number | null;
  /** Users whose identities or metadata differ from the uninterrupted run's final state. */
  differingUsers: number;
  sameFinalState: boolean;
  linkRequests: number;
  /** Links answered 409 "already exists": a link sent again after a kill, which changes nothing. */
  linkConflicts: number;
  tally: BackfillTally;
}

/**
 * The same tenant and the same `--apply`, killed with SIGKILL at random moments `kills` times
 * (each restart with the same `--out`), then let finish: its final state against the
 * uninterrupted run's.
 */
export async function runKillResumePhase(options: {
  seed: number;
  users: number;
  rps: number;
  burst: number;
  kills: number;
  /** The uninterrupted run's wall time: kills fall within it. */
  uninterruptedSeconds: number;
  uninterrupted: Map<string, string>;
  workDir: string;
  log: (line: string) => void;
}): Promise<KillResumeFigures> {
  const tenant = await startApplyTenant(options);
  const random = createRandom(options.seed + 1);
  try {
    const out = join(options.workDir, "kill-resume");
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    const invocation = {
      args: ["--apply", "--out", out],
      env: tenant.env,
      logPath: join(options.workDir, "kill-resume.log"),
    };
    const kills: KillResumeFigures["kills"] = [];
    const spreadMs = Math.max(1_000, (options.uninterruptedSeconds * 1000) / (options.kills + 1));
    for (let kill = 0; kill < options.kills; kill++) {
      const afterMs = 500 + random.int(spreadMs);
      const run = await runBackfillCli({ ...invocation, killAfterMs: afterMs });
      kills.push({ afterSeconds: afterMs / 1000, killed: run.killed, exitCode: run.exitCode });
      options.log(
        `kill-resume: run ${kill + 1} ${run.killed ? `killed after ${afterMs / 1000} s` : `ended by itself (exit ${run.exitCode})`}`,
      );
    }
    const final = await runBackfillCli(invocation);
    const differing = digestDifferences(
      options.uninterrupted,
      tenantDigest(tenant.state.listUsers()),
    );
    const links = tenant.api.requestLog
      .entries()
      .filter((entry) => entry.endpointKey === "link-identity");
    const tally = tenant.truth.tally(tenant.truth.linksIn(tenant.state.listUsers()));
    options.log(
      `kill-resume: final exit ${final.exitCode}, ${differing.length} users differ from the uninterrupted run`,
    );
    return {
      kills,
      finalExitCode: final.exitCode,
      differingUsers: differing.length,
      sameFinalState: differing.length === 0,
      linkRequests: links.length,
      linkConflicts: links.filter((entry) => entry.status === 409).length,
      tally,
    };
  } finally {
    await tenant.close();
  }
}
