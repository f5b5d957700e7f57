import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createRandom } from "../../random";
import { startApplyTenant } from "../apply-tenant";
import { runBackfillCli } from "../backfill-cli";
import type { BackfillTally } from "../ground-truth";
import { digestDifferences, tenantDigest } from "../tenant-digest";

export interface KillResumeFigures {
  /** Each run killed once the journal held `afterJournalLines` lines, and a random delay more. */
  kills: {
    afterJournalLines: number;
    afterSeconds: number;
    killed: boolean;
    exitCode: number | null;
  }[];
  finalExitCode: number | null;
  /** Users whose identities or metadata differ from the uninterrupted run's final state. */
  differingUsers: number;
  /** Of those, users that differ in more than the audit records (`app_metadata.account_link_*`). */
  differingUsersBesideAuditRecords: number;
  /** A few of them, with what each run left (synthetic users: no real address in them). */
  differences: { userId: string; uninterrupted?: string; resumed?: string }[];
  sameFinalState: boolean;
  linkRequests: number;
  /** Links answered 409 "already exists": a link sent again after a kill, which changes nothing. */
  linkConflicts: number;
  tally: BackfillTally;
}

/**
 * The same tenant and the same `--apply`, killed with SIGKILL `kills` times (each restart with
 * the same `--out`), then let finish: its final state against the uninterrupted run's. Kill k
 * comes once the journal reaches about k/(kills+1) of the uninterrupted run's journal, then a
 * random 0 to 400 ms more, so that it can fall between any two steps or in the middle of one.
 */
export async function runKillResumePhase(options: {
  seed: number;
  users: number;
  rps: number;
  burst: number;
  kills: number;
  /** Lines in the uninterrupted run's journal.jsonl: kills are spread over as many. */
  journalLines: number;
  uninterrupted: { everything: Map<string, string>; withoutAuditRecords: Map<string, string> };
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
    const journal = join(out, "journal.jsonl");
    const step = options.journalLines / (options.kills + 1);
    for (let kill = 0; kill < options.kills; kill++) {
      const afterJournalLines = Math.max(1, Math.round(step * (kill + 0.5 + random.next())));
      const delayMs = random.int(400);
      const killWhen = (running: () => boolean) =>
        journalReaches(journal, afterJournalLines, running).then(() => sleep(delayMs));
      const run = await runBackfillCli({ ...invocation, killWhen });
      kills.push({
        afterJournalLines,
        afterSeconds: Math.round(run.wallMs / 100) / 10,
        killed: run.killed,
        exitCode: run.exitCode,
      });
      options.log(
        `kill-resume: run ${kill + 1} ${run.killed ? `killed at journal line ${afterJournalLines}` : `ended by itself (exit ${run.exitCode})`}`,
      );
    }
    const final = await runBackfillCli(invocation);
    const users = tenant.state.listUsers();
    const resumed = tenantDigest(users, tenant.api.domain);
    const differing = digestDifferences(options.uninterrupted.everything, resumed);
    const differingBeside = digestDifferences(
      options.uninterrupted.withoutAuditRecords,
      tenantDigest(users, tenant.api.domain, "without-audit-records"),
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
      differingUsersBesideAuditRecords: differingBeside.length,
      differences: differing.slice(0, 5).map((userId) => ({
        userId,
        ...(options.uninterrupted.everything.has(userId)
          ? { uninterrupted: options.uninterrupted.everything.get(userId) }
          : {}),
        ...(resumed.has(userId) ? { resumed: resumed.get(userId) } : {}),
      })),
      sameFinalState: differing.length === 0,
      linkRequests: links.length,
      linkConflicts: links.filter((entry) => entry.status === 409).length,
      tally,
    };
  } finally {
    await tenant.close();
  }
}

/** Resolves once `path` holds at least `lines` lines (checked every 25 ms), or the run ended. */
async function journalReaches(path: string, lines: number, running: () => boolean): Promise<void> {
  while (running()) {
    const text = await readFile(path, "utf8").catch(() => "");
    if (text.split("\n").length - 1 >= lines) return;
    await sleep(25);
  }
}
