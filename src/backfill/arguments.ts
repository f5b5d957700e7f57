export type SourceChoice = { kind: "export" } | { kind: "search" } | { kind: "file"; path: string };

export interface BackfillArguments {
  apply: boolean;
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
  "npm run backfill -- [--apply] [--source export|search|FILE] [--out DIR] [--max-rps N] [--concurrency N]";

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
