// `npm run deploy [-- --preview] [-- --allow-unbinding]`: deploys the Action and its post-login
// binding with auth0-deploy-cli. See README ("Deploy") for the settings it reads.
import { parseArgs } from "node:util";
import { runDeploy } from "../src/deploy/deploy";

const usage = `Usage: npm run deploy -- [--preview] [--allow-unbinding]

  --preview          print what would change (actions, bindings) and change nothing
  --allow-unbinding  deploy even if it drops post-login bindings tenant.yaml does not list

Reads AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET (the deploying application) and the
Action's keywords (LINKING_AUTH0_DOMAIN, LINKING_CLIENT_ID, LINKING_CLIENT_SECRET, LINKING_MODE
(required: dry-run for a first deploy, then link), and optional TRUSTED_CONNECTIONS,
MERGE_APP_METADATA_KEYS, ON_ERROR, TIME_BUDGET_MS, PROMPTED_LINKING, PROMPT_CLIENT_ID, PROMPT_CLIENT_SECRET, PROMPT_SNOOZE_DAYS, AUTOMATIC_LINKING) from
the environment.`;

let flags: { preview?: boolean; "allow-unbinding"?: boolean; help?: boolean };
try {
  flags = parseArgs({
    options: {
      preview: { type: "boolean" },
      "allow-unbinding": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (flags.help) {
  console.log(usage);
  process.exit(0);
}

const outcome = await runDeploy({
  env: process.env,
  preview: flags.preview ?? false,
  allowUnbinding: flags["allow-unbinding"] ?? false,
  log: (line) => console.log(line),
  output: (chunk) => process.stdout.write(chunk),
});

if (outcome.ok) {
  console.log(outcome.applied ? "Deployed." : "Preview only: nothing was changed.");
} else {
  console.error(`Deploy stopped [${outcome.code}]: ${outcome.message}`);
  for (const problem of outcome.problems ?? []) {
    console.error(`  - [${problem.code}] ${problem.message}`);
  }
  // A missing or malformed setting is a usage error, as in every other command.
  process.exitCode = outcome.code === "settings_invalid" ? 2 : 1;
}
