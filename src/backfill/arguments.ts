export type SourceChoice = { kind: "export" } | { kind: "search" } | { kind: "file"; path: string };

export interface BackfillArguments {
  apply: boolean;
  /** `--yes`: --apply needs no confirmation on a terminal (CI). */
  yes: boolean;
  help: boolean;
  source: SourceChoice;
  /** Undefined: a new folder under ./backfill/. */
  outDir?: string;
  maxRequestsPerSecond?: number;
  /** Groups applied at once; they share the pacer, so this only hides round trips. */
  concurrency: number;
}

export type ArgumentsResult =
  | { ok: true; arguments: BackfillArguments }
  | { ok: false; problems: string[] };

export const defaultConcurrency = 4;
const maxConcurrency = 32;

export const usage =
  "npm run backfill -- [--apply [--yes]] [--source export|search|FILE] [--out DIR] [--max-rps N] [--concurrency N]";

export const help = `Usage: ${usage}

  --apply          link the planned groups (without it: a dry run that changes nothing)
  --yes            confirm --apply without a question (CI); without a terminal, --apply needs it
  --source         export (default), search, or a FILE of users (an export, JSON lines)
  --out DIR        where the plan, summary and journal go (default: a new folder under ./backfill/)
  --max-rps N      at most N Management API requests per second
  --concurrency N  groups applied at once (1 to 32, default 4)
  --help           this text

Reads AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and the Action's settings. Exit status:
0 done, 1 a runtime failure (its cause named), 2 a usage error or a missing or malformed setting.`;

function positiveNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^[0-9]+(\.[0-9]+)?$/.test(value)) return undefined;
  const number = Number(value);
  return number > 0 ? number : undefined;
}

/** Reads the command line; names every unknown or malformed flag. */
export function parseArguments(argv: readonly string[]): ArgumentsResult {
  const problems: string[] = [];
  const parsed: BackfillArguments = {
    apply: false,
    yes: false,
    help: false,
    source: { kind: "export" },
    concurrency: defaultConcurrency,
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index] as string;
    const [name, inline] =
      flag.startsWith("--") && flag.includes("=") ? flag.split(/=(.*)/s) : [flag];
    const takeValue = () => inline ?? argv[++index];
    switch (name) {
      case "--apply":
        parsed.apply = true;
        break;
      case "--yes":
        parsed.yes = true;
        break;
      case "--help":
      case "-h":
        parsed.help = true;
        break;
      case "--source": {
        const value = takeValue();
        if (value === undefined || value === "")
          problems.push("--source needs export, search or a file");
        else if (value === "export" || value === "search") parsed.source = { kind: value };
        else parsed.source = { kind: "file", path: value };
        break;
      }
      case "--out": {
        const value = takeValue();
        if (value === undefined || value === "") problems.push("--out needs a folder");
        else parsed.outDir = value;
        break;
      }
      case "--max-rps": {
        const value = positiveNumber(takeValue());
        if (value === undefined) problems.push("--max-rps needs a number above 0");
        else parsed.maxRequestsPerSecond = value;
        break;
      }
      case "--concurrency": {
        const value = positiveNumber(takeValue());
        if (value === undefined || !Number.isInteger(value) || value > maxConcurrency) {
          problems.push(`--concurrency needs a whole number from 1 to ${maxConcurrency}`);
        } else parsed.concurrency = value;
        break;
      }
      default:
        problems.push(`unknown argument ${JSON.stringify(flag)}`);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, arguments: parsed };
}
