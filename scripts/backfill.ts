import { createProgress } from "../src/backfill/progress";
import { runBackfill } from "../src/backfill/run-backfill";
import { processTerminal } from "../src/cli/terminal";

const progress = createProgress(process.stderr);
runBackfill(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  progress,
  terminal: processTerminal(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    progress.stop();
    // Only the error's name and message: never a stack of values that may hold an address.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : "unexpected error";
    process.stderr.write(`backfill: fatal: ${message}\n`);
    process.exitCode = 1;
  },
);
