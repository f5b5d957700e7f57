import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createRandom } from "../../random";
import { startApplyTenant } from "../apply-tenant";
import { runBackfillCli } from "../backfill-cli";
import type { BackfillTally } from "../ground-truth";
import {
  type FieldDifference,
  type FinalState,
  finalState,
  stateDifferences,
  type UserDifference,
} from "../tenant-digest";

export interface KillResumeFigures {
  /** Which run of the phase (from 1): each places its kills with its own random stream. */
  run: number;
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
  /** Every one of them, with every field that differs and what each run left there. */
  differences: UserDifference[];
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
 * Run r (from 1) draws those points from its own random stream, so runs kill at other points.
 */
export async function runKillResumePhase(options: {
  run: number;
  seed: number;
  users: number;
  rps: number;
  burst: number;
  kills: number;
  /** Lines in the uninterrupted run's journal.jsonl: kills are spread over as many. */
  journalLines: number;
  uninterrupted: FinalState;
  workDir: string;
  log: (line: string) => void;
}): Promise<KillResumeFigures> {
  const tenant = await startApplyTenant(options);
  // Run 1 keeps the stream earlier reports were made with.
  const random = createRandom(options.seed + 1 + (options.run - 1) * 7_919);
  const name = options.run === 1 ? "kill-resume" : `kill-resume-${options.run}`;
  const label = `kill-resume ${options.run}`;
  try {
    const out = join(options.workDir, name);
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    const logPath = join(options.workDir, `${name}.log`);
    await rm(logPath, { force: true });
    const invocation = { args: ["--apply", "--yes", "--out", out], env: tenant.env, logPath };
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
        `${label}: start ${kill + 1} ${run.killed ? `killed at journal line ${afterJournalLines}` : `ended by itself (exit ${run.exitCode})`}`,
      );
    }
    const final = await runBackfillCli(invocation);
    const users = tenant.state.listUsers();
    const differences = stateDifferences(
      options.uninterrupted,
      finalState(users, tenant.api.domain),
    );
    const links = tenant.api.requestLog
      .entries()
      .filter((entry) => entry.endpointKey === "link-identity");
    const tally = tenant.truth.tally(tenant.truth.linksIn(tenant.state.listUsers()));
    options.log(
      `${label}: final exit ${final.exitCode}, ${differences.length} users differ from the uninterrupted run`,
    );
    for (const difference of differences) {
      for (const field of difference.fields) {
        options.log(`${label}:   ${difference.user} ${describeField(field)}`);
      }
    }
    return {
      run: options.run,
      kills,
      finalExitCode: final.exitCode,
      differingUsers: differences.length,
      differingUsersBesideAuditRecords: differences.filter((d) => !d.auditRecordsOnly).length,
      differences,
      sameFinalState: differences.length === 0,
      linkRequests: links.length,
      linkConflicts: links.filter((entry) => entry.status === 409).length,
      tally,
    };
  } finally {
    await tenant.close();
  }
}

/** One differing field on one line: its path, then what each run left there. */
export function describeField(field: FieldDifference): string {
  const shown = (value: unknown) => (value === undefined ? "(absent)" : JSON.stringify(value));
  return `${field.field}: uninterrupted ${shown(field.uninterrupted)}, resumed ${shown(field.resumed)}`;
}

/** Resolves once `path` holds at least `lines` lines (checked every 25 ms), or the run ended. */
async function journalReaches(path: string, lines: number, running: () => boolean): Promise<void> {
  while (running()) {
    const text = await readFile(path, "utf8").catch(() => "");
    if (text.split("\n").length - 1 >= lines) return;
    await sleep(25);
  }
}
