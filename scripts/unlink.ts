// `npm run unlink -- --primary USER_ID|EMAIL --secondary PROVIDER|USER_ID [--apply [--yes]] [--journal FILE]`:
// reverses a link. See README ("Audit and undo").
import { processTerminal } from "../src/cli/terminal";
import { runUnlink } from "../src/undo/run-unlink";

process.exitCode = await runUnlink(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  terminal: processTerminal(),
});
