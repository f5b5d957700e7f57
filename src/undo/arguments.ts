import { parseSecondaryId, type SecondaryIdentity } from "../linking/unlink-plan";

export type UnlinkTarget =
  | { kind: "pair"; primaryId: string; secondaryId: string; identity: SecondaryIdentity }
  | { kind: "journal" };

export interface UnlinkArguments {
  apply: boolean;
  /** `--yes`: --apply needs no confirmation on a terminal (CI). */
  yes: boolean;
  help: boolean;
  target: UnlinkTarget;
  /** A backfill's journal.jsonl: its complete copies, and with no pair, every link it made. */
  journal?: string;
}

export type Parsed<T> = { ok: true; arguments: T } | { ok: false; problems: string[] };

export const unlinkUsage =
  "npm run unlink -- --primary USER_ID|EMAIL --secondary PROVIDER|USER_ID [--apply [--yes]] [--journal FILE]\n" +
  "npm run unlink -- --journal FILE [--apply [--yes]]      undo every link a backfill run made";

export const unlinkHelp = `Usage: ${unlinkUsage}

  --primary     the user that holds the link: its user id, or its email address
  --secondary   the linked identity, PROVIDER|USER_ID (npm run links shows it)
  --journal     a backfill's journal.jsonl: its complete copies, and alone, every link it made
  --apply       undo (without it: a dry run that says what would change)
  --yes         confirm --apply without a question (CI); without a terminal, --apply needs it
  --help        this text

Reads AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET. Exit status: 0 done, 1 a runtime
failure (its cause named), 2 a usage error or a missing or malformed setting.`;

export const linksUsage = "npm run links -- USER_ID|EMAIL [--json]";

export const linksHelp = `Usage: ${linksUsage}

  USER_ID|EMAIL  the user, by its user id or its email address (several accounts: choose one)
  --json         the records as JSON
  --help         this text

Reads AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET. Exit status: 0 done, 1 a runtime
failure (its cause named), 2 a usage error or a missing or malformed setting.`;

function splitFlag(flag: string): [string, string | undefined] {
  if (!flag.startsWith("--") || !flag.includes("=")) return [flag, undefined];
  const at = flag.indexOf("=");
  return [flag.slice(0, at), flag.slice(at + 1)];
}

/** Reads the command line of `npm run unlink`; names every unknown, missing or malformed flag. */
export function parseUnlinkArguments(argv: readonly string[]): Parsed<UnlinkArguments> {
  const problems: string[] = [];
  let apply = false;
  let yes = false;
  let help = false;
  let primaryId: string | undefined;
  let secondaryId: string | undefined;
  let journal: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const [name, inline] = splitFlag(argv[index] as string);
    const value = () => {
      const taken = inline ?? argv[++index];
      if (taken === undefined || taken === "" || taken.startsWith("--")) {
        problems.push(`${name} needs a value`);
        return undefined;
      }
      return taken;
    };
    switch (name) {
      case "--apply":
        apply = true;
        break;
      case "--yes":
        yes = true;
        break;
      case "--help":
      case "-h":
        help = true;
        break;
      case "--primary":
        primaryId = value();
        break;
      case "--secondary":
        secondaryId = value();
        break;
      case "--journal":
        journal = value();
        break;
      default:
        problems.push(`unknown argument ${name}`);
    }
  }
  const identity = secondaryId === undefined ? undefined : parseSecondaryId(secondaryId);
  if (secondaryId !== undefined && identity === undefined) {
    problems.push("--secondary must be PROVIDER|USER_ID, e.g. google-oauth2|1048");
  }
  if (primaryId !== undefined && primaryId === secondaryId) {
    problems.push("--primary and --secondary name the same user: name the linked identity");
  }
  if ((primaryId === undefined) !== (secondaryId === undefined)) {
    problems.push("--primary and --secondary go together");
  }
  if (help) return { ok: true, arguments: { apply, yes, help, target: { kind: "journal" } } };
  if (primaryId === undefined && secondaryId === undefined && journal === undefined) {
    problems.push("name a link (--primary and --secondary) or a backfill journal (--journal)");
  }
  if (problems.length > 0) return { ok: false, problems };
  const target: UnlinkTarget =
    primaryId !== undefined && secondaryId !== undefined && identity !== undefined
      ? { kind: "pair", primaryId, secondaryId, identity }
      : { kind: "journal" };
  return {
    ok: true,
    arguments: { apply, yes, help, target, ...(journal === undefined ? {} : { journal }) },
  };
}

export interface LinksArguments {
  /** A user id or an email address. */
  userId: string;
  json: boolean;
  help: boolean;
}

export function parseLinksArguments(argv: readonly string[]): Parsed<LinksArguments> {
  const problems: string[] = [];
  const ids: string[] = [];
  let json = false;
  let help = false;
  for (const argument of argv) {
    if (argument === "--json") json = true;
    else if (argument === "--help" || argument === "-h") help = true;
    else if (argument.startsWith("--")) problems.push(`unknown argument ${argument}`);
    else ids.push(argument);
  }
  if (help) return { ok: true, arguments: { userId: "", json, help } };
  if (ids.length !== 1) problems.push("name exactly one USER_ID or EMAIL");
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, arguments: { userId: ids[0] as string, json, help } };
}
