// `npm run doctor [-- --json]`: checks a real tenant before and after a deploy. See README.
import { parseArgs } from "node:util";
import { renderTable } from "../src/doctor/report";
import { doctorScopes } from "../src/doctor/required-scopes";
import { runDoctor } from "../src/doctor/run-doctor";

const usage = `Usage: npm run doctor -- [--json]

  --json   one JSON object instead of the table
  --help   this text

Checks the tenant AUTH0_DOMAIN names, and writes nothing to it. It reads the environment
npm run deploy reads:
  AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET   an administrator's application, granted
                                                       ${doctorScopes.join("\n                                                       ")}
  LINKING_CLIENT_ID, LINKING_CLIENT_SECRET             the Action's application (without them,
                                                       the administrator's stands for it)
  TRUSTED_CONNECTIONS, PROMPTED_LINKING, PROMPT_CLIENT_ID, PROMPT_CLIENT_SECRET, ...
                                                       the Action's settings, as the deploy sets them
What it cannot read it reports as a warning. Exit status: 0 when nothing failed, 1 when a check
failed, 2 for a usage error or a missing or malformed setting.`;

let flags: { json?: boolean; help?: boolean };
try {
  flags = parseArgs({
    options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (flags.help) {
  console.log(usage);
  process.exit(0);
}

const outcome = await runDoctor(process.env);
if (outcome.kind === "settings_invalid") {
  console.error(`${outcome.message}\n\n${usage}`);
  process.exit(2);
}
console.log(flags.json ? JSON.stringify({ rows: outcome.rows }) : renderTable(outcome.rows));
process.exit(outcome.exitCode);
