// `npm run links -- USER_ID|EMAIL [--json]`: a user's audit records. See README ("Audit and undo").
import { processTerminal } from "../src/cli/terminal";
import { runLinks } from "../src/undo/run-links";

process.exitCode = await runLinks(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  terminal: processTerminal(),
});
