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
