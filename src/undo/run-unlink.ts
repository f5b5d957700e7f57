import { createAdminClient, formatSettingProblems, readAdminSettings } from "../admin";
import { confirmed, consentProblem, type Terminal } from "../cli/terminal";
import { parseSecondaryId } from "../linking/unlink-plan";
import { parseUnlinkArguments, unlinkHelp, unlinkUsage } from "./arguments";
import { type JournalContents, readBackfillJournal } from "./backfill-journal";
import { describeUnlink } from "./describe-unlink";
import { resolveAccount } from "./resolve-account";
import { type UnlinkResult, unlinkOne } from "./unlink-one";

export interface CommandIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  terminal: Terminal;
  now?: () => Date;
}

/** `npm run unlink`: exit code 0 when every link asked for is undone (or would be), 1 if one failed, 2 on bad input. */
export async function runUnlink(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseUnlinkArguments(argv);
  if (parsed.ok && parsed.arguments.help) {
    io.out(unlinkHelp);
    return 0;
  }
  const settings = readAdminSettings(io.env);
  const consent = parsed.ok
    ? consentProblem(parsed.arguments.apply, parsed.arguments.yes, io.terminal)
    : undefined;
  const problems = [
    ...(parsed.ok ? [] : parsed.problems.map((problem) => `[argument_invalid] ${problem}`)),
    ...(consent ? [`[argument_invalid] ${consent}`] : []),
    ...(settings.ok ? [] : [formatSettingProblems(settings.problems)]),
  ];
  if (!parsed.ok || !settings.ok || consent) {
    io.err([...problems, "", `Usage: ${unlinkUsage}`].join("\n"));
    return 2;
  }
  const args = parsed.arguments;
  let journal: JournalContents | undefined;
  if (args.journal !== undefined) {
    try {
      journal = await readBackfillJournal(args.journal);
    } catch (error) {
      io.err(
        `[journal_unreadable] ${args.journal}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`,
      );
      return 2;
    }
  }

  const client = createAdminClient({ settings: settings.settings });
  let pairs: { primaryId: string; secondaryId: string }[];
  if (args.target.kind === "pair") {
    const primary = await resolveAccount(client, args.target.primaryId, io.terminal);
    if (!primary.ok) {
      io.err(primary.lines.join("\n"));
      return primary.exitCode;
    }
    pairs = [{ primaryId: primary.userId, secondaryId: args.target.secondaryId }];
  } else {
    // The last link first: a later link may stand on an earlier one's primary.
    pairs = [...(journal?.links ?? [])].reverse();
  }
  if (pairs.length === 0) {
    io.out("the journal records no link: nothing to undo");
    return 0;
  }
  if (args.apply) {
    io.out(`--apply will undo ${pairs.length} link(s) on the tenant ${settings.settings.domain}:`);
    for (const pair of pairs) io.out(`  ${pair.primaryId}  unlink  ${pair.secondaryId}`);
    if (!(await confirmed(args.yes, io.terminal, "Undo them?"))) {
      io.err("not confirmed: nothing was changed");
      return 1;
    }
  }
  const now = io.now ?? (() => new Date());
  let failures = 0;
  for (const pair of pairs) {
    const identity = parseSecondaryId(pair.secondaryId);
    let result: UnlinkResult;
    if (!identity) {
      result = {
        ok: false,
        code: "not_linked",
        message: `${pair.secondaryId} is not PROVIDER|USER_ID`,
      };
    } else {
      const journalCopy = journal?.copies.get(pair.secondaryId);
      // A backfill joined every secondary of a primary in one user: all of them stay apart.
      const alsoApartFrom =
        args.target.kind === "journal"
          ? pairs
              .filter((other) => other.primaryId === pair.primaryId)
              .map((other) => other.secondaryId)
          : [];
      result = await unlinkOne({
        client,
        ...pair,
        identity,
        apply: args.apply,
        ...(journalCopy ? { journalCopy } : {}),
        alsoApartFrom,
        now,
      });
    }
    for (const line of describeUnlink(result, args.apply)) io.out(line);
    if (!result.ok) failures++;
  }
  if (pairs.length > 1) {
    io.out(
      `${pairs.length - failures} of ${pairs.length} links ${args.apply ? "undone" : "can be undone"}; ${failures} failed${failures > 0 ? " (run again: every step is safe to repeat)" : ""}`,
    );
  }
  return failures > 0 ? 1 : 0;
}
