// Builds the Action, runs the attack and fault suite against the bundle, and has the suite's
// global setup write the summary to reports/security.md (see test/security/support/global-setup.ts).
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

const projectRoot = resolve(import.meta.dirname, "..");
const reportPath = resolve(projectRoot, "reports/security.md");

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: "inherit", env });
  return result.status ?? 1;
}

const usage = `Usage: npm run security-report

Builds the Action and runs the attack and fault suite against the bundle (test/security), then
writes the summary to reports/security.md. Exit status: 0 when every case passed, 1 when one
failed, 2 for a usage error. It takes no arguments but --help.`;

const [argument] = process.argv.slice(2);
if (argument === "--help" || argument === "-h") {
  console.log(usage);
  process.exit(0);
}
if (argument !== undefined) {
  console.error(`Unknown argument '${argument}'\n\n${usage}`);
  process.exit(2);
}

mkdirSync(dirname(reportPath), { recursive: true });
const built = run("node", ["scripts/build.mjs"]);
if (built !== 0) process.exit(built);
const tested = run("npx", ["vitest", "run", "test/security"], {
  ...process.env,
  SECURITY_REPORT_PATH: reportPath,
});
console.log(`Wrote ${reportPath}`);
// The report is written even when a case fails; the exit status still says so.
process.exit(tested);
