import { access, mkdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type AdminClient, createAdminClient, formatSettingProblems } from "../admin";
import { confirmed, consentProblem, type Terminal } from "../cli/terminal";
import { applyPlan } from "./apply/apply-plan";
import { type BackfillArguments, help, parseArguments, usage } from "./arguments";
import {
  type BackfillDatabaseKinds,
  connectionsWithOptionsWithheld,
  readDatabaseKinds,
} from "./database-kinds";
import { finishedGroups, Journal } from "./journal";
import { planExport } from "./plan-export";
import { PlanOutputs } from "./plan-outputs";
import { openPrivateFolder, privateFolderOf } from "./private-folder";
import type { Progress } from "./progress";
import { readBackfillSettings } from "./settings";
import { outputAddressHasher, sharedJournalEntry } from "./shared-outputs";
import { exportUsers, type SourceResult } from "./sources/export-source";
import { searchUsers } from "./sources/search-source";
import { type ApplyCounts, renderSummary } from "./summary";

export interface BackfillIo {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  progress: Progress;
  terminal: Terminal;
  now?: () => Date;
}

/** run.json: which source this --out folder was planned from, so a resumed run uses the same. */
interface RunManifest {
  source: "export" | "search" | "file";
  file: string;
}

export const exitCodes = { done: 0, failed: 1, badUsage: 2 } as const;

const sourceFiles = { export: "users-export.json.gz", search: "users-search.ndjson.gz" } as const;

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function readManifest(outDir: string): Promise<RunManifest | undefined> {
  try {
    return JSON.parse(await readFile(join(outDir, "run.json"), "utf8")) as RunManifest;
  } catch {
    return undefined;
  }
}

function defaultOutDir(now: Date): string {
  return join("backfill", now.toISOString().replace(/[:.]/g, "-"));
}

/**
 * The source file to plan from: the one this --out folder's run already read (a resumed run must
 * plan from the same snapshot, or a group could be skipped), else a new export or search, written
 * to the private folder (it names everyone), else FILE.
 */
async function resolveSource(
  args: BackfillArguments,
  outDir: string,
  privateDir: string,
  client: AdminClient,
  progress: Progress,
): Promise<SourceResult & { manifest?: RunManifest }> {
  const previous = await readManifest(outDir);
  if (previous && (await exists(previous.file))) {
    const asked = args.source.kind === "file" ? resolve(args.source.path) : args.source.kind;
    const had = previous.source === "file" ? previous.file : previous.source;
    if (asked !== had) {
      return {
        ok: false,
        reason: `${outDir} holds a run planned from ${previous.source}: use the same --source or another --out`,
      };
    }
    return { ok: true, path: previous.file, manifest: previous };
  }
  if (args.source.kind === "file") {
    const file = resolve(args.source.path);
    if (!(await exists(file))) return { ok: false, reason: `no such file: ${args.source.path}` };
    return { ok: true, path: file, manifest: { source: "file", file } };
  }
  await openPrivateFolder(privateDir);
  const file = join(privateDir, sourceFiles[args.source.kind]);
  const result =
    args.source.kind === "export"
      ? await exportUsers(client, file, progress)
      : await searchUsers(client, file, progress);
  return result.ok ? { ...result, manifest: { source: args.source.kind, file } } : result;
}

/** `npm run backfill`: returns the exit status. */
export async function runBackfill(argv: readonly string[], io: BackfillIo): Promise<number> {
  const parsed = parseArguments(argv);
  if (parsed.ok && parsed.arguments.help) {
    io.stdout.write(`${help}\n`);
    return exitCodes.done;
  }
  const settings = readBackfillSettings(io.env);
  const consent = parsed.ok
    ? consentProblem(parsed.arguments.apply, parsed.arguments.yes, io.terminal)
    : undefined;
  const sourceFile =
    parsed.ok && parsed.arguments.source.kind === "file" ? parsed.arguments.source.path : undefined;
  const missingFile =
    sourceFile !== undefined && !(await exists(resolve(sourceFile))) ? sourceFile : undefined;
  const problems = [
    ...(parsed.ok ? [] : parsed.problems.map((problem) => `[argument_invalid] ${problem}`)),
    ...(consent ? [`[argument_invalid] ${consent}`] : []),
    ...(settings.ok ? [] : [formatSettingProblems(settings.problems)]),
  ];
  if (missingFile !== undefined && problems.length === 0) {
    // Checked before the first request: a wrong path costs no token.
    return fatal(io, `no such file: ${missingFile}`);
  }
  if (!parsed.ok || !settings.ok || consent) {
    io.stderr.write(
      `backfill: nothing was read or changed.\n${problems.join("\n")}\nusage: ${usage}\n`,
    );
    return exitCodes.badUsage;
  }
  const args = parsed.arguments;
  const { admin } = settings.settings;
  if (args.apply && !settings.settings.automaticLinking) {
    io.stderr.write(
      "backfill: nothing was read or changed.\n[argument_invalid] --apply links without a sign-in to the other account, which AUTOMATIC_LINKING=off forbids; a dry run still lists the duplicates, and their owners are asked at their next login\n",
    );
    return exitCodes.badUsage;
  }
  const now = io.now ?? (() => new Date());
  const outDir = resolve(args.outDir ?? defaultOutDir(now()));
  await mkdir(outDir, { recursive: true });
  const privateDir = privateFolderOf(outDir, io.env);
  const hashAddress = outputAddressHasher(admin.clientSecret);
  const client = createAdminClient({
    settings: admin,
    ...(args.maxRequestsPerSecond ? { maxRequestsPerSecond: args.maxRequestsPerSecond } : {}),
  });

  // A wrong domain or secret is named at once, before anything is blamed on a missing scope.
  // Planning a file needs no tenant (offline planning): there a missing token only leaves the
  // database kinds unread, and that warning names its cause.
  if (args.source.kind !== "file" || args.apply) {
    const token = await client.accessToken();
    if (token.kind !== "ok") {
      return fatal(io, `no token for the Management API of ${admin.domain}: ${token.message}`);
    }
  }

  // A listed connection is trusted by name alone, so with TRUSTED_CONNECTIONS set the kinds
  // would change nothing: planning a file then needs no tenant at all. Applying needs the
  // connections' ids whatever the trust.
  const listed = settings.settings.rules.trust.kind === "listed";
  const databaseKinds: BackfillDatabaseKinds =
    listed && !args.apply ? { ok: true, kinds: {}, ids: {} } : await readDatabaseKinds(client);
  if (!databaseKinds.ok) {
    // Fail closed: planning goes on, and no database connection is trusted unless listed.
    io.stderr.write(
      `backfill: could not read the database connections (read:connections): ${databaseKinds.reason}; no database connection is trusted unless TRUSTED_CONNECTIONS lists it.\n`,
    );
  }
  // Listed connections are trusted by name: their options, read or withheld, decide nothing.
  const optionsWithheld =
    databaseKinds.ok && !listed ? connectionsWithOptionsWithheld(databaseKinds.kinds) : [];
  if (optionsWithheld.length > 0) {
    io.stderr.write(
      `backfill: the tenant listed ${optionsWithheld.length} database connection(s) without their options (read:connections_options), so whether each is a custom database cannot be read; none of them is trusted unless TRUSTED_CONNECTIONS lists it.\n`,
    );
  }
  const rules = {
    ...settings.settings.rules,
    databaseKinds: databaseKinds.ok && !listed ? databaseKinds.kinds : {},
  };

  const source = await resolveSource(args, outDir, privateDir, client, io.progress);
  if (!source.ok) return fatal(io, source.reason);
  if (source.manifest)
    await writeFile(join(outDir, "run.json"), `${JSON.stringify(source.manifest, null, 2)}\n`);

  const plannedAt = now().toISOString();
  const plan = await planExport(source.path, {
    rules,
    keys: { clientSecret: admin.clientSecret, domain: admin.domain },
    outputs: new PlanOutputs(outDir, hashAddress),
    forApply: args.apply,
    progress: io.progress,
  });
  const summaryContext = {
    source: source.manifest?.source === "file" ? "file" : (source.manifest?.source ?? "file"),
    plannedAt,
    ...(databaseKinds.ok ? {} : { databaseKindsUnread: databaseKinds.reason }),
    ...(optionsWithheld.length > 0 ? { databaseOptionsWithheld: optionsWithheld } : {}),
    ...(args.maxRequestsPerSecond ? { maxRequestsPerSecond: args.maxRequestsPerSecond } : {}),
  };

  if (args.source.kind === "file" && plan.counts.users === 0) {
    return fatal(
      io,
      `${args.source.path} holds no account: nothing to plan (is it a users export?)`,
    );
  }

  let applied: ApplyCounts | undefined;
  if (args.apply) {
    io.progress.stop();
    io.stderr.write(
      `backfill: --apply will link ${plan.counts.links} account(s) into ${plan.counts.linkGroups} primary user(s) on the tenant ${admin.domain}.\n`,
    );
    if (!(await confirmed(args.yes, io.terminal, "Link them?"))) {
      io.stderr.write("backfill: not confirmed: nothing was changed.\n");
      return exitCodes.failed;
    }
    await openPrivateFolder(privateDir);
    const { journal, previous } = await Journal.open(join(outDir, "journal.jsonl"), {
      shared: sharedJournalEntry(hashAddress),
      whole: join(privateDir, "journal.jsonl"),
    });
    try {
      await journal.record({ type: "run", at: now().toISOString(), source: summaryContext.source });
      applied = await applyPlan(plan.targets, {
        client,
        journal,
        rules,
        databaseConnectionIds: databaseKinds.ok ? databaseKinds.ids : {},
        domain: admin.domain,
        finished: finishedGroups(previous),
        concurrency: args.concurrency,
        progress: io.progress,
      });
    } finally {
      await journal.close();
    }
  }
  io.progress.stop();

  const summary = renderSummary(plan.counts, {
    ...summaryContext,
    ...(applied ? { applied } : {}),
  });
  const summaryPath = join(outDir, "summary.md");
  await writeFile(summaryPath, summary);
  io.stdout.write(`${summary}\nSummary: ${summaryPath}\n`);
  if (args.apply) {
    io.stdout.write(
      `Journal for an undo (npm run unlink -- --journal FILE): ${join(privateDir, "journal.jsonl")}; it holds user ids and metadata: keep it private, delete it when no undo is wanted.\n`,
    );
  } else io.stdout.write("Dry run: nothing was changed. Run again with --apply to link.\n");
  const finished = !applied?.stopped && !(applied && applied.failedGroups > 0);
  // A finished run needs its snapshot no more; a stopped one keeps it for the resume.
  if (finished && source.manifest && source.manifest.source !== "file") {
    await rm(source.manifest.file, { force: true });
    // Only if empty: the whole journal of an apply made with this --out stays for an undo.
    await rmdir(privateDir).catch(() => undefined);
  }
  if (applied?.stopped) {
    return fatal(
      io,
      `stopped: ${applied.stopped}; fix the credentials and run --apply again with --out ${outDir}`,
    );
  }
  if (applied && applied.incidents > 0) {
    return fatal(
      io,
      `${applied.incidents} groups: a link moved identities nobody planned (unplanned_identities_linked in ${join(outDir, "journal.jsonl")}); review each primary`,
    );
  }
  if (applied && applied.failedGroups > 0) {
    return fatal(
      io,
      `${applied.failedGroups} groups failed; run --apply again with --out ${outDir} to finish them`,
    );
  }
  return exitCodes.done;
}

function fatal(io: BackfillIo, reason: string): number {
  io.progress.stop();
  io.stderr.write(`backfill: ${reason}\n`);
  return exitCodes.failed;
}
