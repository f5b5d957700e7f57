// `npm run links -- USER_ID [--json]`: a user's audit records. See README ("Audit and undo").
import { runLinks } from "../src/undo/run-links";

process.exitCode = await runLinks(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
